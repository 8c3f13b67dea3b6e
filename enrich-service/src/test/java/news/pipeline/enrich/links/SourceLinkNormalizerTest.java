package news.pipeline.enrich.links;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.SourceLink;
import org.junit.jupiter.api.Test;

class SourceLinkNormalizerTest {

    private final SourceLinkNormalizer normalizer = new SourceLinkNormalizer(ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void samplesSameSectionLinksGetTitleTimeAndList() {
        List<SourceLink> links = normalizer.normalize(SeedArticle.article("seed").getSourceLinks(),
                "https://baothaibinh.example/tin/seed");

        assertThat(links).hasSize(20);
        SourceLink first = links.getFirst();
        assertThat(first.getList()).isEqualTo("same-section");
        assertThat(first.getTitle())
                .isEqualTo("HLV Diego Giustozzi: Tuyển futsal Việt Nam có nhiều phương án giành chiến thắng");
        // 02.11.2024 17:55 in Vietnam (UTC+7) — "PM" after a 24-hour time is ignored
        assertThat(first.getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T10:55:00Z"));
        assertThat(links.stream().filter(l -> l.getList().equals("by-date")))
                .hasSize(10)
                .allSatisfy(l -> assertThat(l.getPublishedAt()).isNull());
        assertThat(links.get(3).getTitle()).endsWith("biến đổi khí hậu 2024\"");
    }

    @Test
    void urlsAreResolvedUnsafeOnesDroppedDuplicatesRemoved() {
        List<SourceLink> links = normalizer.normalize(List.of(
                SourceLink.newBuilder().setList("related").setTitle("  Một   tin  ").setUrl("/tin/1").build(),
                SourceLink.newBuilder().setList("Tin liên quan").setTitle("Một tin").setUrl("/tin/1").build(),
                SourceLink.newBuilder().setList("related").setTitle("Xấu").setUrl("javascript:alert(1)").build(),
                SourceLink.newBuilder().setList("related").setTitle("Giờ chiều 02.11.2024 | 02:30 PM").build()),
                "https://site.example/a/b");

        assertThat(links).hasSize(3);
        assertThat(links.get(0).getTitle()).isEqualTo("Một tin");
        assertThat(links.get(0).getUrl()).isEqualTo("https://site.example/tin/1");
        assertThat(links.get(1).getUrl()).isNull();
        assertThat(links.get(2).getTitle()).isEqualTo("Giờ chiều");
        assertThat(links.get(2).getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T07:30:00Z"));
    }
}

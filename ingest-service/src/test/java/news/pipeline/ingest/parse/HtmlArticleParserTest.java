package news.pipeline.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.normalize.ArticleNormalizer;
import news.pipeline.ingest.support.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HtmlArticleParserTest {

    private static ParsedArticle page;

    @BeforeAll
    static void parse() {
        page = new HtmlArticleParser().parse(Samples.read("article-page-vi.html"),
                ParseContext.of("baothaibinh", ZoneId.of("Asia/Ho_Chi_Minh")));
    }

    @Test
    void metadata() {
        assertThat(page.uri()).isEqualTo("https://baothaibinh.example/tin-tuc/day-manh-thuc-hien-quy-che-dan-chu-12345.html");
        assertThat(page.language()).isEqualTo("vi");
        assertThat(page.headline()).isEqualTo("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở");
        assertThat(page.subheadline()).startsWith("Các đồng chí: Ngô Đông Hải");
        assertThat(page.byline()).isEqualTo("Mạnh Cường");
        assertThat(page.section()).isEqualTo("Chính trị");
        assertThat(page.keywords()).containsExactly("quy chế dân chủ", "Thái Bình");
        // printed "02.11.2024 | 17:55 PM", site time UTC+7
        assertThat(page.firstCreated()).isEqualTo(Instant.parse("2024-11-02T10:55:00Z"));
    }

    @Test
    void audioFromThePlayerWithAbsoluteUrl() {
        assertThat(page.audio()).singleElement().satisfies(audio -> {
            assertThat(audio.getHref()).isEqualTo(
                    "https://baothaibinh.example/media/audio/251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
            assertThat(audio.getFileName()).isEqualTo("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
            assertThat(audio.getMimeType()).isEqualTo("audio/mpeg");
            assertThat(audio.getTitle()).isEqualTo("Nghe bài viết");
        });
    }

    @Test
    void figureBecomesImageWithCaptionAndCredit() {
        assertThat(page.images()).singleElement().satisfies(image -> {
            assertThat(image.getHref()).isEqualTo("https://baothaibinh.example/media/img/hoi-nghi.jpg");
            assertThat(image.getCaption()).isEqualTo("Các đại biểu dự hội nghị.");
            assertThat(image.getCredit()).isEqualTo("Thành Tâm");
            assertThat(image.getWidth()).isEqualTo(800);
        });
    }

    @Test
    void relatedLinksWithUrlsAndTimes() {
        assertThat(page.sourceLinks()).hasSize(2).allSatisfy(link -> assertThat(link.getList()).isEqualTo("same-section"));
        assertThat(page.sourceLinks().getFirst().getTitle())
                .isEqualTo("HLV Diego Giustozzi: Tuyển futsal Việt Nam có nhiều phương án giành chiến thắng");
        assertThat(page.sourceLinks().getFirst().getUrl()).isEqualTo("https://baothaibinh.example/the-thao/hlv-diego-giustozzi.html");
        assertThat(page.sourceLinks().get(1).getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T10:56:00Z"));
    }

    @Test
    void bodyIsTheArticleTextOnlyAndSafeOnceNormalised() {
        ParsedArticle normalised = ArticleNormalizer.normalize(page, "vi");

        assertThat(normalised.bodyHtml())
                .contains("<p>Năm 2019", "Tại hội nghị", "href=\"https://baothaibinh.example/tin-tuc/hoi-nghi-ban-chi-dao.html\"")
                .doesNotContain("<script", "onclick", "javascript:", "<h1", "<figure", "<audio", "Tin cùng chuyên mục",
                        "Mạnh Cường", "Trang chủ", "17:55", "Các đồng chí: Ngô Đông Hải");
        assertThat(normalised.bodyText().split("\n\n")).hasSize(3);
        assertThat(normalised.bodyText()).startsWith("Năm 2019").contains("đóng góp ý kiến")
                .doesNotContain("Các đại biểu dự hội nghị.", "Thành Tâm", "HLV Diego");
    }

    @Test
    void aPageWithoutHeadlineIsRefused() {
        assertThatThrownBy(() -> new HtmlArticleParser().parse("<html><body><p>text</p></body></html>",
                ParseContext.of("f", ZoneId.of("UTC"))))
                .isInstanceOfSatisfying(InvalidArticleException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("headline"));
    }
}

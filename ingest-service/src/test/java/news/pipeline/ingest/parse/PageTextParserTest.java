package news.pipeline.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import news.pipeline.events.SourceLink;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.support.Samples;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed page text, field by field: everything lands in a field, nothing else leaks into the body. */
class PageTextParserTest {

    private static final ParseContext SAIGON = ParseContext.of("baothaibinh", ZoneId.of("Asia/Ho_Chi_Minh"));
    private static String seed;
    private static ParsedArticle article;

    @BeforeAll
    static void parseSeed() {
        seed = Samples.read("seed-article-vi.txt");
        article = new PageTextParser().parse(seed, SAIGON);
    }

    @Test
    void headlineIsTheFirstLine() {
        assertThat(article.headline()).isEqualTo("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở");
    }

    @Test
    void audioLineGivesTheNarrationFile() {
        assertThat(article.audio()).singleElement().satisfies(audio -> {
            assertThat(audio.getFileName()).isEqualTo("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
            assertThat(audio.getMimeType()).isEqualTo("audio/mpeg");
            assertThat(audio.getHref()).isNull();
        });
    }

    @Test
    void leadIsTheFirstParagraph() {
        assertThat(article.subheadline()).startsWith("Các đồng chí: Ngô Đông Hải, Ủy viên dự khuyết Trung ương Đảng")
                .endsWith("thành viên Ban Chỉ đạo dự hội nghị.");
    }

    @Test
    void bodyHasTheFourBodyParagraphsAndNothingElse() {
        List<String> paragraphs = List.of(article.bodyText().split("\n\n"));
        assertThat(paragraphs).hasSize(4);
        assertThat(paragraphs.get(0)).startsWith("Năm 2019, việc thực hiện quy chế dân chủ");
        assertThat(paragraphs.get(1)).startsWith("Tại hội nghị, các đại biểu đã phát biểu");
        assertThat(paragraphs.get(2)).startsWith("Phát biểu kết luận, đồng chí Phó Bí thư");
        assertThat(paragraphs.get(3)).startsWith("Năm 2020 là năm tổ chức đại hội đảng bộ")
                .endsWith("kiểm tra giám sát việc thực hiện quy chế dân chủ ở cơ sở.");
        assertThat(article.bodyText())
                .doesNotContain("Audio:", "mixdown.mp3", "Các đại biểu dự hội nghị.", "Mạnh Cường", "Ảnh:", "Thành Tâm",
                        "Tin cùng chuyên mục", "Xem tin theo ngày", "HLV Diego Giustozzi", "Tô Lâm", "17:55")
                .doesNotContain(article.subheadline())
                .doesNotContain(article.headline());
    }

    @Test
    void captionBylineAndPhotoCredit() {
        assertThat(article.byline()).isEqualTo("Mạnh Cường");
        assertThat(article.images()).singleElement().satisfies(image -> {
            assertThat(image.getCaption()).isEqualTo("Các đại biểu dự hội nghị.");
            assertThat(image.getCredit()).isEqualTo("Thành Tâm");
            assertThat(image.getHref()).isNull();
        });
    }

    @Test
    void sameSectionListHasTitlesAndUtcTimes() {
        List<SourceLink> sameSection = links("same-section");
        assertThat(sameSection).hasSize(10);
        assertThat(sameSection.getFirst().getTitle())
                .isEqualTo("HLV Diego Giustozzi: Tuyển futsal Việt Nam có nhiều phương án giành chiến thắng");
        // 17:55 in Hanoi (UTC+7) is 10:55 UTC; "PM" after a 24-hour time is ignored
        assertThat(sameSection.getFirst().getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T10:55:00Z"));
        assertThat(sameSection.get(3).getTitle()).isEqualTo("Học sinh Thái Bình đạt giải nhất cuộc thi \"Hùng biện tiếng Anh "
                + "cho trẻ em về phòng, chống thiên tai và thích ứng biến đổi khí hậu 2024\"");
        assertThat(sameSection.get(6).getTitle()).endsWith("(Tiếp theo)");
        assertThat(sameSection.get(6).getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T11:00:00Z"));
        assertThat(sameSection.get(9).getTitle()).isEqualTo("Sẽ có series phim hoạt hình dành cho trẻ em về siêu anh hùng Iron Man");
        assertThat(sameSection.get(9).getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T07:30:00Z"));
        assertThat(sameSection).allSatisfy(link -> {
            assertThat(link.getPublishedAt()).isNotNull();
            assertThat(link.getTitle()).doesNotContain("|", "PM", "02.11.2024").doesNotStartWith("-");
            assertThat(link.getUrl()).isNull();
        });
    }

    @Test
    void byDateListHasTitlesOnly() {
        List<SourceLink> byDate = links("by-date");
        assertThat(byDate).hasSize(10);
        assertThat(byDate.getFirst().getTitle()).isEqualTo("Lễ dâng y Kathina do Quốc vương Thái Lan cúng dường tại Thái Bình");
        assertThat(byDate.getLast().getTitle()).isEqualTo("Chống lãng phí - Thông điệp mạnh mẽ của Tổng Bí thư Tô Lâm");
        assertThat(byDate).allSatisfy(link -> assertThat(link.getPublishedAt()).isNull());
        assertThat(article.sourceLinks()).hasSize(20);
    }

    @Test
    void pageTextCarriesNoIdVersionTimeOrLanguage() {
        assertThat(article.sourceId()).isNull();
        assertThat(article.uri()).isNull();
        assertThat(article.version()).isNull();
        assertThat(article.versionCreated()).isNull();
        assertThat(article.language()).isNull();
    }

    @Test
    void decomposedInputParsesLikeComposed() {
        String decomposed = Normalizer.normalize(seed, Normalizer.Form.NFD);
        assertThat(decomposed).isNotEqualTo(seed);

        ParsedArticle fromDecomposed = new PageTextParser().parse(decomposed, SAIGON);

        assertThat(fromDecomposed.byline()).isEqualTo("Mạnh Cường");
        assertThat(fromDecomposed.images().getFirst().getCredit()).isEqualTo("Thành Tâm");
        assertThat(fromDecomposed.sourceLinks()).hasSize(20);
        assertThat(fromDecomposed.bodyText()).isEqualTo(article.bodyText());
    }

    @Test
    void withoutPhotoCreditNoLineIsTakenForACaption() {
        String noPhoto = seed.replace("Ảnh: Thành Tâm\n", "");

        ParsedArticle parsed = new PageTextParser().parse(noPhoto, SAIGON);

        assertThat(parsed.images()).isEmpty();
        assertThat(parsed.bodyText()).contains("Các đại biểu dự hội nghị.");
        // without a credit the byline is still the short closing name line
        assertThat(parsed.byline()).isEqualTo("Mạnh Cường");
    }

    @Test
    void audioUrlKeepsHrefAndFileName() {
        ParsedArticle parsed = new PageTextParser().parse("""
                Tiêu đề
                Audio: https://media.example/a/251219_thoia_x_mixdown.mp3
                Một đoạn văn.
                """, SAIGON);

        assertThat(parsed.audio().getFirst().getHref()).isEqualTo("https://media.example/a/251219_thoia_x_mixdown.mp3");
        assertThat(parsed.audio().getFirst().getFileName()).isEqualTo("251219_thoia_x_mixdown.mp3");
    }

    @Test
    void refusesWhatItCannotRead() {
        PageTextParser parser = new PageTextParser();
        assertThatThrownBy(() -> parser.parse("  \n \n", SAIGON))
                .isInstanceOfSatisfying(InvalidArticleException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("body"));
        assertThatThrownBy(() -> parser.parse("Tiêu đề\nAudio: không có\nĐoạn văn.", SAIGON))
                .isInstanceOfSatisfying(InvalidArticleException.class,
                        e -> assertThat(e.errors().getFirst().field()).isEqualTo("audio"));
        assertThatThrownBy(() -> parser.parse("Tiêu đề\nĐoạn văn.\nTin cùng chuyên mục\n- Một tin 32.11.2024 | 17:55 PM", SAIGON))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> {
                    assertThat(e.errors().getFirst().field()).isEqualTo("sourceLinks[0].publishedAt");
                    assertThat(e.errors().getFirst().problem()).contains("32.11.2024 | 17:55");
                });
    }

    private static List<SourceLink> links(String list) {
        return article.sourceLinks().stream().filter(l -> l.getList().equals(list)).toList();
    }
}

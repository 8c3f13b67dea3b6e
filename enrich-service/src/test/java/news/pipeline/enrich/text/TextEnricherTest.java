package news.pipeline.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.RawArticle;
import org.junit.jupiter.api.Test;

class TextEnricherTest {

    private final TextEnricher enricher = new TextEnricher(200);

    @Test
    void seedArticleIsVietnameseWithWordCountReadingTimeAndSlug() {
        RawArticle seed = SeedArticle.builder("seed").setLanguage(null).build();
        TextStats stats = enricher.analyse(seed);

        assertThat(stats.language()).isEqualTo("vi");
        int expectedWords = Folding.words(seed.getHeadline()).size() + Folding.words(seed.getSubheadline()).size()
                + Folding.words(seed.getBodyText()).size();
        assertThat(stats.wordCount()).isEqualTo(expectedWords).isBetween(800, 1200);
        assertThat(stats.readingTimeSeconds()).isEqualTo((int) Math.ceil(expectedWords * 60.0 / 200));
        assertThat(stats.slug()).isEqualTo("day-manh-thuc-hien-quy-che-dan-chu-o-cac-loai-hinh-co-so");
    }

    @Test
    void detectsEnglishWhateverTheFeedDeclared() {
        RawArticle english = SeedArticle.other("en-1", "vi", "Parliament passes the budget after a long debate",
                "Lawmakers approved the spending plan by a narrow margin on Tuesday.", "The vote was close.",
                Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(enricher.analyse(english).language()).isEqualTo("en");
    }

    @Test
    void shortOrUnknownTextKeepsTheDeclaredLanguageElseUnd() {
        assertThat(LanguageDetector.detect("Xin chao", "vi-VN")).isEqualTo("vi");
        assertThat(LanguageDetector.detect("12345", null)).isEqualTo("und");
    }

    @Test
    void leadRepeatedAtTheStartOfTheBodyIsCountedOnce() {
        RawArticle article = SeedArticle.other("x", "en", "Title here", "Lead sentence.", "Lead sentence. More text.",
                Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(enricher.analyse(article).wordCount()).isEqualTo(2 + 2 + 2);
    }

    @Test
    void foldingRemovesVietnameseDiacritics() {
        assertThat(Folding.fold("Đẩy mạnh thực hiện quy chế dân chủ đồng chí"))
                .isEqualTo("day manh thuc hien quy che dan chu dong chi");
        assertThat(Folding.slug("  Ủy ban — Nhân dân!  ", '_')).isEqualTo("uy_ban_nhan_dan");
        assertThat(TextEnricher.slug("a".repeat(120))).hasSize(TextEnricher.MAX_SLUG);
    }
}

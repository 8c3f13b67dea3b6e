package news.pipeline.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.List;
import news.pipeline.events.AudioRef;
import news.pipeline.events.SourceLink;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import org.junit.jupiter.api.Test;

class ArticleNormalizerTest {

    private static final String COMPOSED = "Đẩy mạnh thực hiện quy chế dân chủ";
    private static final String DECOMPOSED = Normalizer.normalize(COMPOSED, Normalizer.Form.NFD);

    @Test
    void decomposedVietnameseBecomesNfcInEveryField() {
        assertThat(DECOMPOSED).isNotEqualTo(COMPOSED).hasSizeGreaterThan(COMPOSED.length());
        ParsedArticle a = ParsedArticle.builder(SourceFormat.JSON)
                .headline(DECOMPOSED).subheadline(DECOMPOSED).byline("Mạnh Cường".transform(TextNormalizerTest::nfd))
                .bodyText(DECOMPOSED).keyword(DECOMPOSED)
                .audio(AudioRef.newBuilder().setFileName(DECOMPOSED + ".mp3").build())
                .sourceLink(SourceLink.newBuilder().setList("related").setTitle(DECOMPOSED).build())
                .build();

        ParsedArticle n = ArticleNormalizer.normalize(a, "vi");

        assertThat(n.headline()).isEqualTo(COMPOSED);
        assertThat(n.subheadline()).isEqualTo(COMPOSED);
        assertThat(n.byline()).isEqualTo("Mạnh Cường");
        assertThat(n.bodyText()).isEqualTo(COMPOSED);
        assertThat(n.bodyHtml()).isEqualTo("<p>" + COMPOSED + "</p>");
        assertThat(n.keywords()).containsExactly(COMPOSED);
        assertThat(n.audio().getFirst().getFileName()).isEqualTo(COMPOSED + ".mp3");
        assertThat(n.sourceLinks().getFirst().getTitle()).isEqualTo(COMPOSED);
        assertThat(Normalizer.isNormalized(n.bodyHtml(), Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void bodyHtmlIsSanitisedAndTextDerivedFromIt() {
        ParsedArticle a = ParsedArticle.builder(SourceFormat.JSON).headline("x")
                .bodyHtml("<p onclick=\"steal()\" style=\"color:red\">Một <b>đoạn</b> <a href=\"javascript:alert(1)\">văn</a>.</p>"
                        + "<script>alert('x')</script><style>p{}</style>"
                        + "<p>Hai <a href=\"/tin/2\">liên kết</a> <img src=\"data:image/png;base64,AAAA\"></p>")
                .uri("https://site.example/tin/1")
                .build();

        ParsedArticle n = ArticleNormalizer.normalize(a, null);

        assertThat(n.bodyHtml())
                .doesNotContain("script", "style", "onclick", "javascript:", "data:", "alert")
                .contains("<b>đoạn</b>", "<a href=\"https://site.example/tin/2\">liên kết</a>");
        assertThat(n.bodyText()).isEqualTo("Một đoạn văn.\n\nHai liên kết");
    }

    @Test
    void languageKeptWhenGivenElseTheFeedDefault() {
        ParsedArticle given = ParsedArticle.builder(SourceFormat.JSON).headline("x").language("vi_vn").build();
        ParsedArticle absent = ParsedArticle.builder(SourceFormat.JSON).headline("x").build();

        assertThat(ArticleNormalizer.normalize(given, "en").language()).isEqualTo("vi-VN");
        assertThat(ArticleNormalizer.normalize(absent, "vi").language()).isEqualTo("vi");
        assertThat(ArticleNormalizer.normalize(absent, null).language()).isNull();
    }

    @Test
    void whitespaceAndInvisibleCharactersCleaned() {
        ParsedArticle a = ParsedArticle.builder(SourceFormat.JSON)
                .headline("  Tin\u00A0nóng \u200B\t mới  ")
                .keywords(List.of(" a ", "a", "", "b"))
                .bodyText("Đoạn một\ncòn tiếp.\n\n\n  Đoạn   hai. ")
                .build();

        ParsedArticle n = ArticleNormalizer.normalize(a, null);

        assertThat(n.headline()).isEqualTo("Tin nóng mới");
        assertThat(n.keywords()).containsExactly("a", "b");
        assertThat(n.bodyText()).isEqualTo("Đoạn một còn tiếp.\n\nĐoạn hai.");
    }
}

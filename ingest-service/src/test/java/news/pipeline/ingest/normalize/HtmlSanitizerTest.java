package news.pipeline.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.jsoup.nodes.Entities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "<p>ok</p><script>alert(1)</script>",
            "<p onmouseover=\"alert(1)\">ok</p>",
            "<p>ok <a href=\"javascript:alert(1)\">x</a></p>",
            "<p>ok <a href=\" JaVaScRiPt:alert(1)\">x</a></p>",
            "<p>ok</p><style>body{display:none}</style>",
            "<p style=\"background:url(javascript:alert(1))\">ok</p>",
            "<p>ok <img src=\"x\" onerror=\"alert(1)\"></p>",
            "<p>ok</p><iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=\"alert(1)\"><p>ok</p></svg>"})
    void dangerousMarkupIsRemoved(String html) {
        String clean = HtmlSanitizer.sanitize(html, "https://site.example/a").html();
        assertThat(clean).contains("ok").doesNotContainIgnoringCase("javascript").doesNotContain("alert", "<script",
                "<style", "onerror", "onmouseover", "onload", "<iframe", "style=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<p>Một <em>đoạn</em></p>", "<ul><li>một</li></ul>", "<blockquote>trích</blockquote>",
            "<figure><figcaption>Chú thích</figcaption></figure>"})
    void structureIsKept(String html) {
        assertThat(HtmlSanitizer.sanitize(html, null).html()).isEqualTo(html);
    }

    @Test
    void textBecomesTheHtmlJsoupWouldWriteForIt() {
        Random random = new Random(7);
        String alphabet = "aăâđêôơư &<>\"'\u00A0\u00ADé€😀\n";
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0, random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            StringBuilder escaped = new StringBuilder();
            HtmlSanitizer.escape(text.toString(), escaped);
            assertThat(escaped.toString()).as("escape of %s", text).isEqualTo(Entities.escape(text.toString()));
        }
        assertThat(HtmlSanitizer.fromText("Một & hai\n\n<ba>")).isEqualTo("<p>Một &amp; hai</p><p>&lt;ba&gt;</p>");
    }

    @Test
    void givesTheTextOfTheSanitisedBodyFromTheSameParse() {
        HtmlSanitizer.Body body = HtmlSanitizer.sanitize("<h2>Tít</h2><p>Một <b>đoạn</b><br>dòng</p><script>x()</script><p>hai</p>",
                null);
        assertThat(body.html()).isEqualTo("<h2>Tít</h2><p>Một <b>đoạn</b><br>dòng</p><p>hai</p>");
        assertThat(body.text()).isEqualTo("Tít\n\nMột đoạn dòng\n\nhai");
        assertThat(HtmlSanitizer.sanitize("<script>x()</script><p> </p>", null)).isNull();
        assertThat(HtmlSanitizer.sanitize("<img src=\"https://site.example/a.jpg\">", null)).isNotNull();
    }
}

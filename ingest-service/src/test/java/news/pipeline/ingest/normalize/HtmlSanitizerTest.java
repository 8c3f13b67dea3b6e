package news.pipeline.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

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
        String clean = HtmlSanitizer.sanitize(html, "https://site.example/a");
        assertThat(clean).contains("ok").doesNotContainIgnoringCase("javascript").doesNotContain("alert", "<script",
                "<style", "onerror", "onmouseover", "onload", "<iframe", "style=");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<p>Một <em>đoạn</em></p>", "<ul><li>một</li></ul>", "<blockquote>trích</blockquote>",
            "<figure><figcaption>Chú thích</figcaption></figure>"})
    void structureIsKept(String html) {
        assertThat(HtmlSanitizer.sanitize(html, null)).isEqualTo(html);
    }
}

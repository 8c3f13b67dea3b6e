package news.pipeline.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.SourceLink;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import org.junit.jupiter.api.Test;

class WebAddressesTest {

    private static final String PAGE = "https://baothaibinh.example/tin/2019/quy-che.html";

    @Test
    void webAddressesPassRelativeOnesAreResolvedAgainstTheArticle() {
        List<FieldError> errors = new ArrayList<>();

        assertThat(WebAddresses.check(" HTTPS://media.example/a.jpg ", PAGE, "f", errors)).isEqualTo("HTTPS://media.example/a.jpg");
        assertThat(WebAddresses.check("/img/a.jpg", PAGE, "f", errors)).isEqualTo("https://baothaibinh.example/img/a.jpg");
        assertThat(WebAddresses.check("b.mp3", PAGE, "f", errors)).isEqualTo("https://baothaibinh.example/tin/2019/b.mp3");
        assertThat(WebAddresses.check("//cdn.example/x.jpg", PAGE, "f", errors)).isEqualTo("https://cdn.example/x.jpg");
        assertThat(WebAddresses.check("  ", PAGE, "f", errors)).isNull();
        assertThat(errors).isEmpty();
    }

    @Test
    void everyOtherSchemeIsRefusedWithTheFieldNamed() {
        for (String address : List.of("javascript:alert(1)", "JavaScript:alert(1)", "data:image/png;base64,AAAA",
                "file:///etc/passwd", "ftp://files.example/a.jpg", "vbscript:msgbox(1)")) {
            List<FieldError> errors = new ArrayList<>();
            assertThat(WebAddresses.check(address, PAGE, "images[2].href", errors)).as(address).isNull();
            assertThat(errors).as(address).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo("images[2].href");
                assertThat(e.problem()).contains("only http and https");
            });
        }
    }

    @Test
    void relativeWithoutAWebAddressToResolveAgainstHostlessAndMalformedAreRefused() {
        List<FieldError> errors = new ArrayList<>();
        WebAddresses.check("/img/a.jpg", null, "a", errors);
        WebAddresses.check("http:///nohost", PAGE, "b", errors);
        WebAddresses.check("http://exa mple.com/x", PAGE, "c", errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("a", "b", "c");
        assertThat(errors.get(0).problem()).contains("relative");
        assertThat(errors.get(1).problem()).contains("no host");
        assertThat(errors.get(2).problem()).contains("not a URL");
    }

    @Test
    void theArticlesOwnUriMayBeAnIdentifierButNeverAScript() {
        List<FieldError> errors = new ArrayList<>();
        assertThat(WebAddresses.checkArticleUri("urn:newsml:afp.com:20191219:abc", errors)).isEqualTo("urn:newsml:afp.com:20191219:abc");
        assertThat(WebAddresses.checkArticleUri("tag:baothaibinh.example,2019:1", errors)).isEqualTo("tag:baothaibinh.example,2019:1");
        assertThat(WebAddresses.base("urn:newsml:afp.com:20191219:abc")).isNull();
        assertThat(errors).isEmpty();
        assertThat(WebAddresses.checkArticleUri("javascript:alert(1)", errors)).isNull();
        assertThat(errors).extracting(FieldError::field).containsExactly("uri");
    }

    @Test
    void theNormalizerRefusesTheArticleNamingEveryBadAddress() {
        ParsedArticle article = ParsedArticle.builder(SourceFormat.JSON)
                .headline("Tin").bodyText("Văn bản.").uri(PAGE)
                .image(ImageRef.newBuilder().setHref("data:image/png;base64,AAAA").build())
                .audio(AudioRef.newBuilder().setFileName("251219_a.mp3").setHref("javascript:play()").build())
                .sourceLink(SourceLink.newBuilder().setList("related").setTitle("Bài liên quan").setUrl("/tin/2.html").build())
                .build();

        assertThatThrownBy(() -> ArticleNormalizer.normalize(article, "vi"))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("images[0].href", "audio[0].href"));

        ParsedArticle fine = article.toBuilder().images(List.of()).audio(List.of()).build();
        assertThat(ArticleNormalizer.normalize(fine, "vi").sourceLinks().getFirst().getUrl())
                .isEqualTo("https://baothaibinh.example/tin/2.html");
    }
}

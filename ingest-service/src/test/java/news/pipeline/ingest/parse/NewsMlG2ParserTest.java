package news.pipeline.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import news.pipeline.events.PubStatus;
import news.pipeline.events.SubjectRef;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import news.pipeline.ingest.support.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsMlG2ParserTest {

    private final NewsMlG2Parser parser = new NewsMlG2Parser();
    private final ParseContext context = ParseContext.of("wire-en", ZoneId.of("Asia/Ho_Chi_Minh"));

    @Test
    void aNewsItemWithSubjectsPicturesLinksAndAnXhtmlBody() {
        ParsedArticle a = parser.parse(Samples.example("g2-newsitem.xml"), context);

        assertThat(a.format()).isEqualTo(SourceFormat.NEWSML_G2);
        assertThat(a.sourceId()).isEqualTo("urn:newsml:wire.example.com:20241102:nRTR4512Z");
        assertThat(a.uri()).isEqualTo("https://wire.example.com/world/asia/vietnam-rice-harvest-2024-11-02/");
        assertThat(a.version()).isEqualTo(3L);
        assertThat(a.versionCreated()).isEqualTo(Instant.parse("2024-11-02T09:42:00Z"));
        assertThat(a.firstCreated()).isEqualTo(Instant.parse("2024-11-02T07:15:00Z"));
        assertThat(a.pubStatus()).isEqualTo(PubStatus.usable);
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.headline()).isEqualTo("Vietnam's farmers bring in an early autumn rice crop as prices climb");
        assertThat(a.subheadline()).isEqualTo("Thai Binh growers expect record yields after a dry October");
        assertThat(a.byline()).isEqualTo("By Mai Nguyen");
        assertThat(a.located()).isEqualTo("Thai Binh");
        assertThat(a.keywords()).containsExactly("rice", "harvest");
        assertThat(a.subjects()).containsExactly(
                new SubjectRef("medtop:20000210", "agriculture", NinjsParser.MEDIATOPIC_SCHEME),
                new SubjectRef("medtop:04000000", "economy, business and finance", NinjsParser.MEDIATOPIC_SCHEME),
                new SubjectRef("iso3166-1a2:VN", "Vietnam", null));
        // the XHTML as HTML text, entities kept escaped; the script goes later, in the sanitiser like every format's
        assertThat(a.bodyHtml()).startsWith("<p>THAI BINH, Vietnam, Nov 2")
                .contains("<a href=\"https://wire.example.com/markets/rice/\">Rice prices</a>", "6.5 tonnes per hectare &amp; a")
                .doesNotContain("<title>", "xmlns");
        assertThat(a.images()).singleElement().satisfies(image -> {
            assertThat(image.getHref()).isEqualTo("https://media.wire.example.com/pictures/rice-harvest-thai-binh.jpg");
            assertThat(image.getCaption()).startsWith("Farmers harvest rice in Thai Binh");
            assertThat(image.getMimeType()).isEqualTo("image/jpeg");
            assertThat(image.getWidth()).isEqualTo(2048);
            assertThat(image.getHeight()).isEqualTo(1365);
        });
        assertThat(a.sourceLinks()).singleElement().satisfies(link -> {
            assertThat(link.getUrl()).isEqualTo("https://wire.example.com/world/asia/vietnam-exports-2024-10-20/");
            assertThat(link.getTitle()).isEqualTo("Vietnam's rice exports hit record in October");
        });
    }

    @Test
    void aCanceledItemIsAKillAndNeedsNoHeadline() {
        ParsedArticle a = parser.parse(Samples.example("g2-newsitem-kill.xml"), context);

        assertThat(a.isKill()).isTrue();
        assertThat(a.sourceId()).isEqualTo("urn:newsml:wire.example.com:20241102:nRTR4512Z");
        assertThat(a.version()).isEqualTo(4L);
    }

    @Test
    void anUpdateCarriesItsHigherVersionAndAWithheldItemItsStatus() {
        String update = Samples.example("g2-newsitem.xml").replace("version=\"3\"", "version=\"5\"")
                .replace("stat:usable", "stat:withheld");

        ParsedArticle a = parser.parse(update, context);

        assertThat(a.version()).isEqualTo(5L);
        assertThat(a.pubStatus()).isEqualTo(PubStatus.withheld);
    }

    @Test
    void aNewsMessageIsOneItemPerItemAndAPackageIsRefusedWithItsReason() {
        List<ParsedItem> items = parser.items(Samples.example("g2-newsmessage.xml"), context);

        assertThat(items).hasSize(3);
        assertThat(items.get(0).problem().getMessage()).contains("packageItem", "references 2 items", "holds no article");
        ParsedArticle metro = items.get(1).article();
        assertThat(metro.headline()).isEqualTo("Hanoi opens the underground section of its second metro line");
        assertThat(metro.bodyText()).startsWith("HANOI, Nov 2 - The first underground stretch");
        assertThat(metro.versionCreated()).isEqualTo(Instant.parse("2024-11-02T02:55:00Z"));
        assertThat(metro.subjects()).extracting(SubjectRef::getCode).containsExactly("medtop:04000000");
        assertThat(items.get(2).article()).isNull();
        assertThat(items.get(2).problem().errors()).extracting(e -> e.field()).containsExactly("contentMeta.headline");
    }

    @Test
    void aNewsMessagePostedAsOneArticleIsSentToTheBatchEndpoint() {
        assertThatThrownBy(() -> parser.parse(Samples.example("g2-newsmessage.xml"), context))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("post it to the batch endpoint");
    }

    @Test
    void anItemWithoutGuidOrWithABadStatusNamesEveryField() {
        String bad = Samples.example("g2-newsitem.xml")
                .replace("guid=\"urn:newsml:wire.example.com:20241102:nRTR4512Z\"", "")
                .replace("stat:usable", "stat:maybe")
                .replace("<versionCreated>2024-11-02T09:42:00Z", "<versionCreated>yesterday");

        assertThatThrownBy(() -> parser.parse(bad, context)).isInstanceOfSatisfying(InvalidArticleException.class,
                e -> assertThat(e.errors()).extracting(err -> err.field())
                        .containsExactlyInAnyOrder("newsItem.guid", "itemMeta.pubStatus", "itemMeta.versionCreated"));
    }

    @Test
    void anotherRootOrNotXmlAtAllIsRefused() {
        assertThatThrownBy(() -> parser.parse("<rss version=\"2.0\"><channel/></rss>", context))
                .hasMessageContaining("not a NewsML-G2 newsItem");
        assertThatThrownBy(() -> parser.parse("{\"headline\": \"json\"}", context))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("not well-formed XML");
    }

    // ---- hostile documents: each refused at once, nothing expanded or fetched ----

    @Test
    void billionLaughsIsRefusedWithoutExpandingAnything() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doc.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10))
                    .append("\">\n");
        }
        doc.append("]>\n<newsItem xmlns=\"").append(NewsMlG2Parser.G2_NAMESPACE)
                .append("\" guid=\"x\"><contentMeta><headline>&lol9;</headline></contentMeta></newsItem>");

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThatThrownBy(() -> parser.parse(doc.toString(), context))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("DOCTYPE is not accepted"));
    }

    @Test
    void anExternalEntityIsNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String doc = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<newsItem xmlns=\"" + NewsMlG2Parser.G2_NAMESPACE + "\" guid=\"x\"><contentMeta><headline>&xxe;"
                + "</headline></contentMeta></newsItem>";

        assertThatThrownBy(() -> parser.parse(doc, context)).isInstanceOf(InvalidArticleException.class)
                .hasMessageContaining("DOCTYPE").hasMessageNotContaining("TOP-SECRET");
        // and in a batch, the whole document is refused before any item is read
        assertThatThrownBy(() -> parser.items(doc, context)).isInstanceOf(InvalidArticleException.class);
    }

    @Test
    void deepNestingIsRefusedAtTheLimit() {
        int depth = 100_000;
        String deep = "<newsItem xmlns=\"" + NewsMlG2Parser.G2_NAMESPACE + "\" guid=\"x\">" + "<a>".repeat(depth)
                + "</a>".repeat(depth) + "</newsItem>";
        String fine = "<newsItem xmlns=\"" + NewsMlG2Parser.G2_NAMESPACE + "\" guid=\"x\"><contentMeta><headline>ok"
                + "</headline></contentMeta><contentSet><inlineXML>" + "<div>".repeat(20) + "deep enough" + "</div>".repeat(20)
                + "</inlineXML></contentSet></newsItem>";

        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThatThrownBy(() -> parser.parse(deep, context))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("deeper than " + SecureXml.MAX_DEPTH));
        assertThat(parser.parse(fine, context).bodyHtml()).contains("deep enough");
    }
}

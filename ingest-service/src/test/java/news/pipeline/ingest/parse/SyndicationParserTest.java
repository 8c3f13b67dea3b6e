package news.pipeline.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import news.pipeline.ingest.support.Samples;
import org.junit.jupiter.api.Test;

class SyndicationParserTest {

    private final SyndicationParser parser = new SyndicationParser();
    private final ParseContext rssContext = new ParseContext("baothaibinh", ZoneId.of("Asia/Ho_Chi_Minh"),
            "https://baothaibinh.example/rss/tin-moi.rss");
    private final ParseContext atomContext = new ParseContext("wire-en", ZoneId.of("UTC"),
            "https://wire.example.com/asia.atom");

    @Test
    void rssItemsWithFullTextSummaryOnlyAndAnUnusableOne() {
        SyndicationParser.Feed feed = parser.parse(Samples.example("feed.rss"), rssContext);

        assertThat(feed.format()).isEqualTo(SourceFormat.RSS);
        assertThat(feed.title()).isEqualTo("Báo Thái Bình - Tin mới");
        assertThat(feed.entries()).hasSize(3);

        SyndicationParser.Entry first = feed.entries().get(0);
        assertThat(first.summaryOnly()).isFalse();
        ParsedArticle a = first.item().article();
        assertThat(a.format()).isEqualTo(SourceFormat.RSS);
        assertThat(a.sourceId()).isEqualTo("bt-1001");
        assertThat(a.uri()).isEqualTo("https://baothaibinh.example/tin/nong-dan-thu-hoach-lua-mua-som-1001.html");
        assertThat(a.headline()).isEqualTo("Nông dân Thái Bình thu hoạch lúa mùa sớm");
        assertThat(a.subheadline()).isEqualTo("Nông dân các huyện ven biển bắt đầu thu hoạch lúa mùa sớm một tuần.");
        assertThat(a.bodyHtml()).startsWith("<p>Sáng 2/11, nông dân huyện Thái Thụy"); // sanitised later
        assertThat(a.versionCreated()).isEqualTo(Instant.parse("2024-11-02T02:00:00Z"));
        assertThat(a.byline()).isEqualTo("Thanh Hà");
        assertThat(a.language()).isEqualTo("vi");
        assertThat(a.keywords()).containsExactly("Nông nghiệp", "Kinh tế");
        assertThat(a.images()).singleElement().satisfies(image -> {
            assertThat(image.getHref()).isEqualTo("https://baothaibinh.example/images/2024/11/lua-mua.jpg");
            assertThat(image.getCaption()).isEqualTo("Nông dân xã Thụy Trình gặt lúa.");
        });

        SyndicationParser.Entry second = feed.entries().get(1);
        assertThat(second.summaryOnly()).isTrue();
        ParsedArticle b = second.item().article();
        assertThat(b.sourceId()).isEqualTo("https://baothaibinh.example/tin/ban-tin-thoi-su-toi-2-11-1002.html");
        assertThat(b.bodyHtml()).isEqualTo("Những tin chính trong ngày của tỉnh Thái Bình.");
        assertThat(b.versionCreated()).isEqualTo(Instant.parse("2024-11-02T12:30:00Z"));
        assertThat(b.audio()).singleElement().satisfies(audio -> {
            assertThat(audio.getFileName()).isEqualTo("ban-tin-2-11.mp3");
            assertThat(audio.getSizeBytes()).isEqualTo(2_400_000L);
        });

        InvalidArticleException problem = feed.entries().get(2).item().problem();
        assertThat(problem.errors()).extracting(e -> e.field())
                .containsExactlyInAnyOrder("item[2]", "item[2].title", "item[2].pubDate");
    }

    @Test
    void atomEntriesWithXhtmlContentHtmlTitlesAndRelativeLinks() {
        SyndicationParser.Feed feed = parser.parse(Samples.example("feed.atom"), atomContext);

        assertThat(feed.format()).isEqualTo(SourceFormat.ATOM);
        ParsedArticle a = feed.entries().get(0).item().article();
        assertThat(feed.entries().get(0).summaryOnly()).isFalse();
        assertThat(a.sourceId()).isEqualTo("tag:wire.example.com,2024:asia/hanoi-metro");
        assertThat(a.uri()).isEqualTo("https://wire.example.com/asia/hanoi-metro-2024-11-02");
        assertThat(a.headline()).isEqualTo("Hanoi opens underground metro section");
        assertThat(a.subheadline()).isEqualTo("The first underground stretch opened on Saturday.");
        assertThat(a.bodyHtml()).startsWith("<p>HANOI - The first underground stretch").contains("<p>Officials expect");
        assertThat(a.versionCreated()).isEqualTo(Instant.parse("2024-11-02T02:55:00Z"));
        assertThat(a.firstCreated()).isEqualTo(Instant.parse("2024-11-02T01:40:00Z"));
        assertThat(a.byline()).isEqualTo("Linh Pham");
        assertThat(a.keywords()).containsExactly("transport");
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.images()).extracting(i -> i.getCaption()).containsExactly("The new station");

        SyndicationParser.Entry second = feed.entries().get(1);
        assertThat(second.summaryOnly()).isTrue();
        assertThat(second.item().article().bodyHtml()).isEqualTo("<p>Authorities warn of flooding in Can Tho.</p>");
    }

    @Test
    void rfc822DatesInTheirCommonSpellings() {
        assertThat(SyndicationParser.rfc822("Sat, 02 Nov 2024 09:00:00 +0700", ZoneId.of("UTC"), "d", new java.util.ArrayList<>()))
                .isEqualTo(Instant.parse("2024-11-02T02:00:00Z"));
        assertThat(SyndicationParser.rfc822("2 Nov 2024 09:00:00 UT", ZoneId.of("UTC"), "d", new java.util.ArrayList<>()))
                .isEqualTo(Instant.parse("2024-11-02T09:00:00Z"));
        assertThat(SyndicationParser.rfc822("2024-11-02T09:00:00+07:00", ZoneId.of("UTC"), "d", new java.util.ArrayList<>()))
                .isEqualTo(Instant.parse("2024-11-02T02:00:00Z"));
    }

    @Test
    void otherDocumentsAndHostileXmlAreRefusedWhole() {
        assertThatThrownBy(() -> parser.parse("<html><body>not a feed</body></html>", rssContext))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("not an RSS 2.0 <rss> or an Atom <feed>");
        assertThatThrownBy(() -> parser.parse("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<rss><channel><item><title>&x;</title></item></channel></rss>", rssContext))
                .isInstanceOf(InvalidArticleException.class).hasMessageContaining("DOCTYPE");
    }
}

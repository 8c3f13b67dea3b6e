package news.pipeline.ingest.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.events.Delivery;
import news.pipeline.ingest.events.EventStoreUnavailableException;
import news.pipeline.ingest.events.RawArticleWriter;
import news.pipeline.ingest.feeds.FeedActivity;
import news.pipeline.ingest.feeds.FeedContext;
import news.pipeline.ingest.feeds.FeedProperties;
import news.pipeline.ingest.feeds.FeedSettings;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import news.pipeline.ingest.parse.PageTextParser;
import news.pipeline.ingest.parse.ParseContext;
import news.pipeline.ingest.support.Samples;
import org.junit.jupiter.api.Test;

/** Identity, unchanged detection and versioning, with a writer that records instead of sending. */
class ArticleIngestorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T06:00:00Z");
    private static final FeedContext FEED = new FeedContext("baothaibinh",
            new FeedSettings(List.of("k"), ZoneId.of("Asia/Ho_Chi_Minh"), "vi", 10, 10, null, null));

    private final List<RawArticle> sent = new ArrayList<>();
    private boolean kafkaDown;
    private final RawArticleWriter writer = article -> {
        if (kafkaDown) {
            throw new EventStoreUnavailableException("broker down", null);
        }
        sent.add(article);
        return new Delivery("raw", 0, sent.size() - 1);
    };
    private final ArticleStateStore store = new ArticleStateStore();
    private final ArticleIngestor ingestor = new ArticleIngestor(store, writer,
            new IngestMetrics(new SimpleMeterRegistry(), store), activity(), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void pageTextFirstVersionIsTheReceiveTimeAndAnIdenticalRepostIsUnchanged() {
        ParsedArticle page = pageText();

        IngestOutcome first = ingestor.ingest(FEED, page, SourceHints.NONE);
        IngestOutcome again = ingestor.ingest(FEED, page, SourceHints.NONE);

        assertThat(first).isInstanceOf(IngestOutcome.Accepted.class);
        assertThat(first.version()).isEqualTo(NOW.toEpochMilli());
        assertThat(again).isEqualTo(new IngestOutcome.Unchanged(first.id(), first.version()));
        assertThat(sent).hasSize(1);
        RawArticle event = sent.getFirst();
        assertThat(event.getId()).isEqualTo(first.id()).startsWith("baothaibinh-");
        assertThat(event.getFeed()).isEqualTo("baothaibinh");
        assertThat(event.getLanguage()).isEqualTo("vi");
        assertThat(event.getVersionCreated()).isEqualTo(NOW);
        assertThat(event.getReceivedAt()).isEqualTo(NOW);
        assertThat(event.getContentHash()).hasSize(64);
        assertThat(event.getSourceFormat()).isEqualTo("page-text");
        assertThat(event.getBodyHtml()).startsWith("<p>Năm 2019");
    }

    @Test
    void aChangeGetsTheNextVersion() {
        ParsedArticle page = pageText();
        IngestOutcome first = ingestor.ingest(FEED, page, SourceHints.NONE);

        IngestOutcome changed = ingestor.ingest(FEED, page.toBuilder().byline("Thành Tâm").build(), SourceHints.NONE);

        assertThat(changed.id()).isEqualTo(first.id());
        assertThat(changed.version()).isEqualTo(first.version() + 1);
        assertThat(sent).hasSize(2);
    }

    @Test
    void hintsIdentifyPageText() {
        IngestOutcome byUrl = ingestor.ingest(FEED, pageText(), new SourceHints(null, "https://baothaibinh.example/a/1"));
        IngestOutcome byHeadline = ingestor.ingest(FEED, pageText(), SourceHints.NONE);

        assertThat(byUrl.id()).isNotEqualTo(byHeadline.id());
        assertThat(sent.getFirst().getUri()).isEqualTo("https://baothaibinh.example/a/1");
    }

    @Test
    void feedVersionsAreKeptAndStaleOnesRefused() {
        ParsedArticle v3 = json("s-1", 3L, "three");
        ingestor.ingest(FEED, v3, SourceHints.NONE);

        assertThat(ingestor.ingest(FEED, json("s-1", 5L, "five"), SourceHints.NONE).version()).isEqualTo(5L);
        assertThatThrownBy(() -> ingestor.ingest(FEED, json("s-1", 4L, "four"), SourceHints.NONE))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> assertThat(e.currentVersion()).isEqualTo(5L));
        // the same content as the current version is unchanged whatever version number it carries
        assertThat(ingestor.ingest(FEED, json("s-1", 9L, "five"), SourceHints.NONE))
                .isInstanceOf(IngestOutcome.Unchanged.class);
        assertThat(sent).extracting(RawArticle::getVersion).containsExactly(3L, 5L);
    }

    @Test
    void killIsAnEventAndASecondKillIsUnchanged() {
        IngestOutcome posted = ingestor.ingest(FEED, json("s-2", 7L, "text"), SourceHints.NONE);

        IngestOutcome kill = ingestor.kill(FEED, "s-2", null);
        IngestOutcome killAgain = ingestor.killById(FEED, posted.id());

        assertThat(kill).isInstanceOfSatisfying(IngestOutcome.Accepted.class, k -> {
            assertThat(k.id()).isEqualTo(posted.id());
            assertThat(k.version()).isEqualTo(8L);
            assertThat(k.pubStatus()).isEqualTo(PubStatus.canceled);
        });
        assertThat(killAgain).isInstanceOf(IngestOutcome.Unchanged.class);
        assertThat(sent.getLast().getPubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(sent.getLast().getHeadline()).isNull();
        // content posted after a kill brings the article back
        assertThat(ingestor.ingest(FEED, json("s-2", 9L, "text"), SourceHints.NONE)).isInstanceOf(IngestOutcome.Accepted.class);
    }

    @Test
    void aKillGoesThroughEvenWithAnOldFeedVersion() {
        ingestor.ingest(FEED, json("s-3", 7L, "text"), SourceHints.NONE);
        ParsedArticle canceled = json("s-3", 7L, "text").toBuilder().pubStatus(PubStatus.canceled).build();

        assertThat(ingestor.ingest(FEED, canceled, SourceHints.NONE).version()).isEqualTo(8L);
    }

    @Test
    void nothingIsRememberedWhenKafkaFails() {
        ParsedArticle page = pageText();
        kafkaDown = true;
        assertThatThrownBy(() -> ingestor.ingest(FEED, page, SourceHints.NONE)).isInstanceOf(EventStoreUnavailableException.class);
        assertThat(store.size()).isZero();

        kafkaDown = false;
        IngestOutcome retried = ingestor.ingest(FEED, page, SourceHints.NONE);

        assertThat(retried).isInstanceOf(IngestOutcome.Accepted.class);
        assertThat(retried.version()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void nextVersionRules() {
        var known = java.util.Optional.of(new news.pipeline.ingest.identity.ArticleState(100, "h", PubStatus.usable));
        var unknown = java.util.Optional.<news.pipeline.ingest.identity.ArticleState>empty();
        assertThat(ArticleIngestor.nextVersion("a", unknown, null, false, NOW)).isEqualTo(NOW.toEpochMilli());
        assertThat(ArticleIngestor.nextVersion("a", known, null, false, NOW)).isEqualTo(101);
        // a receive-time version written earlier (perhaps by another instance): never below this receive time
        var earlier = java.util.Optional.of(new news.pipeline.ingest.identity.ArticleState(NOW.toEpochMilli() - 5_000, "h",
                PubStatus.usable));
        assertThat(ArticleIngestor.nextVersion("a", earlier, null, false, NOW)).isEqualTo(NOW.toEpochMilli());
        assertThat(ArticleIngestor.nextVersion("a", earlier, null, true, NOW)).isEqualTo(NOW.toEpochMilli());
        var justWritten = java.util.Optional.of(new news.pipeline.ingest.identity.ArticleState(NOW.toEpochMilli(), "h",
                PubStatus.usable));
        assertThat(ArticleIngestor.nextVersion("a", justWritten, null, false, NOW)).isEqualTo(NOW.toEpochMilli() + 1);
        assertThat(ArticleIngestor.nextVersion("a", unknown, 2L, false, NOW)).isEqualTo(2);
        assertThat(ArticleIngestor.nextVersion("a", known, 200L, false, NOW)).isEqualTo(200);
        assertThat(ArticleIngestor.nextVersion("a", known, 50L, true, NOW)).isEqualTo(101);
        assertThatThrownBy(() -> ArticleIngestor.nextVersion("a", known, 100L, false, NOW))
                .isInstanceOf(StaleVersionException.class);
        // room is left for the enrichment revisions in Elasticsearch's external version
        long largest = news.pipeline.schemas.topics.ArticleVersions.MAX_ARTICLE_VERSION;
        assertThat(ArticleIngestor.nextVersion("a", unknown, largest, false, NOW)).isEqualTo(largest);
        assertThatThrownBy(() -> ArticleIngestor.nextVersion("a", unknown, largest + 1, false, NOW))
                .isInstanceOf(news.pipeline.ingest.model.InvalidArticleException.class)
                .hasMessageContaining("version");
    }

    /**
     * Two ingest instances behind a load balancer, each with its own state, posts of one article
     * alternating between them: every version must be above the one before, or Elasticsearch's external
     * versioning drops the update (with "last version + 1" the third post got T + 1, below the second's T + 1 s).
     */
    @Test
    void versionsClimbAcrossTwoInstancesPostingUpdatesOfTheSameArticleInTurn() {
        Instant[] now = {NOW};
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now[0];
            }
        };
        ArticleStateStore storeA = new ArticleStateStore();
        ArticleStateStore storeB = new ArticleStateStore();
        ArticleIngestor a = new ArticleIngestor(storeA, writer, new IngestMetrics(new SimpleMeterRegistry(), storeA), activity(), clock);
        ArticleIngestor b = new ArticleIngestor(storeB, writer, new IngestMetrics(new SimpleMeterRegistry(), storeB), activity(), clock);
        ParsedArticle page = pageText();

        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ArticleIngestor instance = i % 2 == 0 ? a : b;
            now[0] = NOW.plusSeconds(i);
            versions.add(instance.ingest(FEED, page.toBuilder().byline("Phóng viên " + i).build(), SourceHints.NONE).version());
        }

        assertThat(versions).isSorted().doesNotHaveDuplicates();
        assertThat(sent).extracting(RawArticle::getVersion).containsExactlyElementsOf(versions);
    }

    private static ParsedArticle pageText() {
        return new PageTextParser().parse(Samples.read("seed-article-vi.txt"),
                new ParseContext("baothaibinh", ZoneId.of("Asia/Ho_Chi_Minh"), null));
    }

    private static ParsedArticle json(String sourceId, Long version, String body) {
        return ParsedArticle.builder(SourceFormat.JSON).sourceId(sourceId).version(version).headline("Tin " + sourceId)
                .bodyText(body).build();
    }

    private static FeedActivity activity() {
        return new FeedActivity(new FeedProperties(Map.of()), Clock.systemUTC(), new SimpleMeterRegistry());
    }
}

package news.pipeline.ingest.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.events.Delivery;
import news.pipeline.ingest.events.RawArticleWriter;
import news.pipeline.ingest.feeds.FeedActivity;
import news.pipeline.ingest.feeds.FeedContext;
import news.pipeline.ingest.identity.ArticleIds;
import news.pipeline.ingest.identity.ArticleState;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.ingest.identity.ContentHasher;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import news.pipeline.ingest.normalize.ArticleNormalizer;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.support.logging.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parsed article → normalised → identified → unchanged, or versioned, sent, acknowledged, remembered.
 *
 * <p>Versions: a feed that versions its articles (ninjs {@code version}, own JSON {@code version})
 * keeps its numbers, and a version not above the last emitted one is refused as stale (409) — an
 * old update arriving late must not overwrite a newer one. For formats without versions (page
 * text, HTML) a version is the receive time in epoch milliseconds, or the last version + 1 when that is
 * higher: strictly increasing per article, above anything emitted earlier when the state was lost
 * (older than the topic's retention), and above what another ingest instance wrote meanwhile, which
 * this one has not seen (with clocks in step), because the clock moved on. A kill always goes through,
 * above the current version when the feed's own is not.
 *
 * <p>The state is updated only after Kafka acknowledged: a failed send leaves it as it was, so
 * the retry is decided exactly like the first attempt.
 */
public class ArticleIngestor {

    private static final Logger log = LoggerFactory.getLogger(ArticleIngestor.class);

    private final ArticleStateStore store;
    private final RawArticleWriter writer;
    private final IngestMetrics metrics;
    private final FeedActivity activity;
    private final Clock clock;

    public ArticleIngestor(ArticleStateStore store, RawArticleWriter writer, IngestMetrics metrics, FeedActivity activity,
            Clock clock) {
        this.store = store;
        this.writer = writer;
        this.metrics = metrics;
        this.activity = activity;
        this.clock = clock;
    }

    public IngestOutcome ingest(FeedContext feed, ParsedArticle parsed, SourceHints hints) {
        return emit(prepare(feed, parsed, hints));
    }

    /** An article normalised and identified, not yet sent: what a batch groups by id. */
    public record Prepared(FeedContext feed, String id, ParsedArticle article) {
    }

    /** Normalises and identifies: no state read, nothing sent. */
    public Prepared prepare(FeedContext feed, ParsedArticle parsed, SourceHints hints) {
        ParsedArticle article = ArticleNormalizer.normalize(hints.applyTo(parsed), feed.settings().defaultLanguage());
        String id = ArticleIds.of(feed.name(), article.sourceId(), article.uri(), article.headline()).id();
        return new Prepared(feed, id, article);
    }

    /** Decides (unchanged, stale or the next version) and sends, under the article's lock. */
    public IngestOutcome emit(Prepared prepared) {
        return emit(prepared.feed(), prepared.id(), prepared.article());
    }

    /** An explicit delete: a canceled event for the article the source id or URL identifies. */
    public IngestOutcome kill(FeedContext feed, String sourceId, String url) {
        ParsedArticle kill = ParsedArticle.builder(SourceFormat.JSON).sourceId(sourceId).uri(url)
                .pubStatus(PubStatus.canceled).build();
        ParsedArticle article = ArticleNormalizer.normalize(kill, null);
        String id = ArticleIds.of(feed.name(), article.sourceId(), article.uri(), null).id();
        return emit(feed, id, article);
    }

    /** An explicit delete by the id this service returned when the article was accepted. */
    public IngestOutcome killById(FeedContext feed, String articleId) {
        return emit(feed, articleId, ParsedArticle.builder(SourceFormat.JSON).pubStatus(PubStatus.canceled).build());
    }

    private IngestOutcome emit(FeedContext feed, String id, ParsedArticle article) {
        Instant receivedAt = clock.instant();
        RawArticle event = toEvent(feed.name(), id, article, receivedAt);
        String hash = ContentHasher.hash(event);
        event.setContentHash(hash);
        String format = article.format().wireName();
        try (LogFields fields = LogFields.open().article(id).feed(feed.name())) {
            return store.withLock(id, () -> {
                Optional<ArticleState> state = store.get(id);
                if (state.isPresent() && state.get().contentHash().equals(hash)) {
                    log.info("unchanged article {} v{} feed={} format={}", id, state.get().version(), feed.name(), format);
                    metrics.unchanged(feed.name(), format, state.get().pubStatus().name());
                    if (feed.settings().poll() == null) {
                        // a pushed re-post shows the feed alive; a polled feed's unchanged entries are our own re-reading
                        activity.articleFrom(feed.name());
                    }
                    return new IngestOutcome.Unchanged(id, state.get().version());
                }
                long version = nextVersion(id, state, article.version(), article.isKill(), receivedAt);
                event.setVersion(version);
                Delivery delivery = writer.write(event);
                store.record(id, new ArticleState(version, hash, event.getPubStatus()));
                fields.at(delivery.topic(), delivery.partition(), delivery.offset());
                log.info("accepted article {} v{} {} feed={} format={} topic={} partition={} offset={}", id, version,
                        event.getPubStatus(), feed.name(), format, delivery.topic(), delivery.partition(), delivery.offset());
                metrics.accepted(feed.name(), format, event.getPubStatus().name());
                activity.articleFrom(feed.name());
                return new IngestOutcome.Accepted(id, version, event.getPubStatus(), delivery);
            });
        }
    }

    static long nextVersion(String id, Optional<ArticleState> state, Long feedVersion, boolean kill, Instant receivedAt) {
        if (feedVersion != null) {
            if (feedVersion > ArticleVersions.MAX_ARTICLE_VERSION) {
                // it would not leave room for the enrichment revisions in Elasticsearch's external version
                throw new InvalidArticleException("version", "must be at most " + ArticleVersions.MAX_ARTICLE_VERSION);
            }
            if (state.isEmpty() || feedVersion > state.get().version()) {
                return feedVersion;
            }
            if (!kill) {
                throw new StaleVersionException(id, feedVersion, state.get().version());
            }
        }
        long floor = receivedAt.toEpochMilli();
        if (state.isEmpty()) {
            return floor;
        }
        long next = state.get().version() + 1;
        if (next > ArticleVersions.MAX_ARTICLE_VERSION) {
            throw new InvalidArticleException("version", "the article's next version would exceed "
                    + ArticleVersions.MAX_ARTICLE_VERSION);
        }
        // a version made from a receive time never falls below this one's: another ingest instance may have
        // written a later version this one has not seen, and with clocks in step that one is below ours.
        // Versions a feed numbers itself (1, 2, ...) are the feed's to order.
        return state.get().version() >= RECEIVE_TIME_VERSIONS ? Math.max(next, floor) : next;
    }

    /** 2001-09-09 in epoch milliseconds: a version at least this large was made from a receive time. */
    static final long RECEIVE_TIME_VERSIONS = 1_000_000_000_000L;

    static RawArticle toEvent(String feed, String id, ParsedArticle a, Instant receivedAt) {
        Instant versionCreated = a.versionCreated() != null ? a.versionCreated()
                : a.firstCreated() != null ? a.firstCreated() : receivedAt;
        return RawArticle.newBuilder()
                .setId(id)
                .setFeed(feed)
                .setSourceId(a.sourceId())
                .setUri(a.uri())
                .setVersion(0L)
                .setVersionCreated(versionCreated)
                .setFirstCreated(a.firstCreated())
                .setPubStatus(a.pubStatus())
                .setLanguage(a.language())
                .setHeadline(a.headline())
                .setSubheadline(a.subheadline())
                .setByline(a.byline())
                .setBodyText(a.bodyText())
                .setBodyHtml(a.bodyHtml())
                .setSection(a.section())
                .setKeywords(a.keywords())
                .setSubjects(a.subjects())
                .setLocated(a.located())
                .setImages(a.images())
                .setAudio(a.audio())
                .setSourceLinks(a.sourceLinks())
                .setReceivedAt(receivedAt)
                .setContentHash("")
                .setSourceFormat(a.format().wireName())
                .build();
    }
}

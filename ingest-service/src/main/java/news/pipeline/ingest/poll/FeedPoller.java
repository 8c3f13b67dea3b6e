package news.pipeline.ingest.poll;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import news.pipeline.ingest.events.EventStoreUnavailableException;
import news.pipeline.ingest.feeds.FeedContext;
import news.pipeline.ingest.feeds.FeedRegistry;
import news.pipeline.ingest.feeds.FeedSettings;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.parse.HtmlArticleParser;
import news.pipeline.ingest.parse.ParseContext;
import news.pipeline.ingest.parse.SyndicationParser;
import news.pipeline.ingest.service.ArticleIngestor;
import news.pipeline.ingest.service.IngestMetrics;
import news.pipeline.ingest.service.IngestOutcome;
import news.pipeline.ingest.service.SourceHints;
import news.pipeline.support.http.GuardedHttp;
import news.pipeline.support.logging.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.SmartLifecycle;

/**
 * Pulls the feeds that have an RSS or Atom URL ({@code ingest.feeds.<name>.poll}), each on its own schedule. A poll
 * is a conditional GET (ETag / Last-Modified) through {@link GuardedHttp} (the feed's allow-list, the SSRF rules,
 * timeouts, a size cap); every entry then takes the path of a pushed article (normalised, identified, unchanged
 * content written nothing, a change a new version), with its page fetched and read by the HTML parser when the feed
 * carries only a summary and the feed asks for it. The validators are kept only when every entry was handled: after
 * a failure (Kafka unavailable, a page that could not be fetched) the next poll reads the feed again, and entries
 * already written come back unchanged. Operators see each feed's polls in health ({@code polling}) and metrics.
 */
public class FeedPoller implements SmartLifecycle, HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);

    private final Map<String, Polled> feeds = new LinkedHashMap<>();
    private final ArticleIngestor ingestor;
    private final ArticleStateStore store;
    private final IngestMetrics metrics;
    private final Clock clock;
    private final MeterRegistry meters;
    private final SyndicationParser syndication = new SyndicationParser();
    private final HtmlArticleParser html = new HtmlArticleParser();
    private ScheduledExecutorService scheduler;

    public FeedPoller(FeedRegistry registry, Map<String, FeedSettings> settings, ArticleIngestor ingestor,
            ArticleStateStore store, IngestMetrics metrics, Clock clock, MeterRegistry meters) {
        this.ingestor = ingestor;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.meters = meters;
        settings.forEach((name, feed) -> {
            if (feed.poll() != null) {
                FeedContext context = registry.feed(name).orElseThrow();
                feeds.put(name, new Polled(context, feed.poll()));
            }
        });
        feeds.values().forEach(this::registerMeters);
    }

    /** What one poll did. */
    public record PollResult(int status, int seen, int added, int changed, int unchanged, int refused, String error) {
    }

    /** Polls one feed now (also what the schedule runs). */
    public PollResult pollOnce(String feed) {
        Polled polled = feeds.get(feed);
        if (polled == null) {
            throw new IllegalArgumentException("feed " + feed + " is not polled");
        }
        synchronized (polled.polling) { // one poll of a feed at a time; status reads do not wait for it
            return polled.poll();
        }
    }

    @Override
    public void start() {
        if (feeds.isEmpty()) {
            return;
        }
        log.info("polling {}", feeds.values().stream().map(p -> p.context.name() + " (" + p.settings.url() + " every "
                + p.settings.interval() + ")").toList());
        scheduler = Executors.newScheduledThreadPool(feeds.size(), Thread.ofPlatform().name("feed-poll-", 0).daemon().factory());
        for (Polled polled : feeds.values()) {
            long interval = polled.settings.interval().toMillis();
            scheduler.scheduleWithFixedDelay(() -> {
                try {
                    pollOnce(polled.context.name());
                } catch (RuntimeException e) { // a bug: logged, and the schedule goes on (an escaping exception ends it)
                    log.error("poll of feed {} failed unexpectedly", polled.context.name(), e);
                }
            }, 0, interval, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    /** After everything else is up (the article state rebuilt): polls go through the same path as posts. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    @Override
    public Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        feeds.forEach((name, polled) -> details.put(name, polled.status()));
        return Health.up().withDetails(details).build();
    }

    private void registerMeters(Polled polled) {
        String feed = polled.context.name();
        Gauge.builder("ingest.poll.last.success.age", polled, p -> p.secondsSinceSuccess())
                .baseUnit("seconds").tag("feed", feed)
                .description("time since the feed was last polled successfully (since start, if never)").register(meters);
    }

    private void count(String feed, String outcome, int n) {
        if (n > 0) {
            Counter.builder("ingest.poll.entries").tag("feed", feed).tag("outcome", outcome)
                    .description("feed entries seen by polls: new, changed, unchanged, refused").register(meters).increment(n);
        }
    }

    private void request(String feed, String outcome) {
        Counter.builder("ingest.poll.requests").tag("feed", feed).tag("outcome", outcome)
                .description("polls by outcome: ok, not-modified, failed").register(meters).increment();
    }

    /** One polled feed: its settings, HTTP client, validators and counts. */
    private final class Polled {
        final FeedContext context;
        final FeedSettings.Poll settings;
        final GuardedHttp http;
        final Instant started;
        final Object polling = new Object();
        String etag;
        String lastModified;
        Instant lastPoll;
        Instant lastSuccess;
        String lastError;
        String lastOutcome;
        long seen;
        long added;
        long changed;
        long unchangedTotal;
        long refused;

        Polled(FeedContext context, FeedSettings.Poll settings) {
            this.context = context;
            this.settings = settings;
            this.http = new GuardedHttp(settings.allowedHosts(), settings.timeout(), settings.maxBytes().toBytes());
            this.started = clock.instant();
        }

        synchronized double secondsSinceSuccess() {
            return Duration.between(lastSuccess != null ? lastSuccess : started, clock.instant()).toMillis() / 1000.0;
        }

        synchronized Map<String, Object> status() {
            Map<String, Object> status = new LinkedHashMap<>();
            status.put("url", settings.url().toString());
            status.put("interval", settings.interval().toString());
            status.put("lastPoll", lastPoll == null ? "never" : lastPoll.toString());
            status.put("lastSuccess", lastSuccess == null ? "never" : lastSuccess.toString());
            status.put("lastOutcome", lastOutcome == null ? "none" : lastOutcome);
            status.put("error", lastError == null ? "none" : lastError);
            status.put("entriesSeen", seen);
            status.put("entriesNew", added);
            status.put("entriesChanged", changed);
            status.put("entriesUnchanged", unchangedTotal);
            status.put("entriesRefused", refused);
            return status;
        }

        PollResult poll() {
            String feed = context.name();
            polled();
            Map<String, String> headers = new HashMap<>();
            headers.put("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8");
            headers.put("User-Agent", "news-pipeline-ingest (feed poller)");
            if (etag != null) {
                headers.put("If-None-Match", etag);
            }
            if (lastModified != null) {
                headers.put("If-Modified-Since", lastModified);
            }
            GuardedHttp.Response response;
            try {
                response = http.get(settings.url().toString(), headers);
            } catch (GuardedHttp.Refused e) {
                return failed("refused: " + e.getMessage());
            } catch (IOException e) {
                return failed("cannot fetch " + settings.url() + ": " + describe(e));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return failed("interrupted");
            }
            if (response.status() == 304) {
                succeeded("304 not modified", null);
                request(feed, "not-modified");
                return new PollResult(304, 0, 0, 0, 0, 0, null);
            }
            if (response.status() != 200) {
                return failed(settings.url() + " answered " + response.status());
            }
            SyndicationParser.Feed parsed;
            try {
                parsed = syndication.parse(new String(response.body(), StandardCharsets.UTF_8),
                        new ParseContext(feed, context.settings().sourceTimeZone(), settings.url().toString()));
            } catch (InvalidArticleException e) {
                return failed("not a readable feed: " + e.getMessage());
            }
            int seenNow = 0;
            int addedNow = 0;
            int changedNow = 0;
            int unchangedNow = 0;
            int refusedNow = 0;
            boolean complete = true;
            for (SyndicationParser.Entry entry : parsed.entries()) {
                seenNow++;
                try (LogFields fields = LogFields.open().feed(feed)) {
                    ParsedArticle article = entry.item().articleOrThrow();
                    if (settings.fetchPages() && entry.summaryOnly() && article.uri() != null) {
                        ParsedArticle withPage = withPage(article);
                        complete &= withPage != article;
                        article = withPage;
                    }
                    ArticleIngestor.Prepared prepared = ingestor.prepare(context, article, SourceHints.NONE);
                    fields.article(prepared.id());
                    boolean known = store.get(prepared.id()).isPresent();
                    IngestOutcome outcome = ingestor.emit(prepared);
                    if (outcome instanceof IngestOutcome.Unchanged) {
                        unchangedNow++;
                    } else if (known) {
                        changedNow++;
                    } else {
                        addedNow++;
                    }
                } catch (InvalidArticleException e) {
                    refusedNow++;
                    metrics.refused(feed, "malformed-input");
                    log.warn("feed {} entry {} refused: {}", feed, seenNow - 1, e.getMessage());
                } catch (EventStoreUnavailableException e) {
                    record(seenNow, addedNow, changedNow, unchangedNow, refusedNow);
                    return failed("entries not written, Kafka unavailable: " + e.getMessage());
                }
            }
            record(seenNow, addedNow, changedNow, unchangedNow, refusedNow);
            String outcome = "200: %d entries, %d new, %d changed, %d unchanged, %d refused".formatted(seenNow, addedNow,
                    changedNow, unchangedNow, refusedNow);
            if (complete) {
                etag = response.header("ETag").orElse(null);
                lastModified = response.header("Last-Modified").orElse(null);
            }
            succeeded(outcome, complete ? null : "a page could not be fetched: its summary was used, the feed is read "
                    + "again next time");
            request(feed, "ok");
            if (addedNow + changedNow + refusedNow > 0) {
                log.info("polled feed {}: {}", feed, outcome);
            }
            return new PollResult(200, seenNow, addedNow, changedNow, unchangedNow, refusedNow, lastError);
        }

        /** The entry completed from its page, or the entry itself (same instance) when the page cannot be read. */
        private ParsedArticle withPage(ParsedArticle entry) {
            try {
                GuardedHttp.Response page = http.get(entry.uri(), Map.of("Accept", "text/html"));
                if (page.status() != 200) {
                    log.warn("feed {}: page {} answered {}; the entry's summary is used", context.name(), entry.uri(),
                            page.status());
                    return entry;
                }
                ParsedArticle read = html.parse(new String(page.body(), StandardCharsets.UTF_8),
                        new ParseContext(context.name(), context.settings().sourceTimeZone(), entry.uri()));
                ParsedArticle.Builder merged = entry.toBuilder().bodyHtml(read.bodyHtml()).bodyText(read.bodyText())
                        .sourceLinks(read.sourceLinks()).section(read.section());
                if (entry.images().isEmpty()) {
                    merged.images(read.images());
                }
                if (entry.audio().isEmpty()) {
                    merged.audio(read.audio());
                }
                if (entry.byline() == null) {
                    merged.byline(read.byline());
                }
                if (entry.subheadline() == null) {
                    merged.subheadline(read.subheadline());
                }
                if (entry.firstCreated() == null) {
                    merged.firstCreated(read.firstCreated());
                }
                if (entry.versionCreated() == null) {
                    merged.versionCreated(read.versionCreated());
                }
                if (entry.language() == null) {
                    merged.language(read.language());
                }
                return merged.build();
            } catch (GuardedHttp.Refused | IOException | InvalidArticleException e) {
                log.warn("feed {}: page {} not read ({}); the entry's summary is used", context.name(), entry.uri(),
                        describe(e));
                return entry;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return entry;
            }
        }

        private synchronized void record(int seenNow, int addedNow, int changedNow, int unchangedNow, int refusedNow) {
            seen += seenNow;
            added += addedNow;
            changed += changedNow;
            unchangedTotal += unchangedNow;
            refused += refusedNow;
            String feed = context.name();
            count(feed, "new", addedNow);
            count(feed, "changed", changedNow);
            count(feed, "unchanged", unchangedNow);
            count(feed, "refused", refusedNow);
        }

        private synchronized void polled() {
            lastPoll = clock.instant();
        }

        private synchronized void succeeded(String outcome, String warning) {
            lastSuccess = clock.instant();
            lastOutcome = outcome;
            lastError = warning;
        }

        private synchronized PollResult failed(String error) {
            lastOutcome = "failed";
            lastError = error;
            request(context.name(), "failed");
            log.warn("poll of feed {} failed: {}", context.name(), error);
            return new PollResult(-1, 0, 0, 0, 0, 0, error);
        }
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null || message.isBlank() ? "" : ": " + message);
    }
}

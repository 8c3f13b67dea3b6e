package news.pipeline.ingest.feeds;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * When each feed last delivered an article (accepted or unchanged: the feed is alive either way), since this
 * instance started. Exported as {@code ingest.feed.silence} [ingest_feed_silence_seconds] per feed, beside its
 * threshold {@code ingest.feed.quiet.after} [ingest_feed_quiet_after_seconds] where one is set, and as the
 * health indicator {@code feeds}: status {@value #QUIET} when a feed with a {@code quiet-after} has sent
 * nothing for that long (a feed gone quiet is a newsroom's problem, not the service's: it answers 200 and
 * leaves readiness alone).
 */
public class FeedActivity implements HealthIndicator {

    public static final String QUIET = "QUIET";

    private final Map<String, FeedSettings> feeds;
    private final Clock clock;
    private final Instant started;
    private final Map<String, Instant> lastArticle = new ConcurrentHashMap<>();

    public FeedActivity(FeedProperties properties, Clock clock, MeterRegistry meters) {
        this.feeds = properties.feeds();
        this.clock = clock;
        this.started = clock.instant();
        feeds.keySet().forEach(feed -> Gauge.builder("ingest.feed.silence", () -> silence(feed).toMillis() / 1000.0)
                .baseUnit("seconds").tag("feed", feed)
                .description("time since the feed's last article (since the service started, if none came)")
                .register(meters));
        // the threshold beside the value, so an alert compares the two and the limit has one home: the feed's settings
        feeds.forEach((feed, settings) -> {
            if (settings.quietAfter() != null) {
                Gauge.builder("ingest.feed.quiet.after", () -> settings.quietAfter().toMillis() / 1000.0)
                        .baseUnit("seconds").tag("feed", feed)
                        .description("the feed's quiet-after: a silence this long turns health to QUIET")
                        .register(meters);
            }
        });
    }

    /** An article came from the feed just now. */
    public void articleFrom(String feed) {
        lastArticle.put(feed, clock.instant());
    }

    /** Time since the feed's last article, or since this instance started. */
    public Duration silence(String feed) {
        return Duration.between(lastArticle.getOrDefault(feed, started), clock.instant());
    }

    @Override
    public Health health() {
        boolean anyQuiet = false;
        Map<String, Object> details = new LinkedHashMap<>();
        for (Map.Entry<String, FeedSettings> feed : feeds.entrySet()) {
            Duration silence = silence(feed.getKey());
            Duration quietAfter = feed.getValue().quietAfter();
            boolean quiet = quietAfter != null && silence.compareTo(quietAfter) >= 0;
            anyQuiet |= quiet;
            Map<String, Object> about = new LinkedHashMap<>();
            Instant last = lastArticle.get(feed.getKey());
            about.put("lastArticleAt", last == null ? "none since " + started : last.toString());
            about.put("silentSeconds", silence.toSeconds());
            about.put("quietAfterSeconds", quietAfter == null ? "never" : quietAfter.toSeconds());
            about.put("quiet", quiet);
            details.put(feed.getKey(), about);
        }
        return Health.status(anyQuiet ? new Status(QUIET, "a feed has sent nothing for longer than its quiet-after")
                : Status.UP).withDetails(details).build();
    }
}

package news.pipeline.publish.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The service's Micrometer meters (Prometheus names in brackets), tagged {@code pipeline=live|reindex}:
 * <ul>
 *   <li>{@code publish.articles} [publish_articles_total], {@code outcome=indexed|deleted|stale|tombstone}: written to
 *       the index, canceled/withheld articles removed, records ignored because the index holds that version or a
 *       newer one, Kafka tombstones (the pipeline's scheme: {@code <service>.articles{outcome}})</li>
 *   <li>{@code pipeline.dead.letters} [pipeline_dead_letters_total], {@code stage=deserialize|index},
 *       {@code reason=refused|undecodable|unexpected} — the name enrich-service counts its dead letters under too</li>
 *   <li>{@code publish.bulk.latency} [publish_bulk_latency_seconds], {@code outcome=ok|failed}</li>
 *   <li>{@code publish.batch.size} [publish_batch_size_records] — records per consumed batch</li>
 *   <li>{@code publish.retries} [publish_retries_total] — backoff waits for a retriable failure</li>
 *   <li>{@code publish.waiting} [publish_waiting] — 1 while consumption is paused waiting to retry</li>
 *   <li>{@code publish.freshness} [publish_freshness_seconds], {@code feed}, {@code action=indexed|deleted} — live
 *       only: from ingest-service's receipt of the article ({@code receivedAt}) to Elasticsearch's acknowledgement
 *       of its document (searchable within the index's refresh interval after that); a histogram, so its
 *       p95 per feed can be alerted on</li>
 * </ul>
 */
public final class PublishMetrics {

    private final MeterRegistry registry;
    private final String pipeline;
    private final Counter indexed;
    private final Counter deleted;
    private final Counter ignoredStale;
    private final Counter ignoredTombstone;
    /** Dead letters by stage and reason, each counter built once. */
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter retries;
    private final Timer bulkOk;
    private final Timer bulkFailed;
    private final DistributionSummary batchSize;
    private final AtomicInteger waiting = new AtomicInteger();
    /** One freshness timer per feed and action, built once. */
    private final Map<String, Timer> freshness = new ConcurrentHashMap<>();

    public PublishMetrics(MeterRegistry registry, String pipeline) {
        this.registry = registry;
        this.pipeline = pipeline;
        indexed = articles("indexed");
        deleted = articles("deleted");
        ignoredStale = articles("stale");
        ignoredTombstone = articles("tombstone");
        // every kind at 0 from the start, so an alert on their increase has series to watch
        deadLettered("deserialize", "undecodable", 0);
        deadLettered("index", "undecodable", 0);
        deadLettered("index", "refused", 0);
        deadLettered("index", "unexpected", 0);
        retries = counter("publish.retries", "backoff waits before retrying a retriable failure");
        bulkOk = Timer.builder("publish.bulk.latency").tag("pipeline", pipeline).tag("outcome", "ok")
                .description("bulk request latency").publishPercentileHistogram().register(registry);
        // same name, so the same histogram shape on both (Prometheus refuses a mix of histogram and summary)
        bulkFailed = Timer.builder("publish.bulk.latency").tag("pipeline", pipeline).tag("outcome", "failed")
                .description("bulk request latency").publishPercentileHistogram().register(registry);
        batchSize = DistributionSummary.builder("publish.batch.size").baseUnit("records").tag("pipeline", pipeline)
                .description("records per consumed batch").register(registry);
        registry.gauge("publish.waiting", java.util.List.of(io.micrometer.core.instrument.Tag.of("pipeline", pipeline)),
                waiting, AtomicInteger::get);
    }

    private Counter articles(String outcome) {
        return Counter.builder("publish.articles").tag("pipeline", pipeline).tag("outcome", outcome)
                .description("enriched records by outcome: indexed, deleted (canceled or withheld), stale (the index "
                        + "holds that version or a newer one), tombstone").register(registry);
    }

    private Counter counter(String name, String description) {
        return Counter.builder(name).tag("pipeline", pipeline).description(description).register(registry);
    }

    public void indexed() {
        indexed.increment();
    }

    public void deleted() {
        deleted.increment();
    }

    public void ignoredStale() {
        ignoredStale.increment();
    }

    public void ignoredTombstone() {
        ignoredTombstone.increment();
    }

    /**
     * A record written to the dead-letter topic.
     *
     * @param stage  where it failed: {@code deserialize} (not a readable article) or {@code index}
     * @param reason {@code refused} (by Elasticsearch, or the mapping to a document), {@code undecodable},
     *               {@code unexpected} (its batch kept failing for another reason)
     */
    public void deadLettered(String stage, String reason) {
        deadLettered(stage, reason, 1);
    }

    private void deadLettered(String stage, String reason, int count) {
        deadLetters.computeIfAbsent(stage + '\n' + reason, key -> Counter.builder("pipeline.dead.letters")
                .tag("pipeline", pipeline).tag("stage", stage).tag("reason", reason)
                .description("records written to the dead-letter topic").register(registry)).increment(count);
    }

    public void retried() {
        retries.increment();
    }

    public void bulk(Duration latency, boolean ok) {
        (ok ? bulkOk : bulkFailed).record(latency);
    }

    public void batch(int records) {
        batchSize.record(records);
    }

    /**
     * An article's time from receipt to acknowledgement by Elasticsearch. Not recorded for a reindex, whose
     * articles were received long ago.
     */
    public void fresh(String feed, String action, Instant receivedAt, Instant acknowledgedAt) {
        if (!"live".equals(pipeline) || receivedAt == null) {
            return;
        }
        String feedTag = feed == null || feed.isBlank() ? "unknown" : feed;
        Timer timer = freshness.computeIfAbsent(feedTag + '\n' + action, key -> Timer.builder("publish.freshness")
                .tag("pipeline", pipeline).tag("feed", feedTag).tag("action", action)
                .description("time from ingest-service's receipt of an article to Elasticsearch's acknowledgement")
                // buckets up to an hour (the default stops at 30 s): an outage's backlog is minutes old when indexed
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry));
        Duration fresh = Duration.between(receivedAt, acknowledgedAt);
        timer.record(fresh.isNegative() ? Duration.ZERO : fresh);
    }

    public void waiting(boolean isWaiting) {
        waiting.set(isWaiting ? 1 : 0);
    }

    public double indexedCount() {
        return indexed.count();
    }

    public double deletedCount() {
        return deleted.count();
    }

    public double ignoredStaleCount() {
        return ignoredStale.count();
    }

    public double deadLetteredCount() {
        return deadLetters.values().stream().mapToDouble(Counter::count).sum();
    }

    public double retryCount() {
        return retries.count();
    }
}

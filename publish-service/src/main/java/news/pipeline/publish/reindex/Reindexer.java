package news.pipeline.publish.reindex;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.pipeline.publish.consume.BatchProcessor;
import news.pipeline.publish.consume.BatchResult;
import news.pipeline.publish.consume.RetrySettings;
import news.pipeline.publish.index.IndexManager;
import news.pipeline.publish.metrics.PublishMetrics;
import news.pipeline.support.failure.TransientFailureException;
import news.pipeline.support.kafka.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Rebuilds the index from the retained (compacted, kept forever) enriched topic into a fresh
 * versioned index, then moves the alias to it in one atomic {@code _aliases} request. Readers keep
 * reading the old index until that moment.
 *
 * <ol>
 *   <li>create {@code <prefix><n+1>} from the template with refresh off and no replicas;</li>
 *   <li>read every partition from the beginning, without a consumer group ({@link TopicReader}), up to
 *       the end offsets taken at the start, in batches of {@code max-records}, through the same
 *       {@link BatchProcessor} as live (same versioning, same dead-lettering); a batch that fails for a
 *       transient reason is run again after a capped exponential backoff, for as long as it takes;</li>
 *   <li>catch up: re-read to the new end offsets, up to {@code catch-up-rounds} times, until a round
 *       finds nothing new;</li>
 *   <li>restore refresh and replicas, refresh, wait for the primaries;</li>
 *   <li>swap the alias atomically (remove old + add new, new is the write index);</li>
 *   <li>close the gap: the live consumer, which keeps running and writes through the alias, may
 *       have written records to the old index after the last catch-up round. Every such record was
 *       produced before the swap, so reading once more up to the end offsets taken after the swap
 *       puts each of them in the new index (external versions make the overlap harmless);</li>
 *   <li>optionally delete the old index.</li>
 * </ol>
 */
public class Reindexer {

    private static final Logger log = LoggerFactory.getLogger(Reindexer.class);

    /** Called just before the alias moves; tests use it to look at both indices and to write meanwhile. */
    public interface Listener {
        void beforeSwap(List<String> oldIndices, String newIndex);
    }

    public record Options(boolean deleteOldIndex, Listener listener) {
        public static Options defaults(ReindexSettings settings) {
            return new Options(settings.deleteOldIndex(), (o, n) -> { });
        }
    }

    public record Result(List<String> oldIndices, String newIndex, long recordsBeforeSwap, int catchUpRounds,
            long recordsAfterSwap, BatchResult totals, boolean oldIndicesDeleted, Duration took) {
    }

    private final IndexManager indexManager;
    private final BatchProcessor processor;
    private final PublishMetrics metrics;
    private final ReindexSettings settings;
    private final RetrySettings retry;
    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final int maxRecords;

    /**
     * @param consumerConfig Kafka client settings (Boot's consumer properties); {@link TopicReader} drops the group
     * @param maxRecords     records per batch
     */
    public Reindexer(IndexManager indexManager, BatchProcessor processor, PublishMetrics metrics,
            ReindexSettings settings, RetrySettings retry, Map<String, Object> consumerConfig, String topic,
            int maxRecords) {
        this.indexManager = indexManager;
        this.processor = processor;
        this.metrics = metrics;
        this.settings = settings;
        this.retry = retry;
        this.consumerConfig = Map.copyOf(consumerConfig);
        this.topic = topic;
        this.maxRecords = maxRecords;
    }

    public Result reindex(Options options) throws IOException {
        long started = System.nanoTime();
        indexManager.putTemplate();
        List<String> oldIndices = indexManager.aliasedIndices();
        String newIndex = indexManager.createNextIndexForLoad();
        log.info("reindex of {} into {} started (alias {} stays on {})", topic, newIndex, indexManager.alias(),
                oldIndices);
        boolean swapped = false;
        try (TopicReader reader = TopicReader.fromBeginning(consumerConfig, topic, "publish-service-reindex",
                maxRecords, Duration.ofSeconds(30))) {
            if (reader.partitions().isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
            }
            Progress load = readToEnd(reader, newIndex, "load");
            BatchResult totals = load.result;
            long beforeSwap = load.records;
            int rounds = 0;
            while (rounds < settings.catchUpRounds() && !reader.atEnd()) {
                rounds++;
                Progress round = readToEnd(reader, newIndex, "catch-up " + rounds);
                totals = totals.plus(round.result);
                beforeSwap += round.records;
            }
            indexManager.finishLoad(newIndex);
            options.listener().beforeSwap(oldIndices, newIndex);
            indexManager.swapAlias(oldIndices, newIndex);
            swapped = true;

            Progress gap = readToEnd(reader, newIndex, "after swap");
            totals = totals.plus(gap.result);

            boolean deleted = false;
            if (options.deleteOldIndex()) {
                for (String old : oldIndices) {
                    indexManager.deleteIndex(old);
                }
                deleted = !oldIndices.isEmpty();
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("reindex done in {} s: {} → {}; {} records before the swap ({} catch-up rounds), {} after;"
                            + " indexed={} deleted={} stale={} tombstones={} dead-lettered={}",
                    took.toSeconds(), oldIndices, newIndex, beforeSwap, rounds, gap.records, totals.indexed(),
                    totals.deleted(), totals.stale(), totals.tombstones(), totals.deadLettered());
            return new Result(oldIndices, newIndex, beforeSwap, rounds, gap.records, totals, deleted, took);
        } catch (IOException | RuntimeException e) {
            if (!swapped) {
                log.warn("reindex into {} failed before the swap ({}); the alias stays on {} and {} is deleted",
                        newIndex, e.toString(), oldIndices, newIndex);
                try {
                    indexManager.deleteIndex(newIndex);
                } catch (IOException | RuntimeException cleanup) {
                    log.warn("could not delete {}: {}", newIndex, cleanup.toString());
                }
            }
            throw e;
        }
    }

    private record Progress(long records, BatchResult result) {
    }

    /** Reads up to the end offsets of now, in batches of {@code max-records}. */
    private Progress readToEnd(TopicReader reader, String index, String phase) {
        List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();
        BatchResult[] total = {BatchResult.empty()};
        long[] nextProgress = {10_000};
        long records = reader.readToEnd(settings.readTimeout(), Duration.ofMillis(500), polled -> {
            pending.addAll(polled);
            while (pending.size() >= maxRecords) {
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(pending.subList(0, maxRecords));
                pending.subList(0, maxRecords).clear();
                total[0] = total[0].plus(processWaitingOutFailures(batch, index));
                if (total[0].records() >= nextProgress[0]) {
                    log.info("reindex {}: {} records into {}", phase, total[0].records(), index);
                    nextProgress[0] += 10_000;
                }
            }
        });
        if (!pending.isEmpty()) {
            total[0] = total[0].plus(processWaitingOutFailures(pending, index));
        }
        log.info("reindex {}: {} records into {}", phase, records, index);
        return new Progress(records, total[0]);
    }

    /** One batch, run again after a backoff for as long as it fails for a transient reason. */
    private BatchResult processWaitingOutFailures(List<ConsumerRecord<String, byte[]>> batch, String index) {
        BackOffExecution backOff = retry.backOff().start();
        int attempt = 0;
        while (true) {
            try {
                return processor.process(batch, index, false);
            } catch (TransientFailureException e) {
                long wait = backOff.nextBackOff();
                attempt++;
                metrics.retried();
                log.warn("{}; retry #{} of the reindex batch in {} ms", e.getMessage(), attempt, wait);
                metrics.waiting(true);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("reindex interrupted while waiting to retry", interrupted);
                } finally {
                    metrics.waiting(false);
                }
            }
        }
    }
}

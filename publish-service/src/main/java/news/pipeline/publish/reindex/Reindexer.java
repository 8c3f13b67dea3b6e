package news.pipeline.publish.reindex;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.publish.config.PublishProperties;
import news.pipeline.publish.consume.BatchContext;
import news.pipeline.publish.consume.BatchProcessor;
import news.pipeline.publish.consume.BatchResult;
import news.pipeline.publish.index.IndexManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the index from the retained (compacted, kept forever) enriched topic into a fresh
 * versioned index, then moves the alias to it in one atomic {@code _aliases} request. Readers keep
 * reading the old index until that moment.
 *
 * <ol>
 *   <li>create {@code <prefix><n+1>} from the template with refresh off and no replicas;</li>
 *   <li>read every partition from the beginning, without a consumer group, up to the end offsets
 *       taken at the start, and bulk-index it (same versioning, same dead-lettering as live);</li>
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
        public static Options defaults(PublishProperties properties) {
            return new Options(properties.reindex().deleteOldIndex(), (o, n) -> { });
        }
    }

    public record Result(List<String> oldIndices, String newIndex, long recordsBeforeSwap, int catchUpRounds,
            long recordsAfterSwap, BatchResult totals, boolean oldIndicesDeleted, Duration took) {
    }

    private final PublishProperties properties;
    private final IndexManager indexManager;
    private final BatchProcessor processor;

    public Reindexer(PublishProperties properties, IndexManager indexManager, BatchProcessor processor) {
        this.properties = properties;
        this.indexManager = indexManager;
        this.processor = processor;
    }

    public Result reindex(Options options) throws IOException {
        long started = System.nanoTime();
        indexManager.putTemplate();
        List<String> oldIndices = indexManager.aliasedIndices();
        String newIndex = indexManager.createNextIndexForLoad();
        String topic = properties.kafka().topic();
        log.info("reindex of {} into {} started (alias {} stays on {})", topic, newIndex, indexManager.alias(),
                oldIndices);
        boolean swapped = false;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map((PartitionInfo p) -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("topic " + topic + " has no partitions (does it exist?)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            Progress load = readUntil(consumer, consumer.endOffsets(partitions), newIndex, "load");
            BatchResult totals = load.result;
            long beforeSwap = load.records;
            int rounds = 0;
            while (rounds < properties.reindex().catchUpRounds()) {
                Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
                if (reached(consumer, end)) {
                    break;
                }
                rounds++;
                Progress round = readUntil(consumer, end, newIndex, "catch-up " + rounds);
                totals = totals.plus(round.result);
                beforeSwap += round.records;
            }
            indexManager.finishLoad(newIndex);
            options.listener().beforeSwap(oldIndices, newIndex);
            indexManager.swapAlias(oldIndices, newIndex);
            swapped = true;

            Progress gap = readUntil(consumer, consumer.endOffsets(partitions), newIndex, "after swap");
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

    private Progress readUntil(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end, String index,
            String phase) {
        PublishProperties.Batch batchConfig = properties.batch();
        BatchContext context = new ReindexContext();
        BatchResult total = BatchResult.empty();
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        long batchBytes = 0;
        long records = 0;
        long nextProgress = 10_000;
        while (!reached(consumer, end)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(batchConfig.pollTimeout())) {
                batch.add(record);
                batchBytes += Math.max(0, record.serializedValueSize());
            }
            boolean done = reached(consumer, end);
            if (!batch.isEmpty() && (done || batch.size() >= batchConfig.maxRecords()
                    || batchBytes >= batchConfig.maxBytes().toBytes())) {
                total = total.plus(processor.process(batch, index, false, context));
                records += batch.size();
                batch = new ArrayList<>();
                batchBytes = 0;
                if (records >= nextProgress) {
                    log.info("reindex {}: {} records into {}", phase, records, index);
                    nextProgress += 10_000;
                }
            }
        }
        if (!batch.isEmpty()) {
            total = total.plus(processor.process(batch, index, false, context));
            records += batch.size();
        }
        log.info("reindex {}: {} records into {} (up to offsets {})", phase, records, index, end);
        return new Progress(records, total);
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (var entry : end.entrySet()) {
            if (consumer.position(entry.getKey()) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(properties.kafka().properties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "publish-service-reindex");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batch().maxRecords());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return config;
    }

    /** No group to stay in: waiting is sleeping; every partition is ours. */
    private static final class ReindexContext implements BatchContext {
        @Override
        public void await(Duration backoff, String reason) {
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StopRequestedException();
            }
        }

        @Override
        public boolean owns(TopicPartition partition) {
            return true;
        }
    }
}

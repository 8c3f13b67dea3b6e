package news.pipeline.enrich.related;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.schemas.serde.AvroDeserializer;
import news.pipeline.schemas.serde.AvroSerdeConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the related-articles index from the enriched topic (compacted and kept: the source of
 * truth): a plain consumer, assigned every partition, reads from the beginning to the end offsets
 * taken at the start, without a group and without committing. Records that cannot be decoded are
 * skipped; a null value (tombstone) or a canceled article removes the id.
 */
public final class RelatedIndexRebuilder {

    private static final Logger log = LoggerFactory.getLogger(RelatedIndexRebuilder.class);

    private RelatedIndexRebuilder() {
    }

    public record Result(long records, int indexed, long skipped, long millis) {
    }

    public static Result rebuild(String bootstrapServers, Map<String, ?> registryConfig, String topic,
            RelatedIndex index, Duration timeout) {
        long started = System.nanoTime();
        Map<String, Object> config = new HashMap<>(registryConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "enrich-related-rebuild");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        AvroDeserializer<EnrichedArticle> values = new AvroDeserializer<>();
        values.configure(config, false);
        long records = 0;
        long skipped = 0;
        try (KafkaConsumer<String, EnrichedArticle> consumer = new KafkaConsumer<>(config, new StringDeserializer(), values)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                log.info("related index: topic {} has no partitions yet, nothing to rebuild", topic);
                return new Result(0, index.size(), 0, elapsed(started));
            }
            Set<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition()))
                    .collect(Collectors.toSet());
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    log.warn("related index: rebuild from {} stopped after {} ms with {} records read; continuing with a partial index",
                            topic, timeout.toMillis(), records);
                    break;
                }
                try {
                    for (ConsumerRecord<String, EnrichedArticle> record : consumer.poll(Duration.ofMillis(200))) {
                        records++;
                        if (record.value() == null) {
                            if (record.key() != null) {
                                index.delete(record.key());
                            }
                        } else {
                            index.accept(record.value());
                        }
                    }
                } catch (RecordDeserializationException e) {
                    skipped++;
                    log.warn("related index: skipping undecodable record {}-{}@{}: {}", topic,
                            e.topicPartition().partition(), e.offset(), e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }
        index.refresh(); // the first query after start-up sees the whole rebuilt index
        Result result = new Result(records, index.size(), skipped, elapsed(started));
        log.info("related index rebuilt from {}: {} records read, {} articles indexed, {} skipped, {} ms", topic,
                result.records(), result.indexed(), result.skipped(), result.millis());
        return result;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}

package news.pipeline.benchmark.observe;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import news.pipeline.benchmark.RunClock;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a whole topic once, without a consumer group, and keeps the timestamp of the first record
 * of each key: when the producing service appended the article (the producer's CreateTime, set when
 * the service handed the record to its Kafka producer). Values are not decoded.
 */
public final class TopicTimestamps {

    private TopicTimestamps() {
    }

    public static Map<String, Long> read(String bootstrapServers, String topic, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-timestamps");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        Map<String, Long> firstTimestamp = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null) {
                        firstTimestamp.putIfAbsent(r.key(), r.timestamp());
                    }
                }
            }
        } catch (RuntimeException e) {
            System.err.println("reading timestamps of " + topic + " failed: " + e);
        }
        return firstTimestamp;
    }

    /** Total records (sum of end offsets) of a topic, or -1 if it cannot be read; used for the dead-letter topics. */
    public static long recordCount(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "benchmark-count-" + (long) RunClock.nowMs());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            var infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos == null || infos.isEmpty()) {
                return 0;
            }
            List<TopicPartition> tps = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps, Duration.ofSeconds(5));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(tps, Duration.ofSeconds(5));
            return tps.stream().mapToLong(tp -> ends.get(tp) - starts.get(tp)).sum();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}

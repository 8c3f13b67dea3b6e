package news.pipeline.ingest.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads what the service wrote to a test's own raw topic: the raw Confluent-framed bytes, and the
 * RawArticle they decode to with the project's AvroDeserializer against the real registry.
 */
public final class RawTopicRecords {

    private final String bootstrap;
    private final String registryUrl;
    private final String topic;

    public RawTopicRecords(String bootstrap, String registryUrl, String topic) {
        this.bootstrap = bootstrap;
        this.registryUrl = registryUrl;
        this.topic = topic;
    }

    public record Event(String key, int partition, long offset, byte[] bytes, RawArticle article) {
    }

    /** Total of the end offsets of every partition: grows by one with every event written. */
    public long endOffsetSum() {
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            return consumer.endOffsets(partitions, Duration.ofSeconds(20)).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Every event of the topic, from the beginning up to the end offsets seen now. */
    public List<Event> readAll() {
        AvroDeserializer<RawArticle> values = new AvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", registryUrl, "specific.avro.reader", "true"), false);
        List<Event> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(20));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end");
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(new Event(r.key(), r.partition(), r.offset(), r.value(), values.deserialize(topic, r.value())));
                }
            }
        }
        return events;
    }

    /** Removes the test's topic from the shared broker once the test class is done with it. */
    public static void deleteTopic(String bootstrap, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete test topic " + topic + ": " + e);
        }
    }

    public List<Event> eventsFor(String articleId) {
        return readAll().stream().filter(e -> articleId.equals(e.key())).toList();
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        return consumer.partitionsFor(topic, Duration.ofSeconds(20)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.CLIENT_ID_CONFIG, "ingest-test-reader-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}

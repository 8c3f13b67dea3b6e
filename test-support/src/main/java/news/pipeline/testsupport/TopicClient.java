package news.pipeline.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import news.pipeline.schemas.topics.TopicProvisioner;
import news.pipeline.schemas.topics.TopicSpec;
import news.stack.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The tests' one Kafka helper: create a pipeline topic under a name of the test's own, send to it and
 * read from it with the serdes its {@link TopicSpec} names, against the real broker and registry.
 */
public final class TopicClient implements AutoCloseable {

    private final Endpoints servers;
    private final Map<String, Object> registry;
    private final KafkaProducer<String, byte[]> producer;

    public TopicClient(Endpoints servers) {
        this.servers = servers;
        this.registry = Map.of("schema.registry.url", servers.schemaRegistryUrl());
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** {@code prefix-} and eight random hex digits: a topic, group or id no other test run uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The contract's topic under {@code name}, created with its policy (partitions, retention, compaction). */
    public <V> TopicSpec<V> create(TopicSpec<V> contract, String name) {
        TopicSpec<V> topic = contract.named(name);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()))) {
            TopicProvisioner.ensureTopics(admin, List.of(topic), (short) 1);
        }
        return topic;
    }

    /** Sends one value (null: a tombstone) and waits for the acknowledgement. */
    public <V> RecordMetadata send(TopicSpec<V> topic, String key, V value) {
        return send(topic, key, value, null);
    }

    /** The same with headers (null: none). */
    public <V> RecordMetadata send(TopicSpec<V> topic, String key, V value, Headers headers) {
        byte[] bytes = value == null ? null : topic.valueSerde(registry).serializer().serialize(topic.name(), value);
        return sendBytes(topic.name(), key, bytes, headers);
    }

    /** Sends bytes as they are (a poison record, a replay), with optional headers. */
    public RecordMetadata sendBytes(String topic, String key, byte[] value, Headers headers) {
        try {
            return producer.send(new ProducerRecord<>(topic, null, key, value, headers)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
        }
    }

    /** A reader of the topic's decoded values from its beginning. */
    public <V> Reader<V> reader(TopicSpec<V> topic) {
        return new Reader<>(servers, topic.name(), topic.valueSerde(registry).deserializer());
    }

    /** A reader of the topic's raw bytes from its beginning (dead-letter topics, wire-format checks). */
    public Reader<byte[]> bytesReader(String topic) {
        return new Reader<>(servers, topic, new ByteArrayDeserializer());
    }

    /** Everything on the topic from its beginning, once at least {@code count} records arrived (or the timeout passed). */
    public <V> List<ConsumerRecord<String, V>> read(TopicSpec<V> topic, int count, Duration timeout) {
        try (Reader<V> reader = reader(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (reader.poll().size() < count && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            return reader.records();
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Assigned every partition from the beginning, without a group; accumulates what it reads. */
    public static final class Reader<V> implements AutoCloseable {
        private final KafkaConsumer<String, V> consumer;
        private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

        Reader(Endpoints servers, String topic, Deserializer<V> values) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Polls once (up to 300 ms) and returns everything read so far. */
        public List<ConsumerRecord<String, V>> poll() {
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            return records();
        }

        public List<ConsumerRecord<String, V>> records() {
            return List.copyOf(records);
        }

        /** Polls once and returns the records read so far with this key. */
        public List<ConsumerRecord<String, V>> withKey(String key) {
            return poll().stream().filter(r -> key.equals(r.key())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

package news.pipeline.enrich.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.serde.AvroDeserializer;
import news.pipeline.schemas.serde.AvroSerializer;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Test clients for the real broker and registry: produce raw articles (or raw bytes), read what lands on a topic. */
final class KafkaTestClients {

    private KafkaTestClients() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static RecordMetadata send(Endpoints endpoints, String topic, RawArticle article) throws Exception {
        AvroSerializer<RawArticle> values = new AvroSerializer<>();
        values.configure(Map.of("schema.registry.url", endpoints.schemaRegistryUrl()), false);
        try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()), new StringSerializer(), values)) {
            return producer.send(new ProducerRecord<>(topic, article.getId(), article)).get();
        }
    }

    static RecordMetadata sendBytes(Endpoints endpoints, String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers()), new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** A consumer assigned to every partition of a topic from the beginning, accumulating what it reads. */
    static final class TopicReader<V> implements AutoCloseable {
        private final KafkaConsumer<String, V> consumer;
        private final List<ConsumerRecord<String, V>> records = new ArrayList<>();

        TopicReader(Endpoints endpoints, String topic, Deserializer<V> values) {
            consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, endpoints.kafkaBootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), values);
            Set<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        List<ConsumerRecord<String, V>> poll() {
            consumer.poll(Duration.ofMillis(300)).forEach(records::add);
            return records;
        }

        List<ConsumerRecord<String, V>> withKey(String key) {
            return poll().stream().filter(r -> key.equals(r.key())).toList();
        }

        @Override
        public void close() {
            consumer.close();
        }
    }

    static TopicReader<EnrichedArticle> enrichedReader(Endpoints endpoints, String topic) {
        AvroDeserializer<EnrichedArticle> values = new AvroDeserializer<>();
        values.configure(Map.of("schema.registry.url", endpoints.schemaRegistryUrl(), "specific.avro.reader", "true"), false);
        return new TopicReader<>(endpoints, topic, values);
    }

    static TopicReader<byte[]> bytesReader(Endpoints endpoints, String topic) {
        return new TopicReader<>(endpoints, topic, new ByteArrayDeserializer());
    }
}

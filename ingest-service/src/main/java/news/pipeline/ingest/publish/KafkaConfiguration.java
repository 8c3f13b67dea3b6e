package news.pipeline.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.config.IngestProperties;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.schemas.serde.AvroSerdeConfig;
import news.pipeline.schemas.serde.AvroSerializer;
import news.pipeline.schemas.registry.SchemaRegistryClientConfig;
import news.pipeline.schemas.topics.TopicProvisioner;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Kafka side, set up in order before the web server opens: the raw topic exists (created with
 * its declared policy), the article state is rebuilt from it, then the producer is ready. If the
 * broker cannot be reached at startup the service does not start; once running, an unreachable
 * broker or registry is answered 503 per request.
 */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    /** The raw-article topic under its configured name, with the contract's partitions and policy. */
    public record RawTopic(TopicSpec<RawArticle> spec) {
        public String name() {
            return spec.name();
        }
    }

    @Bean
    RawTopic rawTopic(IngestProperties properties) {
        TopicSpec<RawArticle> contract = Topics.RAW_ARTICLES;
        return new RawTopic(new TopicSpec<>(properties.topic(), RawArticle.class, contract.partitions(), contract.configs()));
    }

    @Bean(destroyMethod = "close")
    Admin ingestAdmin(IngestProperties properties) {
        Map<String, Object> config = new HashMap<>(clientConfig(properties.kafka()));
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "ingest-admin");
        return Admin.create(config);
    }

    @Bean
    ArticleStateStore articleStateStore(IngestProperties properties, RawTopic topic, Admin admin) {
        IngestProperties.Kafka kafka = properties.kafka();
        if (kafka.createTopic()) {
            TopicProvisioner.ensureTopics(admin, List.of(topic.spec()), kafka.replicationFactor());
        }
        ArticleStateStore store = new ArticleStateStore();
        RawTopicStateLoader.load(clientConfig(kafka), serdeConfig(kafka), topic.name(), store, kafka.startupTimeout());
        return store;
    }

    /** Depends on the state store so that nothing can be sent before the state is rebuilt. */
    @Bean(destroyMethod = "close")
    KafkaArticlePublisher articlePublisher(IngestProperties properties, RawTopic topic, MeterRegistry meters,
            ArticleStateStore stateRebuiltFirst) {
        IngestProperties.Kafka kafka = properties.kafka();
        AvroSerializer<RawArticle> values = new AvroSerializer<>();
        values.configure(serdeConfig(kafka), false);
        KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(producerConfig(kafka), new StringSerializer(), values);
        new KafkaClientMetrics(producer).bindTo(meters);
        // the ack wait outlasts the producer's own delivery timeout, so the producer's verdict comes first
        return new KafkaArticlePublisher(producer, topic.name(), kafka.sendTimeout().plusSeconds(2), meters);
    }

    /**
     * Bootstrap servers and the pass-through properties: shared by the admin, the producer and the
     * state loader. Keys under {@code producer.} go to the producer only.
     */
    static Map<String, Object> clientConfig(IngestProperties.Kafka kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(kafka.startupTimeout().toMillis()));
        kafka.properties().forEach((key, value) -> {
            if (!key.startsWith("schema.registry.") && !isSerdeKey(key) && !key.startsWith("producer.")) {
                config.put(key, value);
            }
        });
        return config;
    }

    /**
     * Registry and serde settings under Confluent's names. Short registry timeouts and few retries:
     * an unreachable registry should become a 503 within seconds, not hold the request.
     */
    static Map<String, Object> serdeConfig(IngestProperties.Kafka kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryClientConfig.URL, kafka.schemaRegistryUrl());
        config.put(SchemaRegistryClientConfig.CONNECT_TIMEOUT_MS, "2000");
        config.put(SchemaRegistryClientConfig.READ_TIMEOUT_MS, "5000");
        config.put(SchemaRegistryClientConfig.MAX_RETRIES, "2");
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        kafka.properties().forEach((key, value) -> {
            if (key.startsWith("schema.registry.") || isSerdeKey(key)) {
                config.put(key, value);
            }
        });
        return config;
    }

    static Map<String, Object> producerConfig(IngestProperties.Kafka kafka) {
        Map<String, Object> config = new HashMap<>(clientConfig(kafka));
        long send = kafka.sendTimeout().toMillis();
        long request = Math.max(1000, send * 4 / 5);
        long linger = 5;
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-service");
        // Durability: one copy per in-sync replica, no duplicates from the producer's own retries.
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        // A dead broker must become a 503 within the send timeout, not a request held for minutes.
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(send));
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(request));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(send, request + linger)));
        config.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(linger));
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
        kafka.properties().forEach((key, value) -> {
            if (key.startsWith("producer.")) {
                config.put(key.substring("producer.".length()), value);
            }
        });
        return config;
    }

    private static boolean isSerdeKey(String key) {
        return key.equals(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS) || key.equals(AvroSerdeConfig.USE_LATEST_VERSION)
                || key.endsWith(".subject.name.strategy") || key.startsWith("basic.auth.");
    }
}

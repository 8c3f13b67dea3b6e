package news.pipeline.publish.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.publish.consume.BatchProcessor;
import news.pipeline.publish.consume.DeadLetterPublisher;
import news.pipeline.publish.consume.LivePublisher;
import news.pipeline.publish.consume.RecordDecoder;
import news.pipeline.publish.health.ElasticsearchHealthIndicator;
import news.pipeline.publish.health.KafkaHealthIndicator;
import news.pipeline.publish.health.PublisherHealthIndicator;
import news.pipeline.publish.index.BulkIndexer;
import news.pipeline.publish.index.IndexManager;
import news.pipeline.publish.metrics.PublishMetrics;
import news.pipeline.publish.reindex.Reindexer;
import news.pipeline.publish.reindex.ReindexRunner;
import news.pipeline.schemas.topics.TopicProvisioner;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import org.apache.hc.core5.util.Timeout;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's beans: Elasticsearch and Kafka clients, the live consumer, the reindex command, health. */
@Configuration(proxyBeanMethods = false)
public class PublishConfiguration {

    // ---- clients ----

    @Bean(destroyMethod = "close")
    ElasticsearchClient elasticsearchClient(PublishProperties properties) {
        PublishProperties.Elasticsearch es = properties.elasticsearch();
        Rest5Client rest = Rest5Client.builder(URI.create(es.url()))
                .setRequestConfigCallback(r -> r
                        .setConnectionRequestTimeout(Timeout.of(es.connectTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .setResponseTimeout(Timeout.of(es.socketTimeout().toMillis(), TimeUnit.MILLISECONDS)))
                .setConnectionConfigCallback(c -> c
                        .setConnectTimeout(Timeout.of(es.connectTimeout().toMillis(), TimeUnit.MILLISECONDS))
                        .setSocketTimeout(Timeout.of(es.socketTimeout().toMillis(), TimeUnit.MILLISECONDS)))
                .build();
        return new ElasticsearchClient(new Rest5ClientTransport(rest, new Jackson3JsonpMapper()));
    }

    @Bean(destroyMethod = "close")
    Admin kafkaAdmin(PublishProperties properties) {
        Map<String, Object> config = new HashMap<>(properties.kafka().properties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "publish-service-admin");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    @Bean
    IndexManager indexManager(ElasticsearchClient client, PublishProperties properties) {
        return new IndexManager(client, properties.index());
    }

    @Bean(destroyMethod = "close")
    RecordDecoder recordDecoder(PublishProperties properties) {
        return new RecordDecoder(properties.kafka().schemaRegistryUrl(), properties.kafka().properties());
    }

    // ---- the live pipeline ----

    @Bean
    PublishMetrics livePublishMetrics(MeterRegistry registry) {
        return new PublishMetrics(registry, "live");
    }

    @Bean(destroyMethod = "close")
    DeadLetterPublisher liveDeadLetters(PublishProperties properties) {
        return new DeadLetterPublisher(properties.kafka().bootstrapServers(), properties.kafka().properties(),
                properties.kafka().deadLetterTopic(), "live");
    }

    @Bean
    BatchProcessor liveBatchProcessor(PublishProperties properties, RecordDecoder decoder, ElasticsearchClient client,
            DeadLetterPublisher liveDeadLetters, PublishMetrics livePublishMetrics) {
        BulkIndexer indexer = new BulkIndexer(client, properties.batch().maxRecords(),
                properties.batch().maxBytes().toBytes(), livePublishMetrics);
        return new BatchProcessor(decoder, indexer, liveDeadLetters, livePublishMetrics, properties.retry(), true);
    }

    @Bean
    @ConditionalOnProperty(name = "publish.mode", havingValue = "live", matchIfMissing = true)
    LivePublisher livePublisher(PublishProperties properties, IndexManager indexManager,
            BatchProcessor liveBatchProcessor, Admin kafkaAdmin, MeterRegistry meters) {
        Runnable provisioning = () -> {
            if (properties.kafka().provisionTopics()) {
                TopicProvisioner.ensureTopics(kafkaAdmin, topicSpecs(properties), properties.kafka().replicationFactor());
            }
        };
        return new LivePublisher(properties, indexManager, liveBatchProcessor, provisioning, meters);
    }

    /** The two topics under their configured names, with the pipeline's policies from {@link Topics}. */
    static List<TopicSpec<?>> topicSpecs(PublishProperties properties) {
        TopicSpec<EnrichedArticle> enriched = Topics.ENRICHED_ARTICLES;
        TopicSpec<byte[]> dlt = Topics.ENRICHED_ARTICLES_DLT;
        return List.of(
                new TopicSpec<>(properties.kafka().topic(), enriched.valueType(), enriched.partitions(), enriched.configs()),
                new TopicSpec<>(properties.kafka().deadLetterTopic(), dlt.valueType(), dlt.partitions(), dlt.configs()));
    }

    // ---- the reindex command ----

    @Bean
    Reindexer reindexer(PublishProperties properties, IndexManager indexManager, RecordDecoder decoder,
            ElasticsearchClient client, MeterRegistry registry, DeadLetterPublisher reindexDeadLetters) {
        PublishMetrics metrics = new PublishMetrics(registry, "reindex");
        BulkIndexer indexer = new BulkIndexer(client, properties.batch().maxRecords(),
                properties.batch().maxBytes().toBytes(), metrics);
        BatchProcessor processor = new BatchProcessor(decoder, indexer, reindexDeadLetters, metrics, properties.retry(),
                false);
        return new Reindexer(properties, indexManager, processor);
    }

    @Bean(destroyMethod = "close")
    DeadLetterPublisher reindexDeadLetters(PublishProperties properties) {
        return new DeadLetterPublisher(properties.kafka().bootstrapServers(), properties.kafka().properties(),
                properties.kafka().deadLetterTopic(), "reindex");
    }

    @Bean
    @ConditionalOnProperty(name = "publish.mode", havingValue = "reindex")
    ReindexRunner reindexRunner(Reindexer reindexer, PublishProperties properties) {
        return new ReindexRunner(reindexer, properties);
    }

    // ---- health ----

    @Bean("elasticsearch")
    ElasticsearchHealthIndicator elasticsearchHealthIndicator(ElasticsearchClient client, IndexManager indexManager) {
        return new ElasticsearchHealthIndicator(client, indexManager);
    }

    @Bean("kafka")
    KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaAdmin) {
        return new KafkaHealthIndicator(kafkaAdmin);
    }

    @Bean("publisher")
    @ConditionalOnProperty(name = "publish.mode", havingValue = "live", matchIfMissing = true)
    PublisherHealthIndicator publisherHealthIndicator(LivePublisher livePublisher) {
        return new PublisherHealthIndicator(livePublisher);
    }
}

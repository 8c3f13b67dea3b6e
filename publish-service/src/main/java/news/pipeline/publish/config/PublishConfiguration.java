package news.pipeline.publish.config;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.publish.consume.BatchProcessor;
import news.pipeline.publish.consume.BatchRetries;
import news.pipeline.publish.consume.DeadLetterWriter;
import news.pipeline.publish.consume.EnrichedArticlesListener;
import news.pipeline.publish.consume.RetrySettings;
import news.pipeline.publish.health.ElasticsearchHealthIndicator;
import news.pipeline.publish.health.PublisherHealthIndicator;
import news.pipeline.publish.index.BulkIndexer;
import news.pipeline.publish.index.IndexManager;
import news.pipeline.publish.index.IndexSettings;
import news.pipeline.publish.index.RelatedLinks;
import news.pipeline.publish.metrics.PublishMetrics;
import news.pipeline.publish.reindex.ReindexRunner;
import news.pipeline.publish.reindex.ReindexSettings;
import news.pipeline.publish.reindex.Reindexer;
import news.pipeline.support.kafka.PipelineTopics;
import news.pipeline.support.kafka.ProvisionedTopics;
import news.pipeline.support.kafka.ValueDecoder;
import news.pipeline.support.registry.SchemaRegistrySettings;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The service's beans: the index manager, the dead-letter producer, the enriched-topic listener
 * and its error handler, the reindex command, health. Kafka clients come from Spring Boot's
 * {@code spring.kafka.*}, the Elasticsearch client from its {@code spring.elasticsearch.*} (nodes, credentials or
 * API key, TLS bundle, timeouts); topic names, registry, topic provisioning and health {@code kafka} and
 * {@code schemaRegistry} from service-support.
 */
@Configuration(proxyBeanMethods = false)
public class PublishConfiguration {

    @Bean
    IndexManager indexManager(ElasticsearchClient client, IndexSettings index) {
        return new IndexManager(client, index);
    }

    @Bean(destroyMethod = "close")
    ValueDecoder<EnrichedArticle> enrichedArticleDecoder(PipelineTopics topics, SchemaRegistrySettings registry) {
        return new ValueDecoder<>(topics.enrichedArticles(), registry.config());
    }

    // ---- the live listener ----

    @Bean
    PublishMetrics livePublishMetrics(MeterRegistry registry) {
        return new PublishMetrics(registry, "live");
    }

    @Bean
    BatchProcessor liveBatchProcessor(PublishProperties properties, ValueDecoder<EnrichedArticle> decoder,
            ElasticsearchClient client, KafkaTemplate<String, byte[]> deadLetterTemplate, PipelineTopics topics,
            PublishMetrics livePublishMetrics) {
        return new BatchProcessor(decoder, bulkIndexer(client, properties, livePublishMetrics), new RelatedLinks(client),
                new DeadLetterWriter(deadLetterTemplate, topics.enrichedDlt(), "live"), livePublishMetrics, true);
    }

    @Bean
    @ConditionalOnProperty(name = "publish.mode", havingValue = "live", matchIfMissing = true)
    EnrichedArticlesListener enrichedArticlesListener(IndexManager indexManager, BatchProcessor liveBatchProcessor,
            PublishMetrics livePublishMetrics, RetrySettings retry, KafkaListenerEndpointRegistry containers,
            PipelineTopics topics, KafkaProperties kafka, ProvisionedTopics provisioned) {
        // provisioned: the topics exist before the listener's container starts
        return new EnrichedArticlesListener(indexManager, liveBatchProcessor, livePublishMetrics, retry, containers,
                topics.enriched(), kafka.getConsumer().getGroupId());
    }

    /**
     * Picked up by Boot's listener container factory: retries a failed batch, paused, for as long as a transient
     * failure lasts; after a few attempts of any other failure, its records go to the dead-letter topic.
     */
    @Bean
    @ConditionalOnProperty(name = "publish.mode", havingValue = "live", matchIfMissing = true)
    BatchRetries batchRetryErrorHandler(RetrySettings retry, EnrichedArticlesListener enrichedArticlesListener,
            BatchProcessor liveBatchProcessor) {
        return BatchRetries.errorHandler(retry, enrichedArticlesListener, liveBatchProcessor::deadLetterAfterRepeatedFailure);
    }

    // ---- the reindex command ----

    @Bean
    Reindexer reindexer(PublishProperties properties, IndexManager indexManager, ValueDecoder<EnrichedArticle> decoder,
            ElasticsearchClient client, MeterRegistry registry, KafkaTemplate<String, byte[]> deadLetterTemplate,
            PipelineTopics topics, ReindexSettings reindex, RetrySettings retry, KafkaProperties kafka) {
        PublishMetrics metrics = new PublishMetrics(registry, "reindex");
        BatchProcessor processor = new BatchProcessor(decoder, bulkIndexer(client, properties, metrics),
                new RelatedLinks(client), new DeadLetterWriter(deadLetterTemplate, topics.enrichedDlt(), "reindex"), metrics, false);
        return new Reindexer(indexManager, processor, metrics, reindex, retry, kafka.buildConsumerProperties(),
                topics.enriched(), properties.batch().maxRecords());
    }

    @Bean
    @ConditionalOnProperty(name = "publish.mode", havingValue = "reindex")
    ReindexRunner reindexRunner(Reindexer reindexer, ReindexSettings reindex, IndexSettings index) {
        return new ReindexRunner(reindexer, reindex, index.alias());
    }

    private static BulkIndexer bulkIndexer(ElasticsearchClient client, PublishProperties properties,
            PublishMetrics metrics) {
        return new BulkIndexer(client, properties.batch().maxRecords(), properties.batch().maxBytes().toBytes(), metrics);
    }

    // ---- health (kafka and schemaRegistry come from service-support) ----

    /** Named so that Boot's own Elasticsearch health indicator backs off; shown as {@code elasticsearch}. */
    @Bean
    ElasticsearchHealthIndicator elasticsearchHealthIndicator(ElasticsearchClient client, IndexManager indexManager) {
        return new ElasticsearchHealthIndicator(client, indexManager);
    }

    @Bean("publisher")
    @ConditionalOnProperty(name = "publish.mode", havingValue = "live", matchIfMissing = true)
    PublisherHealthIndicator publisherHealthIndicator(EnrichedArticlesListener enrichedArticlesListener) {
        return new PublisherHealthIndicator(enrichedArticlesListener);
    }
}

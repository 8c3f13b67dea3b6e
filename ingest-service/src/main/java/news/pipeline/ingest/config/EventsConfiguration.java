package news.pipeline.ingest.config;

import io.micrometer.core.instrument.MeterRegistry;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.events.EventSettings;
import news.pipeline.ingest.events.KafkaRawArticleWriter;
import news.pipeline.ingest.events.RawTopicStateLoader;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.support.kafka.PipelineTopics;
import news.pipeline.support.kafka.ProvisionedTopics;
import news.pipeline.support.registry.SchemaRegistrySettings;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

/**
 * The event side, in order before the web server opens: the topics exist (service-support), the article
 * state is rebuilt from the raw topic, then the writer is ready. The producer is Boot's
 * {@link KafkaTemplate} ({@code spring.kafka.producer.*}). If the state cannot be rebuilt the service
 * does not start; once running, an unreachable broker or registry is answered 503 per request.
 */
@Configuration(proxyBeanMethods = false)
public class EventsConfiguration {

    /** Depends on the provisioned topics: the raw topic exists before it is read. */
    @Bean
    ArticleStateStore articleStateStore(KafkaProperties kafka, PipelineTopics topics, SchemaRegistrySettings registry,
            EventSettings settings, ProvisionedTopics topicsExist) {
        ArticleStateStore store = new ArticleStateStore();
        new RawTopicStateLoader(kafka.buildConsumerProperties(), registry.config(), topics.rawArticles(),
                settings.startupTimeout()).load(store);
        return store;
    }

    /**
     * Replaces Spring Kafka's logging listener, which logs every failed send at ERROR with the whole article:
     * a failure here is expected (broker or registry down) and already one line in ProblemHandler's log.
     */
    @Bean
    ProducerListener<Object, Object> kafkaProducerListener() {
        return new ProducerListener<>() {
        };
    }

    /** Depends on the state store so that nothing can be sent before the state is rebuilt. */
    @Bean
    KafkaRawArticleWriter rawArticleWriter(KafkaTemplate<String, RawArticle> template, PipelineTopics topics,
            EventSettings settings, MeterRegistry meters, ArticleStateStore stateRebuiltFirst) {
        KafkaRawArticleWriter.requireVerdictWithin(template.getProducerFactory().getConfigurationProperties(),
                settings.sendTimeout());
        return new KafkaRawArticleWriter(template, topics.raw(), settings.sendTimeout(), meters);
    }
}

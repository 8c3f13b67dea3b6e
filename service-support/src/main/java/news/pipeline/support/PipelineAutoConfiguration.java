package news.pipeline.support;

import java.util.HashMap;
import java.util.Map;
import news.pipeline.schemas.registry.SchemaRegistryClient;
import news.pipeline.schemas.registry.SchemaRegistryClientConfig;
import news.pipeline.schemas.topics.TopicProvisioner;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.kafka.KafkaHealthIndicator;
import news.pipeline.support.kafka.PipelineTopics;
import news.pipeline.support.kafka.ProvisionedTopics;
import news.pipeline.support.metrics.DeprecatedTopicTagFilter;
import news.pipeline.support.registry.SchemaRegistryHealthIndicator;
import news.pipeline.support.registry.SchemaRegistrySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * What every service gets from service-support: the topic names ({@link PipelineTopics}) and registry
 * settings ({@link SchemaRegistrySettings}) bound once, the topics created with their policy before
 * anything uses them, the dead-letter producer, and health components {@code kafka} and {@code schemaRegistry}. Kafka clients
 * themselves come from Spring Boot's {@code spring.kafka.*} configuration.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties({PipelineTopics.class, SchemaRegistrySettings.class})
public class PipelineAutoConfiguration {

    /** The Kafka clients' per-topic meters once per partition, not twice (see the filter). */
    @Bean
    DeprecatedTopicTagFilter deprecatedTopicTagFilter(PipelineTopics topics) {
        return new DeprecatedTopicTagFilter(topics.all().stream().map(TopicSpec::name).toList());
    }

    /** An admin client with short timeouts, for topic provisioning and health checks. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(name = "pipelineAdmin")
    Admin pipelineAdmin(KafkaProperties kafka, @Value("${spring.application.name:service}") String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildAdminProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, application + "-admin");
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    @Bean
    ProvisionedTopics provisionedTopics(PipelineTopics topics, Admin pipelineAdmin) {
        if (topics.provision()) {
            TopicProvisioner.ensureTopics(pipelineAdmin, topics.all(), topics.replicationFactor());
        }
        return new ProvisionedTopics(topics.all().stream().map(TopicSpec::name).toList());
    }

    @Bean("kafka")
    @ConditionalOnMissingBean(name = "kafka")
    KafkaHealthIndicator kafkaHealthIndicator(Admin pipelineAdmin, PipelineTopics topics) {
        return new KafkaHealthIndicator(pipelineAdmin, topics.all().stream().map(TopicSpec::name).toList());
    }

    /**
     * The dead-letter producer every service writes with: Boot's producer settings ({@code spring.kafka.producer.*})
     * with what a dead letter needs whatever they say: the original key and bytes, every replica acknowledging,
     * no duplicates from the client's retries, bounded waits (a failed write is the caller's to retry).
     */
    @Bean
    @ConditionalOnMissingBean(name = "deadLetterTemplate")
    KafkaTemplate<String, byte[]> deadLetterTemplate(KafkaProperties kafka,
            @Value("${spring.application.name:service}") String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, application + "-dead-letters");
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer()));
    }

    /** Short timeouts and no retries, so a health probe never hangs. */
    @Bean("schemaRegistry")
    @ConditionalOnMissingBean(name = "schemaRegistry")
    SchemaRegistryHealthIndicator schemaRegistryHealthIndicator(SchemaRegistrySettings registry) {
        Map<String, Object> config = registry.config();
        config.put(SchemaRegistryClientConfig.CONNECT_TIMEOUT_MS, "1000");
        config.put(SchemaRegistryClientConfig.READ_TIMEOUT_MS, "2000");
        config.put(SchemaRegistryClientConfig.MAX_RETRIES, "0");
        return new SchemaRegistryHealthIndicator(new SchemaRegistryClient(config), registry.url());
    }
}

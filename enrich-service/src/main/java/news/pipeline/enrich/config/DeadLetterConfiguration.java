package news.pipeline.enrich.config;

import news.pipeline.schemas.topics.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import news.pipeline.enrich.stream.StageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retries and dead letters in the listener container (spring-kafka's DefaultErrorHandler and
 * DeadLetterPublishingRecoverer) instead of the binder, so that:
 * <ul>
 *   <li>transient failures are retried with the binding's backoff ({@code maxAttempts},
 *       {@code backOffInitialInterval}, ...), poison ones ({@link StageException.Poison}) are not;</li>
 *   <li>the dead letter keeps the record's original key and bytes, in the binding's {@code dlqName}
 *       topic, with spring-kafka's {@code kafka_dlt-original-topic/partition/offset},
 *       {@code kafka_dlt-exception-message}/{@code -fqcn} headers, plus {@code x-dead-letter-stage}
 *       (deserialize, validate, enrich, produce) and {@code x-dead-letter-reason};</li>
 *   <li>the stream carries on with the next record, and each dead letter is counted
 *       ({@code enrich.dead.letters}, tag stage) and logged on one line, without a stack trace.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

    public static final String STAGE_HEADER = DeadLetterHeaders.STAGE;
    public static final String REASON_HEADER = DeadLetterHeaders.REASON;

    /**
     * The dead-letter producer: original key (String) and bytes. Not a ProducerFactory bean, which would
     * displace Boot's own.
     */
    public static final class DeadLetterPublisher implements DisposableBean {
        private final DefaultKafkaProducerFactory<String, byte[]> factory;
        private final KafkaTemplate<String, byte[]> template;

        DeadLetterPublisher(String bootstrapServers) {
            this.factory = new DefaultKafkaProducerFactory<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.CLIENT_ID_CONFIG, "enrich-dead-letters"),
                    new StringSerializer(), new ByteArraySerializer());
            this.template = new KafkaTemplate<>(factory);
        }

        @Override
        public void destroy() {
            factory.destroy();
        }
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
        return new DeadLetterPublisher(bootstrapServers);
    }

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer deadLetterCustomizer(DeadLetterPublisher publisher,
            MeterRegistry meters, EnrichProperties properties) {
        KafkaTemplate<String, byte[]> template = publisher.template;
        return new ListenerContainerWithDlqAndRetryCustomizer() {
            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
                    String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                    BackOff backOff) {
                BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination = dlqDestinationResolver != null
                        ? dlqDestinationResolver
                        : (record, e) -> new TopicPartition(properties.topics().deadLetter(), 0);
                DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                        (record, exception) -> {
                            String stage = stage(exception);
                            TopicPartition target = destination.apply(record, exception);
                            Counter.builder("enrich.dead.letters").tag("stage", stage)
                                    .description("records sent to the dead-letter topic").register(meters).increment();
                            log.warn("dead letter topic={} partition={} offset={} key={} stage={} reason={} → {}",
                                    record.topic(), record.partition(), record.offset(), record.key(), stage,
                                    reason(exception), target.topic());
                            return target;
                        });
                recoverer.setHeadersFunction((record, exception) -> new RecordHeaders(new RecordHeader[] {
                        new RecordHeader(STAGE_HEADER, stage(exception).getBytes(StandardCharsets.UTF_8)),
                        new RecordHeader(REASON_HEADER, reason(exception).getBytes(StandardCharsets.UTF_8))}));
                recoverer.setFailIfSendResultIsError(true);
                DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                        backOff != null ? backOff : defaultBackOff());
                handler.addNotRetryableExceptions(StageException.Poison.class);
                handler.setLogLevel(org.springframework.kafka.KafkaException.Level.DEBUG);
                handler.setRetryListeners((record, ex, attempt) -> log.info(
                        "retrying topic={} partition={} offset={} attempt={} reason={}", record.topic(),
                        record.partition(), record.offset(), attempt, reason(ex)));
                container.setCommonErrorHandler(handler);
            }

            @Override
            public boolean retryAndDlqInBinding(String destinationName, String group) {
                return false;
            }
        };
    }

    static BackOff defaultBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(15_000);
        return backOff;
    }

    static String stage(Throwable exception) {
        StageException stage = find(exception);
        return stage != null ? stage.stage() : "produce";
    }

    static String reason(Throwable exception) {
        StageException stage = find(exception);
        Throwable root = stage != null ? stage : rootCause(exception);
        String message = root.getMessage() == null ? root.getClass().getName() : root.getMessage();
        return message.length() > 1000 ? message.substring(0, 1000) : message;
    }

    private static StageException find(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof StageException stage) {
                return stage;
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable exception) {
        Throwable t = exception;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

package news.pipeline.enrich.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import news.pipeline.enrich.stream.EnrichFunction;
import news.pipeline.enrich.stream.RecordBytes;
import news.pipeline.support.failure.Failures;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.kafka.DeadLetters;
import news.pipeline.support.kafka.PipelineTopics;
import news.pipeline.support.logging.LogFields;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Retries and dead letters in the listener container (spring-kafka's DefaultErrorHandler and
 * DeadLetterPublishingRecoverer) instead of the binder, so that:
 * <ul>
 *   <li>transient failures ({@link Failures#isTransient}: registry or broker unreachable) are retried with the
 *       binding's backoff ({@code backOffInitialInterval}, ...) for as long as they last, never dead-lettered;
 *       poison ones ({@link PoisonRecordException}) are not retried; anything else is retried
 *       {@code maxAttempts} times, then dead-lettered;</li>
 *   <li>the dead letter keeps the record's original key and bytes, in {@code pipeline.topics.raw-dlt},
 *       with the pipeline's dead-letter headers ({@link DeadLetters}: reason, stage — deserialize, validate,
 *       enrich, serialize, produce —, original topic, partition, offset, timestamp, all text) and spring-kafka's
 *       {@code kafka_dlt-exception-message}/{@code -fqcn};</li>
 *   <li>the stream carries on with the next record, and each dead letter is counted
 *       ({@code pipeline.dead.letters}, tag stage: the name publish-service counts its dead letters under too) and
 *       logged on one line, without a stack trace.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterConfiguration.class);

    @Bean
    ListenerContainerWithDlqAndRetryCustomizer deadLetterCustomizer(KafkaTemplate<String, byte[]> deadLetterTemplate,
            MeterRegistry meters, PipelineTopics topics) {
        // every stage at 0 from the start, so an alert on their increase has series to watch
        for (String stage : STAGES) {
            deadLetters(meters, stage);
        }
        return new ListenerContainerWithDlqAndRetryCustomizer() {
            @Override
            public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName,
                    String group, BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver,
                    BackOff backOff) {
                BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination = dlqDestinationResolver != null
                        ? dlqDestinationResolver
                        : (record, e) -> new TopicPartition(topics.rawDlt(), 0);
                DeadLetterPublishingRecoverer recoverer = new OriginalBytesRecoverer(deadLetterTemplate,
                        (record, exception) -> {
                            String stage = stage(exception);
                            TopicPartition target = destination.apply(record, exception);
                            deadLetters(meters, stage).increment();
                            try (LogFields fields = LogFields.open().at(record.topic(), record.partition(),
                                    record.offset()).article(record.key() == null ? null : record.key().toString())) {
                                log.warn("dead letter topic={} partition={} offset={} key={} stage={} reason={} → {}",
                                        record.topic(), record.partition(), record.offset(), record.key(), stage,
                                        reason(exception), target.topic());
                            }
                            return target;
                        });
                // the pipeline's own origin headers (text) instead of spring-kafka's binary partition/offset/timestamp
                recoverer.excludeHeader(HeadersToAdd.TOPIC, HeadersToAdd.PARTITION, HeadersToAdd.OFFSET, HeadersToAdd.TS);
                recoverer.setHeadersFunction((record, exception) ->
                        DeadLetters.describe(record, stage(exception), reason(exception)));
                recoverer.setFailIfSendResultIsError(true);
                BackOff bounded = backOff != null ? backOff : defaultBackOff();
                DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, bounded);
                handler.addNotRetryableExceptions(PoisonRecordException.class);
                // a transient cause (registry or broker unreachable) is not the record's fault: it is retried for
                // as long as it lasts, never dead-lettered; the binding's max-attempts bounds only other failures
                BackOff untilItPasses = untilItPasses(bounded);
                handler.setBackOffFunction((record, exception) -> Failures.isTransient(exception) ? untilItPasses : null);
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

    /** Dead letters with the record's original bytes: the binding reads them as a ByteBuffer ({@link EnrichFunction}). */
    static final class OriginalBytesRecoverer extends DeadLetterPublishingRecoverer {

        OriginalBytesRecoverer(KafkaTemplate<String, byte[]> template,
                BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> destination) {
            super(template, destination);
        }

        @Override
        protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
                TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
            byte[] original = value == null && record.value() instanceof ByteBuffer buffer ? RecordBytes.of(buffer) : value;
            return super.createProducerRecord(record, topicPartition, headers, key, original);
        }
    }

    /** The same waits as {@code bounded} when it is exponential, without its limit on attempts or time. */
    static BackOff untilItPasses(BackOff bounded) {
        ExponentialBackOff like = bounded instanceof ExponentialBackOff exponential ? exponential
                : defaultBackOff();
        ExponentialBackOff unbounded = new ExponentialBackOff(like.getInitialInterval(), like.getMultiplier());
        unbounded.setMaxInterval(like.getMaxInterval());
        return unbounded; // no max elapsed time, no max attempts
    }

    static ExponentialBackOff defaultBackOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(5_000);
        backOff.setMaxElapsedTime(15_000);
        return backOff;
    }

    /** Where a raw record can fail for good: decoding, validation, enrichment, writing its result. */
    private static final List<String> STAGES = List.of("deserialize", "validate", "enrich", "produce");

    private static Counter deadLetters(MeterRegistry meters, String stage) {
        return Counter.builder("pipeline.dead.letters").tag("stage", stage)
                .description("records sent to the dead-letter topic").register(meters);
    }

    static String stage(Throwable exception) {
        return Failures.stage(exception, "produce");
    }

    static String reason(Throwable exception) {
        return Failures.reason(exception, 1000);
    }
}

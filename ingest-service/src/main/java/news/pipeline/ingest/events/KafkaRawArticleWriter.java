package news.pipeline.ingest.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.registry.SchemaRegistryException;
import news.pipeline.support.failure.Failures;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Sends with Spring Boot's {@link KafkaTemplate} (idempotent producer, {@code acks=all}, see
 * {@code spring.kafka.producer.*}) and waits for the acknowledgement, so the caller answers the feed
 * only once the event is replicated. Failures are sorted into "try again later" (broker or registry
 * unreachable, timeouts: {@link Failures#isTransient}) and "never" (too large, schema refused).
 */
public final class KafkaRawArticleWriter implements RawArticleWriter {

    /** Added to the send timeout for the acknowledgement wait, so the producer's own verdict comes first. */
    static final Duration VERDICT_MARGIN = Duration.ofSeconds(2);

    private final KafkaTemplate<String, RawArticle> template;
    private final String topic;
    private final Duration ackTimeout;
    private final Timer sendLatency;

    /**
     * @param sendTimeout the producer's max.block.ms and delivery.timeout.ms end within it (see
     *                    {@link #requireVerdictWithin}); the wait for the acknowledgement outlasts it a little
     */
    public KafkaRawArticleWriter(KafkaTemplate<String, RawArticle> template, String topic, Duration sendTimeout,
            MeterRegistry meters) {
        this.template = template;
        this.topic = topic;
        this.ackTimeout = sendTimeout.plus(VERDICT_MARGIN);
        this.sendLatency = Timer.builder("ingest.kafka.send")
                .description("time from send to Kafka's acknowledgement (acks=all)")
                .tag("topic", topic)
                .register(meters);
    }

    /**
     * Fails when the producer could hold a request longer than {@code sendTimeout}: its metadata wait
     * ({@code max.block.ms}) or its delivery verdict ({@code delivery.timeout.ms}, Kafka's defaults when unset)
     * would outlast what the feed is promised.
     */
    public static void requireVerdictWithin(Map<String, Object> producerConfig, Duration sendTimeout) {
        for (Map.Entry<String, Long> bound : Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000L,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000L).entrySet()) {
            Object configured = producerConfig.get(bound.getKey());
            long millis = configured == null ? bound.getValue() : Long.parseLong(configured.toString().trim());
            if (millis > sendTimeout.toMillis()) {
                throw new IllegalStateException("producer " + bound.getKey() + "=" + millis + " exceeds ingest.kafka.send-timeout="
                        + sendTimeout.toMillis() + "ms: set spring.kafka.producer.properties[" + bound.getKey()
                        + "] to at most the send timeout");
            }
        }
    }

    @Override
    public Delivery write(RawArticle article) {
        long start = System.nanoTime();
        try {
            // send() itself blocks up to max.block.ms for metadata; the wait below starts after it
            RecordMetadata metadata = template.send(topic, article.getId(), article)
                    .get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
            sendLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return new Delivery(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            throw classify(e.getCause());
        } catch (TimeoutException e) {
            throw new EventStoreUnavailableException("Kafka did not acknowledge within " + ackTimeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreUnavailableException("interrupted while waiting for Kafka", e);
        } catch (RuntimeException e) {
            throw classify(e);
        }
    }

    static RuntimeException classify(Throwable failure) {
        RecordTooLargeException tooLarge = Failures.find(failure, RecordTooLargeException.class);
        if (tooLarge != null) {
            return new EventRejectedException(413, "the article is larger than the event stream accepts: "
                    + tooLarge.getMessage(), failure);
        }
        SchemaRegistryException registry = Failures.find(failure, SchemaRegistryException.class);
        if (Failures.isTransient(failure)) {
            return new EventStoreUnavailableException(registry instanceof SchemaRegistryException.Unavailable
                    ? "schema registry unavailable: " + registry.getMessage()
                    : "Kafka unavailable: " + Failures.reason(failure, 300), failure);
        }
        if (registry != null) {
            return new EventRejectedException(500, "schema registry refused the RawArticle schema: " + registry.getMessage(),
                    failure);
        }
        return new EventRejectedException(500, "Kafka refused the event: " + Failures.reason(failure, 300), failure);
    }
}

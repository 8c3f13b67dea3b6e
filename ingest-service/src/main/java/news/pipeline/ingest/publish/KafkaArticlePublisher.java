package news.pipeline.ingest.publish;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.registry.SchemaRegistryException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Sends with the idempotent producer ({@code acks=all}) and waits for the acknowledgement, so the
 * caller answers the feed only once the event is replicated. Failures are sorted into "try again
 * later" (broker or registry unreachable, timeouts) and "never" (too large, schema refused).
 */
public final class KafkaArticlePublisher implements ArticlePublisher, AutoCloseable {

    private final Producer<String, RawArticle> producer;
    private final String topic;
    private final Duration ackTimeout;
    private final Timer sendLatency;

    /**
     * @param ackTimeout upper bound on waiting for the acknowledgement; the producer's own
     *                   delivery.timeout.ms is shorter, so its verdict normally comes first
     */
    public KafkaArticlePublisher(Producer<String, RawArticle> producer, String topic, Duration ackTimeout,
            MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.sendLatency = Timer.builder("ingest.kafka.send")
                .description("time from send to Kafka's acknowledgement (acks=all)")
                .tag("topic", topic)
                .register(meters);
    }

    @Override
    public Delivery publish(RawArticle article) {
        long start = System.nanoTime();
        try {
            Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic, article.getId(), article));
            RecordMetadata metadata = ack.get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
            sendLatency.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            return new Delivery(metadata.topic(), metadata.partition(), metadata.offset());
        } catch (ExecutionException e) {
            throw classify(e.getCause());
        } catch (TimeoutException e) {
            throw new EventStoreUnavailableException("Kafka did not acknowledge within " + ackTimeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventStoreUnavailableException("interrupted while waiting for Kafka", e);
        } catch (KafkaException e) {
            throw classify(e);
        }
    }

    static RuntimeException classify(Throwable failure) {
        if (failure instanceof SerializationException s && s.getCause() instanceof SchemaRegistryException registry) {
            if (registry instanceof SchemaRegistryException.Unavailable) {
                return new EventStoreUnavailableException("schema registry unavailable: " + registry.getMessage(), s);
            }
            return new EventRejectedException(500, "schema registry refused the RawArticle schema: " + registry.getMessage(), s);
        }
        if (failure instanceof RecordTooLargeException tooLarge) {
            return new EventRejectedException(413, "the article is larger than the event stream accepts: "
                    + tooLarge.getMessage(), tooLarge);
        }
        if (failure instanceof RetriableException || failure instanceof InterruptException
                || failure instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new EventStoreUnavailableException("Kafka unavailable: " + failure.getMessage(), failure);
        }
        return new EventRejectedException(500, "Kafka refused the event: " + failure, failure);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}

package news.pipeline.publish.consume;

import news.pipeline.schemas.topics.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes refused records to the dead-letter topic: the original key, value bytes and headers,
 * plus headers that say why and where from. A batch counts as safe only once every dead letter is
 * acknowledged by the broker ({@code acks=all}).
 */
public class DeadLetterPublisher implements AutoCloseable {

    /** Header names on dead letters: the shared ones first (the same on every service's dead letters), then ours. */
    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String STAGE = DeadLetterHeaders.STAGE;
    public static final String ERROR_TYPE = "dlt.error.type";
    public static final String STATUS = "dlt.status";
    public static final String ORIGINAL_TOPIC = DeadLetterHeaders.ORIGINAL_TOPIC;
    public static final String ORIGINAL_PARTITION = "dlt.original.partition";
    public static final String ORIGINAL_OFFSET = "dlt.original.offset";
    public static final String ORIGINAL_TIMESTAMP = "dlt.original.timestamp";
    public static final String ARTICLE_ID = "dlt.article.id";
    public static final String ARTICLE_VERSION = "dlt.article.version";
    public static final String PIPELINE = "dlt.pipeline";
    /** The error type of a record that is not an EnrichedArticle in the Confluent wire format. */
    static final String UNDECODABLE = "undecodable";

    /** One record to dead-letter and why. */
    public record DeadLetter(ConsumerRecord<String, byte[]> record, String errorType, int status, String reason,
            String articleId, Long articleVersion) {
    }

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final String pipeline;

    public DeadLetterPublisher(String bootstrapServers, Map<String, String> extraProperties, String topic,
            String pipeline) {
        Map<String, Object> config = new HashMap<>(extraProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "publish-service-dlt-" + pipeline);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        this.producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.pipeline = pipeline;
    }

    public String topic() {
        return topic;
    }

    /**
     * Sends every dead letter and waits for all acknowledgements.
     *
     * @throws DeadLetterException when any of them could not be written (retriable: the batch is not safe yet)
     */
    public void publish(List<DeadLetter> letters) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(letters.size());
        try {
            for (DeadLetter letter : letters) {
                sent.add(producer.send(toRecord(letter)));
            }
            producer.flush();
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterException("interrupted while writing dead letters", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new DeadLetterException("cannot write dead letters to " + topic + ": " + cause, cause);
        }
    }

    private ProducerRecord<String, byte[]> toRecord(DeadLetter letter) {
        ConsumerRecord<String, byte[]> original = letter.record();
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original.headers()) {
            headers.add(header);
        }
        add(headers, REASON, truncate(letter.reason(), 4000));
        add(headers, STAGE, UNDECODABLE.equals(letter.errorType()) ? "deserialize" : "index");
        add(headers, ERROR_TYPE, letter.errorType());
        add(headers, STATUS, Integer.toString(letter.status()));
        add(headers, ORIGINAL_TOPIC, original.topic());
        add(headers, ORIGINAL_PARTITION, Integer.toString(original.partition()));
        add(headers, ORIGINAL_OFFSET, Long.toString(original.offset()));
        add(headers, ORIGINAL_TIMESTAMP, Long.toString(original.timestamp()));
        add(headers, ARTICLE_ID, letter.articleId());
        add(headers, ARTICLE_VERSION, letter.articleVersion() == null ? null : letter.articleVersion().toString());
        add(headers, PIPELINE, pipeline);
        return new ProducerRecord<>(topic, null, original.key(), original.value(), headers);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(10));
    }

    /** The dead letters could not be written; nothing is committed and the batch is retried. */
    public static final class DeadLetterException extends RuntimeException {
        public DeadLetterException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

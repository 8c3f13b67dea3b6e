package news.pipeline.publish.consume;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import news.pipeline.schemas.topics.DeadLetterHeaders;
import news.pipeline.support.failure.Failures;
import news.pipeline.support.failure.TransientFailureException;
import news.pipeline.support.kafka.DeadLetters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

/**
 * Writes records Elasticsearch refused for good, or that are not readable articles, to the dead-letter
 * topic: the original key, value bytes and headers, the shared {@link DeadLetterHeaders} (reason, stage,
 * original topic/partition/offset/timestamp) and publish's own below. A batch is safe only once every
 * dead letter is acknowledged ({@code acks=all}).
 */
public class DeadLetterWriter {

    /** The shared headers (the same on every service's dead letters). */
    public static final String REASON = DeadLetterHeaders.REASON;
    public static final String STAGE = DeadLetterHeaders.STAGE;
    public static final String ORIGINAL_TOPIC = DeadLetterHeaders.ORIGINAL_TOPIC;
    public static final String ORIGINAL_PARTITION = DeadLetterHeaders.ORIGINAL_PARTITION;
    public static final String ORIGINAL_OFFSET = DeadLetterHeaders.ORIGINAL_OFFSET;
    public static final String ORIGINAL_TIMESTAMP = DeadLetterHeaders.ORIGINAL_TIMESTAMP;
    /** publish's own headers. */
    public static final String ERROR_TYPE = "dlt.error.type";
    public static final String STATUS = "dlt.status";
    public static final String ARTICLE_ID = "dlt.article.id";
    public static final String ARTICLE_VERSION = "dlt.article.version";
    public static final String PIPELINE = "dlt.pipeline";
    /** The error type of a record that is not an EnrichedArticle in the Confluent wire format. */
    public static final String UNDECODABLE = "undecodable";
    /** The error type of an article that cannot be turned into a document. */
    public static final String UNMAPPABLE = "unmappable";
    /** The error type of a record whose batch kept failing for a reason that is neither transient nor its own. */
    public static final String UNEXPECTED = "unexpected";

    /** A record of a batch that kept failing with {@code failure} (a bug, not the record's known fault). */
    @SuppressWarnings("unchecked")
    public static DeadLetter unexpected(ConsumerRecord<?, ?> record, Exception failure) {
        return new DeadLetter((ConsumerRecord<String, byte[]>) record, UNEXPECTED, 0,
                "its batch kept failing: " + Failures.reason(failure, 1000), (String) record.key(), null);
    }

    /** One record to dead-letter and why. */
    public record DeadLetter(ConsumerRecord<String, byte[]> record, String errorType, int status, String reason,
            String articleId, Long articleVersion) {

        /** Where it failed: it could not be read, or Elasticsearch (or the mapping to a document) refused it. */
        String stage() {
            return UNDECODABLE.equals(errorType) ? "deserialize" : "index";
        }

        /**
         * Why, in the few words the dead-letter metric is tagged with: {@code unexpected} (its batch kept failing),
         * {@code undecodable} (not a readable or mappable article) or {@code refused} (by Elasticsearch).
         */
        String kind() {
            if (UNEXPECTED.equals(errorType)) {
                return "unexpected";
            }
            return UNDECODABLE.equals(errorType) || UNMAPPABLE.equals(errorType) ? "undecodable" : "refused";
        }
    }

    private final KafkaTemplate<String, byte[]> template;
    private final String topic;
    private final String pipeline;

    public DeadLetterWriter(KafkaTemplate<String, byte[]> template, String topic, String pipeline) {
        this.template = template;
        this.topic = topic;
        this.pipeline = pipeline;
    }

    public String topic() {
        return topic;
    }

    /**
     * Sends every dead letter and waits for all acknowledgements.
     *
     * @throws TransientFailureException when any of them could not be written: the batch is not safe yet
     */
    public void write(List<DeadLetter> letters) {
        List<CompletableFuture<SendResult<String, byte[]>>> sent = new ArrayList<>(letters.size());
        try {
            for (DeadLetter letter : letters) {
                sent.add(template.send(toRecord(letter)));
            }
            template.flush();
            for (CompletableFuture<SendResult<String, byte[]>> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransientFailureException("dead-letter", "interrupted while writing dead letters", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new TransientFailureException("dead-letter", "cannot write dead letters to " + topic + ": " + cause, cause);
        }
    }

    private ProducerRecord<String, byte[]> toRecord(DeadLetter letter) {
        ConsumerRecord<String, byte[]> original = letter.record();
        Headers headers = DeadLetters.withOriginalHeaders(original, letter.stage(), letter.reason());
        DeadLetters.add(headers, ERROR_TYPE, letter.errorType());
        DeadLetters.add(headers, STATUS, Integer.toString(letter.status()));
        DeadLetters.add(headers, ARTICLE_ID, letter.articleId());
        DeadLetters.add(headers, ARTICLE_VERSION, letter.articleVersion() == null ? null : letter.articleVersion().toString());
        DeadLetters.add(headers, PIPELINE, pipeline);
        return new ProducerRecord<>(topic, null, original.key(), original.value(), headers);
    }
}

package news.pipeline.schemas.topics;

/**
 * The headers every dead letter carries, whichever service wrote it, so operators and the replay
 * tool read one vocabulary. The original topic uses spring-kafka's header name, which its
 * dead-letter recoverer also writes; every value here is UTF-8 text.
 */
public final class DeadLetterHeaders {

    /** Why the record could not be processed, in one line. */
    public static final String REASON = "x-dead-letter-reason";
    /** Where it failed: deserialize, validate, enrich, produce, index. */
    public static final String STAGE = "x-dead-letter-stage";
    /** The topic the record came from; the replay tool sends it back there. */
    public static final String ORIGINAL_TOPIC = "kafka_dlt-original-topic";
    /** The partition, offset and timestamp (epoch ms) the record had there, as decimal text. */
    public static final String ORIGINAL_PARTITION = "x-dead-letter-original-partition";
    public static final String ORIGINAL_OFFSET = "x-dead-letter-original-offset";
    public static final String ORIGINAL_TIMESTAMP = "x-dead-letter-original-timestamp";

    private DeadLetterHeaders() {
    }
}

package news.pipeline.support.kafka;

import java.nio.charset.StandardCharsets;
import news.pipeline.schemas.topics.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the headers of a dead letter, for every service alike: why and where it failed, and where the
 * record came from ({@link DeadLetterHeaders}; every value UTF-8 text). The dead letter itself keeps the
 * original key, value bytes and headers, so it can be replayed as it was.
 */
public final class DeadLetters {

    private static final int MAX_REASON = 4000;

    private DeadLetters() {
    }

    /** The headers describing the failure and the record's origin (not the record's own headers). */
    public static Headers describe(ConsumerRecord<?, ?> original, String stage, String reason) {
        RecordHeaders headers = new RecordHeaders();
        add(headers, DeadLetterHeaders.REASON, reason == null || reason.length() <= MAX_REASON ? reason
                : reason.substring(0, MAX_REASON) + "…");
        add(headers, DeadLetterHeaders.STAGE, stage);
        add(headers, DeadLetterHeaders.ORIGINAL_TOPIC, original.topic());
        add(headers, DeadLetterHeaders.ORIGINAL_PARTITION, Integer.toString(original.partition()));
        add(headers, DeadLetterHeaders.ORIGINAL_OFFSET, Long.toString(original.offset()));
        add(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP, Long.toString(original.timestamp()));
        return headers;
    }

    /** The record's own headers followed by {@link #describe}'s. */
    public static Headers withOriginalHeaders(ConsumerRecord<?, ?> original, String stage, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : original.headers()) {
            headers.add(header);
        }
        for (Header header : describe(original, stage, reason)) {
            headers.add(header);
        }
        return headers;
    }

    /** Adds a text header; null values are left out. */
    public static void add(Headers headers, String name, String value) {
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }
}

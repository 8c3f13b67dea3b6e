package news.pipeline.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import news.pipeline.schemas.topics.DeadLetterHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private final ConsumerRecord<String, byte[]> original = new ConsumerRecord<>("news.articles.raw", 4, 1234567L,
            1_700_000_000_123L, TimestampType.CREATE_TIME, 3, 5, "id-1", new byte[] {1, 2, 3},
            new RecordHeaders().add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8)), Optional.empty());

    @Test
    void everyCoordinateIsTextSoAnyToolReadsItTheSameWay() {
        Headers headers = DeadLetters.describe(original, "deserialize", "not a RawArticle");

        assertThat(text(headers, DeadLetterHeaders.STAGE)).isEqualTo("deserialize");
        assertThat(text(headers, DeadLetterHeaders.REASON)).isEqualTo("not a RawArticle");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo("news.articles.raw");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo("4");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo("1234567");
        assertThat(text(headers, DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo("1700000000123");
        assertThat(headers.lastHeader("traceparent")).isNull();
    }

    @Test
    void theRecordsOwnHeadersComeFirstAndALongReasonIsCut() {
        Headers headers = DeadLetters.withOriginalHeaders(original, "index", "x".repeat(5000));

        assertThat(headers.toArray()[0].key()).isEqualTo("traceparent");
        assertThat(text(headers, DeadLetterHeaders.REASON)).hasSize(4001).endsWith("…");
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

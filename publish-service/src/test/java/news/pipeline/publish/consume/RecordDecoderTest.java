package news.pipeline.publish.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import news.pipeline.schemas.serde.ConfluentWireFormat;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** How one record's bytes are judged, before any server is involved. */
class RecordDecoderTest {

    // nothing listens on port 1: the registry is unreachable
    private final RecordDecoder decoder = new RecordDecoder("http://127.0.0.1:1",
            Map.of("schema.registry.max.retries", "0", "schema.registry.http.connect.timeout.ms", "500"));

    @Test
    void aNullValueIsATombstone() {
        assertThat(decoder.decode(record(null))).isInstanceOf(RecordDecoder.Tombstone.class);
    }

    @Test
    void bytesThatAreNotTheConfluentWireFormatAreUndecodable() {
        RecordDecoder.Decoded decoded = decoder.decode(record("plain text".getBytes(StandardCharsets.UTF_8)));

        assertThat(decoded).isInstanceOf(RecordDecoder.Undecodable.class);
        assertThat(((RecordDecoder.Undecodable) decoded).reason()).contains("magic byte");
    }

    @Test
    void anUnreachableRegistryIsNotTheRecordsFaultButRetriable() {
        byte[] framed = ConfluentWireFormat.frame(42, new byte[] {2, 'a'});

        assertThat(decoder.decode(record(framed))).isInstanceOf(RecordDecoder.Unavailable.class);
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("news.articles.enriched", 0, 0L, "id-1", value);
    }
}

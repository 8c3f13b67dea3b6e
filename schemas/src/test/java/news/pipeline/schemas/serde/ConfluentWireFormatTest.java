package news.pipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class ConfluentWireFormatTest {

    @Test
    void framesMagicByteThenBigEndianIdThenPayload() {
        byte[] framed = ConfluentWireFormat.frame(0x01020304, new byte[] {42, 43});

        assertThat(framed).containsExactly(0, 1, 2, 3, 4, 42, 43);
    }

    @Test
    void parsesWhatItFrames() {
        ConfluentWireFormat.Framed parsed = ConfluentWireFormat.parse(ConfluentWireFormat.frame(70000, new byte[] {7}));

        assertThat(parsed.schemaId()).isEqualTo(70000);
        assertThat(parsed.payload().remaining()).isEqualTo(1);
        assertThat(parsed.payload().get()).isEqualTo((byte) 7);
    }

    @Test
    void refusesAnotherMagicByte() {
        byte[] notConfluent = ByteBuffer.allocate(6).put((byte) 1).putInt(5).put((byte) 0).array();

        assertThatThrownBy(() -> ConfluentWireFormat.parse(notConfluent))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Unknown magic byte 1");
    }

    @Test
    void refusesMessagesShorterThanTheHeader() {
        assertThatThrownBy(() -> ConfluentWireFormat.parse(new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("shorter than the 5-byte header");
    }
}

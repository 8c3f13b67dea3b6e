package news.pipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, then the
 * Avro binary encoding of the value. Identical to what Confluent's KafkaAvroSerializer writes.
 */
public final class ConfluentWireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int HEADER_LENGTH = 5;

    private ConfluentWireFormat() {
    }

    /** Writes the 5-byte header, for an encoder to write the Avro payload after it into the same stream. */
    public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
        out.write(MAGIC_BYTE);
        out.write(schemaId >>> 24);
        out.write(schemaId >>> 16);
        out.write(schemaId >>> 8);
        out.write(schemaId);
    }

    public static byte[] frame(int schemaId, byte[] avroPayload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(HEADER_LENGTH + avroPayload.length);
        writeHeader(out, schemaId);
        out.writeBytes(avroPayload);
        return out.toByteArray();
    }

    /** A framed message split into its schema id and the Avro payload (a view, not a copy). */
    public record Framed(int schemaId, ByteBuffer payload) {
    }

    public static Framed parse(byte[] message) {
        if (message.length < HEADER_LENGTH) {
            throw new SerializationException("Not Confluent wire format: " + message.length
                    + " bytes, shorter than the 5-byte header");
        }
        ByteBuffer buffer = ByteBuffer.wrap(message);
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + magic + ": not Confluent wire format");
        }
        int schemaId = buffer.getInt();
        return new Framed(schemaId, buffer.slice());
    }
}

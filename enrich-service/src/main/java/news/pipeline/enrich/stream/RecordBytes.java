package news.pipeline.enrich.stream;

import java.nio.ByteBuffer;

/** A raw record's value as the binding delivers it (a {@link ByteBuffer}), back to the bytes the serde reads. */
public final class RecordBytes {

    private RecordBytes() {
    }

    /** The buffer's remaining bytes: its backing array itself when the buffer is all of it (no copy). */
    public static byte[] of(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0
                && buffer.remaining() == buffer.array().length) {
            return buffer.array();
        }
        ByteBuffer view = buffer.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }
}

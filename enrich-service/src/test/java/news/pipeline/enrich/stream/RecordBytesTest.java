package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class RecordBytesTest {

    @Test
    void aWholeArrayIsHandedBackAndAViewIsCopied() {
        byte[] record = {0, 0, 0, 0, 7, 1, 2, 3};
        assertThat(RecordBytes.of(ByteBuffer.wrap(record))).isSameAs(record);

        ByteBuffer view = ByteBuffer.wrap(record, 5, 3);
        assertThat(RecordBytes.of(view)).containsExactly(1, 2, 3);
        assertThat(view.remaining()).isEqualTo(3); // the buffer itself is not consumed
        assertThat(RecordBytes.of(ByteBuffer.wrap(record).slice(4, 2))).containsExactly(7, 1);
        assertThat(RecordBytes.of(null)).isNull();
    }
}

package news.pipeline.ingest.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.events.SubjectRef;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/** The content hash: what the raw topic already holds must hash the same, or every re-post would be emitted again. */
class ContentHasherTest {

    @Test
    void isTheSha256OfTheAvroEncodingWithThePerPostFieldsCleared() throws Exception {
        RawArticle article = article("f-1", Instant.parse("2026-12-03T10:00:00Z"), 7);
        RawArticle cleared = RawArticle.newBuilder(article).setId("").setVersion(0L).setVersionCreated(Instant.EPOCH)
                .setReceivedAt(Instant.EPOCH).setContentHash("").build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(bytes, null);
        new SpecificDatumWriter<RawArticle>(RawArticle.getClassSchema(), cleared.getSpecificData()).write(cleared, encoder);
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));

        assertThat(ContentHasher.hash(article)).isEqualTo(expected);
        // the same content posted again, later, under another version: the same hash
        assertThat(ContentHasher.hash(article("f-1", Instant.parse("2026-12-04T08:00:00Z"), 9))).isEqualTo(expected);
        RawArticle edited = RawArticle.newBuilder(article).setHeadline("Tít đã sửa").build();
        assertThat(ContentHasher.hash(edited)).isNotEqualTo(expected);
    }

    private static RawArticle article(String id, Instant receivedAt, long version) {
        return RawArticle.newBuilder().setId(id).setFeed("f").setVersion(version).setVersionCreated(receivedAt)
                .setPubStatus(PubStatus.usable).setHeadline("Tít").setBodyText("Một đoạn văn. ".repeat(500))
                .setSubjects(List.of(new SubjectRef("medtop:04000000", "kinh tế", "medtop")))
                .setReceivedAt(receivedAt).setContentHash("").setSourceFormat("json").build();
    }
}

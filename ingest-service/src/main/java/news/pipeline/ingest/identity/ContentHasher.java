package news.pipeline.ingest.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * SHA-256 of an article's normalised content: the event with everything that changes on every
 * post cleared (id, version, versionCreated, receivedAt, the hash itself), in Avro binary — a
 * canonical encoding that covers every field of the contract without a hand-kept list. Posting
 * the same content again gives the same hash and is acknowledged as unchanged.
 *
 * <p>A kill hashes to a value of its id alone: a second kill of the same article is unchanged,
 * whatever text the feed sent with it. A schema change changes every hash once (re-posted
 * articles are then emitted again), which is harmless.
 */
public final class ContentHasher {

    private static final Instant EPOCH = Instant.EPOCH;

    private ContentHasher() {
    }

    public static String hash(RawArticle article) {
        if (article.getPubStatus() == PubStatus.canceled) {
            return ArticleIds.sha256("canceled\n" + article.getId());
        }
        RawArticle content = RawArticle.newBuilder(article)
                .setId("")
                .setVersion(0L)
                .setVersionCreated(EPOCH)
                .setReceivedAt(EPOCH)
                .setContentHash("")
                .build();
        // encoded straight into the digest: no buffer of the whole article
        MessageDigest digest = ArticleIds.digest();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(new DigestOutputStream(OutputStream.nullOutputStream(), digest), null);
        try {
            new SpecificDatumWriter<RawArticle>(RawArticle.getClassSchema(), content.getSpecificData()).write(content, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}

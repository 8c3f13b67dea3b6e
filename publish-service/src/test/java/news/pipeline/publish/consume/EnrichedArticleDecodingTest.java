package news.pipeline.publish.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.schemas.serde.ConfluentWireFormat;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.support.failure.Failures;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.failure.TransientFailureException;
import news.pipeline.support.kafka.ValueDecoder;
import org.junit.jupiter.api.Test;

/** How one record's bytes are judged by the decoder publish uses, before any server is involved. */
class EnrichedArticleDecodingTest {

    // nothing listens on port 1: the registry is unreachable
    private final ValueDecoder<EnrichedArticle> decoder = new ValueDecoder<>(Topics.ENRICHED_ARTICLES, Map.of(
            "schema.registry.url", "http://127.0.0.1:1",
            "schema.registry.max.retries", "0", "schema.registry.http.connect.timeout.ms", "500"));

    @Test
    void aNullValueIsATombstone() {
        assertThat(decoder.decode("news.articles.enriched", null)).isNull();
    }

    @Test
    void bytesThatAreNotTheConfluentWireFormatArePoisonToDeadLetter() {
        assertThatThrownBy(() -> decoder.decode("news.articles.enriched", "plain text".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(PoisonRecordException.class)
                .hasMessageContaining("magic byte")
                .satisfies(e -> assertThat(Failures.isTransient(e)).isFalse());
    }

    @Test
    void anUnreachableRegistryIsNotTheRecordsFaultButTransient() {
        byte[] framed = ConfluentWireFormat.frame(42, new byte[] {2, 'a'});

        assertThatThrownBy(() -> decoder.decode("news.articles.enriched", framed))
                .isInstanceOf(TransientFailureException.class)
                .satisfies(e -> assertThat(Failures.isTransient(e)).isTrue());
    }
}

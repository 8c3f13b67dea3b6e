package news.pipeline.enrich.related;

import java.time.Duration;
import java.util.Map;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.kafka.TopicReader;
import news.pipeline.support.kafka.ValueDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the related-articles index from the enriched topic (compacted and kept: the source of
 * truth), read whole from its beginning by a {@link TopicReader}. A tombstone or a canceled article
 * removes the id; poison records are skipped; an unreachable registry is waited out.
 */
public final class RelatedIndexRebuilder {

    private static final Logger log = LoggerFactory.getLogger(RelatedIndexRebuilder.class);

    private RelatedIndexRebuilder() {
    }

    public record Result(long records, int indexed, long skipped, long millis) {
    }

    /**
     * @param clientConfig Kafka client settings (Spring Boot's consumer properties)
     * @param timeout      after this the service carries on with the part rebuilt so far
     */
    public static Result rebuild(Map<String, Object> clientConfig, TopicSpec<EnrichedArticle> topic,
            Map<String, ?> registryConfig, RelatedIndex index, Duration timeout) {
        long started = System.nanoTime();
        long records = 0;
        long skipped = 0;
        try (TopicReader reader = TopicReader.fromBeginning(clientConfig, topic.name(), "enrich-related-rebuild", 500,
                timeout);
             ValueDecoder<EnrichedArticle> decoder = new ValueDecoder<>(topic, registryConfig)) {
            TopicReader.Result read = reader.readValuesToEnd(decoder, timeout, (key, article) -> {
                if (article != null) {
                    index.accept(article);
                } else if (key != null) {
                    index.delete(key);
                }
            });
            records = read.records();
            skipped = read.skipped();
        } catch (TopicReader.Incomplete e) {
            records = e.records();
            log.warn("related index: rebuild from {} stopped after {} ms ({}); continuing with a partial index",
                    topic.name(), timeout.toMillis(), e.getMessage());
        }
        Result result = new Result(records, index.size(), skipped, (System.nanoTime() - started) / 1_000_000);
        log.info("related index rebuilt from {}: {} records read, {} articles indexed, {} skipped, {} ms", topic.name(),
                result.records(), result.indexed(), result.skipped(), result.millis());
        return result;
    }
}

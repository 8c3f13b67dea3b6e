package news.pipeline.enrich.stream;

import java.time.Duration;
import java.util.Map;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.kafka.TopicReader;
import news.pipeline.support.kafka.ValueDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds what enrich-service holds from the enriched topic (compacted and kept: the source of truth),
 * read whole from its beginning by a {@link TopicReader}: the related-articles index, and the latest
 * version of every article. A kill leaves the index but its version stays; a tombstone removes both.
 * Poison records are skipped; an unreachable registry is waited out.
 */
public final class EnrichedTopicRebuilder {

    private static final Logger log = LoggerFactory.getLogger(EnrichedTopicRebuilder.class);

    private EnrichedTopicRebuilder() {
    }

    public record Result(long records, int indexed, int versions, long skipped, long millis) {
    }

    /**
     * @param clientConfig Kafka client settings (Spring Boot's consumer properties)
     * @param timeout      after this the service carries on with the part rebuilt so far
     */
    public static Result rebuild(Map<String, Object> clientConfig, TopicSpec<EnrichedArticle> topic,
            Map<String, ?> registryConfig, RelatedIndex index, LatestVersions versions, Duration timeout) {
        long started = System.nanoTime();
        long records = 0;
        long skipped = 0;
        try (TopicReader reader = TopicReader.fromBeginning(clientConfig, topic.name(), "enrich-rebuild", 500, timeout);
             ValueDecoder<EnrichedArticle> decoder = new ValueDecoder<>(topic, registryConfig)) {
            TopicReader.Result read = reader.readValuesToEnd(decoder, timeout, (key, article) -> {
                if (article != null) {
                    versions.offer(article.getId(), article.getVersion());
                    index.accept(article);
                } else if (key != null) {
                    versions.forget(key);
                    index.delete(key);
                }
            });
            records = read.records();
            skipped = read.skipped();
        } catch (TopicReader.Incomplete e) {
            records = e.records();
            log.warn("rebuild from {} stopped after {} ms ({}); continuing with what was read", topic.name(),
                    timeout.toMillis(), e.getMessage());
        }
        Result result = new Result(records, index.size(), versions.size(), skipped,
                (System.nanoTime() - started) / 1_000_000);
        log.info("rebuilt from {}: {} records read, {} articles in the related index, {} latest versions, {} skipped, {} ms",
                topic.name(), result.records(), result.indexed(), result.versions(), result.skipped(), result.millis());
        return result;
    }
}

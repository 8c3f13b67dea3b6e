package news.pipeline.schemas.topics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;

/**
 * Every topic of the pipeline, in one place, with its serdes and policy.
 *
 * <pre>
 *  wire feeds → ingest-service → news.articles.raw → enrich-service → news.articles.enriched → publish-service → Elasticsearch
 *                                                       ↘ news.articles.raw.dlt                  ↘ news.articles.enriched.dlt
 * </pre>
 */
public final class Topics {

    /** Raw articles as received; key = article id, so every version of an article stays in order. */
    public static final TopicSpec<RawArticle> RAW_ARTICLES = new TopicSpec<>(
            "news.articles.raw", RawArticle.class, 6,
            Map.of("cleanup.policy", "delete",
                    "retention.ms", millis(Duration.ofDays(7))));

    /**
     * Enriched articles; compacted and kept forever, so the latest version of every article stays
     * and the search index can always be rebuilt from this topic.
     */
    public static final TopicSpec<EnrichedArticle> ENRICHED_ARTICLES = new TopicSpec<>(
            "news.articles.enriched", EnrichedArticle.class, 6,
            Map.of("cleanup.policy", "compact",
                    "retention.ms", "-1",
                    "min.compaction.lag.ms", millis(Duration.ofMinutes(10)),
                    "delete.retention.ms", millis(Duration.ofDays(1))));

    /** Raw articles enrich-service could not process; original bytes, reason and coordinates in headers. */
    public static final TopicSpec<byte[]> RAW_ARTICLES_DLT = new TopicSpec<>(
            "news.articles.raw.dlt", byte[].class, 1,
            Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(30))));

    /** Enriched articles Elasticsearch refused for good; original bytes, reason and coordinates in headers. */
    public static final TopicSpec<byte[]> ENRICHED_ARTICLES_DLT = new TopicSpec<>(
            "news.articles.enriched.dlt", byte[].class, 1,
            Map.of("cleanup.policy", "delete", "retention.ms", millis(Duration.ofDays(30))));

    public static final List<TopicSpec<?>> ALL = List.of(RAW_ARTICLES, ENRICHED_ARTICLES, RAW_ARTICLES_DLT,
            ENRICHED_ARTICLES_DLT);

    private Topics() {
    }

    private static String millis(Duration duration) {
        return Long.toString(duration.toMillis());
    }
}

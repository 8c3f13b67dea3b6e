package news.pipeline.support.kafka;

import java.util.List;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The pipeline's topics under the names this deployment gives them ({@code pipeline.topics.*}, one
 * environment variable each: {@code PIPELINE_TOPICS_RAW}, {@code PIPELINE_TOPICS_ENRICHED},
 * {@code PIPELINE_TOPICS_RAW_DLT}, {@code PIPELINE_TOPICS_ENRICHED_DLT}). Every service binds this one
 * record, so a topic has one name everywhere; serdes and policy come from {@link Topics}.
 *
 * @param provision         create missing topics with their policy at start-up
 * @param replicationFactor replication of the topics this service creates
 */
@ConfigurationProperties("pipeline.topics")
public record PipelineTopics(
        String raw,
        String enriched,
        String rawDlt,
        String enrichedDlt,
        @DefaultValue("true") boolean provision,
        @DefaultValue("1") short replicationFactor) {

    public PipelineTopics {
        raw = orDefault(raw, Topics.RAW_ARTICLES);
        enriched = orDefault(enriched, Topics.ENRICHED_ARTICLES);
        rawDlt = orDefault(rawDlt, Topics.RAW_ARTICLES_DLT);
        enrichedDlt = orDefault(enrichedDlt, Topics.ENRICHED_ARTICLES_DLT);
    }

    /** The contract's default names, as a service gets them with no configuration. */
    public static PipelineTopics defaults() {
        return new PipelineTopics(null, null, null, null, true, (short) 1);
    }

    public TopicSpec<RawArticle> rawArticles() {
        return Topics.RAW_ARTICLES.named(raw);
    }

    public TopicSpec<EnrichedArticle> enrichedArticles() {
        return Topics.ENRICHED_ARTICLES.named(enriched);
    }

    public TopicSpec<byte[]> rawArticlesDlt() {
        return Topics.RAW_ARTICLES_DLT.named(rawDlt);
    }

    public TopicSpec<byte[]> enrichedArticlesDlt() {
        return Topics.ENRICHED_ARTICLES_DLT.named(enrichedDlt);
    }

    public List<TopicSpec<?>> all() {
        return List.of(rawArticles(), enrichedArticles(), rawArticlesDlt(), enrichedArticlesDlt());
    }

    private static String orDefault(String name, TopicSpec<?> contract) {
        return name == null || name.isBlank() ? contract.name() : name.trim();
    }
}

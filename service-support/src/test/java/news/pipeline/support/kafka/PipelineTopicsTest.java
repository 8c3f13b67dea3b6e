package news.pipeline.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class PipelineTopicsTest {

    @Test
    void withNothingConfiguredEveryTopicHasTheContractsName() {
        PipelineTopics topics = bind(Map.of());

        assertThat(topics.all()).extracting(TopicSpec::name).containsExactly(Topics.RAW_ARTICLES.name(),
                Topics.ENRICHED_ARTICLES.name(), Topics.RAW_ARTICLES_DLT.name(), Topics.ENRICHED_ARTICLES_DLT.name());
        assertThat(topics.provision()).isTrue();
        assertThat(topics).isEqualTo(PipelineTopics.defaults());
    }

    @Test
    void aConfiguredNameKeepsTheContractsSerdesAndPolicy() {
        PipelineTopics topics = bind(Map.of("pipeline.topics.raw", "e2e.raw", "pipeline.topics.enriched-dlt", "e2e.enriched.dlt",
                "pipeline.topics.replication-factor", "3"));

        TopicSpec<?> raw = topics.rawArticles();
        assertThat(raw.name()).isEqualTo("e2e.raw");
        assertThat(raw.valueType()).isEqualTo(Topics.RAW_ARTICLES.valueType());
        assertThat(raw.partitions()).isEqualTo(Topics.RAW_ARTICLES.partitions());
        assertThat(raw.configs()).isEqualTo(Topics.RAW_ARTICLES.configs());
        assertThat(topics.enrichedArticlesDlt().name()).isEqualTo("e2e.enriched.dlt");
        assertThat(topics.enrichedArticles().name()).isEqualTo(Topics.ENRICHED_ARTICLES.name());
        assertThat(topics.replicationFactor()).isEqualTo((short) 3);
    }

    private static PipelineTopics bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("pipeline.topics", PipelineTopics.class);
    }
}

package news.pipeline.support.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeprecatedTopicTagFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    DeprecatedTopicTagFilterTest() {
        registry.config().meterFilter(new DeprecatedTopicTagFilter(List.of("news.articles.raw", "plain_topic")));
    }

    private void lag(String name, String topic) {
        Gauge.builder(name, () -> 7).tag("topic", topic).tag("partition", "0").register(registry);
    }

    @Test
    void theUnderscoreCopyOfADottedTopicIsDroppedAndTheRealOneKept() {
        lag("kafka.consumer.fetch.manager.records.lag", "news.articles.raw");
        lag("kafka.consumer.fetch.manager.records.lag", "news_articles_raw");

        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauges())
                .extracting(g -> g.getId().getTag("topic")).containsExactly("news.articles.raw");
    }

    @Test
    void aTopicWithoutDotsAndMetersOtherThanKafkasAreLeftAlone() {
        lag("kafka.consumer.fetch.manager.records.lag", "plain_topic");
        lag("ingest.something", "news_articles_raw");

        assertThat(registry.find("kafka.consumer.fetch.manager.records.lag").gauges()).hasSize(1);
        assertThat(registry.find("ingest.something").gauges()).hasSize(1);
    }
}

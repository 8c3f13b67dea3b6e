package news.pipeline.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkOptionsTest {

    @Test
    void parsesTheCommandLine() {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[] {"--articles", "100", "--concurrency", "4", "--seed", "9",
                "--out", "x/y.json", "--run-tag", "Smoke1", "--service-env", "SPRING_KAFKA_CONSUMER_FETCH_MAX_WAIT=50ms"});
        assertThat(o.articles()).isEqualTo(100);
        assertThat(o.concurrency()).isEqualTo(4);
        assertThat(o.seed()).isEqualTo(9);
        assertThat(o.warmup()).isEqualTo(300);
        assertThat(BenchmarkOptions.parse(new String[] {"--articles", "2000"}).warmup()).isEqualTo(6000);
        assertThat(BenchmarkOptions.parse(new String[] {"--articles", "5"}).warmup()).isEqualTo(20);
        assertThat(o.runTag()).isEqualTo("smoke1");
        assertThat(o.serviceEnv()).containsEntry("SPRING_KAFKA_CONSUMER_FETCH_MAX_WAIT", "50ms");
        assertThat(o.alias()).isEqualTo("bench-smoke1-articles");
        assertThat(o.rawTopic()).isEqualTo("bench.smoke1.articles.raw");
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--articles", "0"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--bogus"})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--articles", "x"}))
                .hasMessage("--articles needs a number, got 'x'");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--half-rate", "half"}))
                .hasMessage("--half-rate needs a number, got 'half'");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--run-tag", "a b"})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void servicesGetTheRunsOwnTopicsGroupsAliasAndNoRateLimit() throws Exception {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[] {"--run-tag", "t"});
        Map<String, String> env = BenchmarkMain.serviceEnvironment(o);
        assertThat(env).containsEntry("PIPELINE_TOPICS_RAW", "bench.t.articles.raw")
                .containsEntry("PIPELINE_TOPICS_RAW_DLT", "bench.t.articles.raw.dlt")
                .containsEntry("PIPELINE_TOPICS_ENRICHED", "bench.t.articles.enriched")
                .containsEntry("PIPELINE_TOPICS_ENRICHED_DLT", "bench.t.articles.enriched.dlt")
                .containsEntry("ENRICH_GROUP", "bench-t-enrich")
                .containsEntry("PUBLISH_GROUP", "bench-t-publish");
        JsonNode json = new ObjectMapper().readTree(env.get("SPRING_APPLICATION_JSON"));
        assertThat(json.at("/ingest/feeds/baothaibinh/burst").asLong()).isEqualTo(1_000_000_000L);
        assertThat(json.at("/ingest/feeds/wire-en/rate-limit-per-second").asDouble()).isEqualTo(1e9);
        assertThat(json.at("/publish/index/alias").asText()).isEqualTo("bench-t-articles");
        assertThat(json.at("/publish/index/index-prefix").asText()).isEqualTo("bench-t-articles-v");
        assertThat(json.at("/publish/index/template-name").asText()).isEqualTo("bench-t-template");
    }

    @Test
    void aTuningGivenAsSpringJsonIsMergedIntoTheRunsOwnSettings() throws Exception {
        BenchmarkOptions o = BenchmarkOptions.parse(new String[] {"--run-tag", "t", "--service-env",
                "SPRING_APPLICATION_JSON={\"publish\":{\"batch\":{\"max-records\":\"1000\"},\"index\":{\"refresh-interval\":\"500ms\"}}}",
                "--service-env", "ENRICH_MAX_ATTEMPTS=2"});
        Map<String, String> env = BenchmarkMain.serviceEnvironment(o);
        JsonNode json = new ObjectMapper().readTree(env.get("SPRING_APPLICATION_JSON"));
        assertThat(json.at("/publish/batch/max-records").asText()).isEqualTo("1000");
        assertThat(json.at("/publish/index/refresh-interval").asText()).isEqualTo("500ms");
        assertThat(json.at("/publish/index/alias").asText()).isEqualTo("bench-t-articles");
        assertThat(json.at("/ingest/feeds/wire-en/burst").asLong()).isEqualTo(1_000_000_000L);
        assertThat(env).containsEntry("ENRICH_MAX_ATTEMPTS", "2");
    }
}

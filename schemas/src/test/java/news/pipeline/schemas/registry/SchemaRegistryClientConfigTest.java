package news.pipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class SchemaRegistryClientConfigTest {

    @Test
    void readsConfluentStyleProperties() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(Map.of(
                "schema.registry.url", "http://a:8081/, http://b:8081",
                "schema.registry.http.read.timeout.ms", "1500",
                "schema.registry.max.retries", "5"));

        assertThat(config.urls()).containsExactly("http://a:8081", "http://b:8081");
        assertThat(config.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.authorization()).isEmpty();
    }

    @Test
    void basicAuthFromUserInfo() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(Map.of(
                "schema.registry.url", "http://a:8081",
                "basic.auth.credentials.source", "USER_INFO",
                "basic.auth.user.info", "ingest:s3cret"));

        assertThat(config.authorization()).contains(basic("ingest:s3cret"));
    }

    @Test
    void basicAuthFromUrlIsRemovedFromTheUrl() {
        SchemaRegistryClientConfig config = SchemaRegistryClientConfig.from(Map.of(
                "schema.registry.url", "http://ingest:s3cret@a:8081",
                "basic.auth.credentials.source", "URL"));

        assertThat(config.authorization()).contains(basic("ingest:s3cret"));
        assertThat(config.urls()).containsExactly("http://a:8081");
    }

    @Test
    void missingUrlOrBadValuesAreConfigErrors() {
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of("schema.registry.url", "http://a",
                "basic.auth.credentials.source", "USER_INFO")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("user:password");
        assertThatThrownBy(() -> SchemaRegistryClientConfig.from(Map.of("schema.registry.url", "http://a",
                "schema.registry.max.retries", "many")))
                .isInstanceOf(ConfigException.class);
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}

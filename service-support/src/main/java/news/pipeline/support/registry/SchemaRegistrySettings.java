package news.pipeline.support.registry;

import java.util.HashMap;
import java.util.Map;
import news.pipeline.schemas.registry.SchemaRegistryClientConfig;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The schema registry every service uses ({@code pipeline.schema-registry.*}, {@code SCHEMA_REGISTRY_URL}):
 * the one place its client settings are built.
 *
 * @param properties further client or serde settings under Confluent's names (auth, timeouts, subject strategy)
 */
@ConfigurationProperties("pipeline.schema-registry")
public record SchemaRegistrySettings(
        @DefaultValue("http://127.0.0.1:8081/apis/ccompat/v7") String url,
        Map<String, String> properties) {

    public SchemaRegistrySettings {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    /** Serde and client configuration: the URL plus the extra properties. */
    public Map<String, Object> config() {
        Map<String, Object> config = new HashMap<>(properties);
        config.put(SchemaRegistryClientConfig.URL, url);
        return config;
    }
}

package news.pipeline.support;

import java.util.Map;
import news.pipeline.schemas.registry.SchemaRegistryClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Registers {@link SchemaRegistryHealthIndicator} as health component {@code schemaRegistry} for
 * the registry at {@code pipeline.schema-registry.url} (each service points it at its own setting;
 * default {@code SCHEMA_REGISTRY_URL}, else the local stack's). Short timeouts and no retries, so a
 * health probe never hangs.
 */
@AutoConfiguration
public class PipelineHealthAutoConfiguration {

    @Bean("schemaRegistry")
    @ConditionalOnMissingBean(name = "schemaRegistry")
    SchemaRegistryHealthIndicator schemaRegistryHealthIndicator(
            @Value("${pipeline.schema-registry.url:${SCHEMA_REGISTRY_URL:http://127.0.0.1:8081/apis/ccompat/v7}}") String url) {
        SchemaRegistryClient client = new SchemaRegistryClient(Map.of(
                "schema.registry.url", url,
                "schema.registry.http.connect.timeout.ms", "1000",
                "schema.registry.http.read.timeout.ms", "2000",
                "schema.registry.max.retries", "0"));
        return new SchemaRegistryHealthIndicator(client, url);
    }
}

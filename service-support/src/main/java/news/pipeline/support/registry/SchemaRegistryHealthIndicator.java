package news.pipeline.support.registry;

import news.pipeline.schemas.registry.SchemaRegistryClient;
import news.pipeline.schemas.registry.SchemaRegistryException;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code schemaRegistry}: the registry answers its Confluent API. Every service needs it,
 * ingest to write events, enrich and publish to read them; DOWN tells operators why posts get 503
 * or consumption pauses.
 */
public class SchemaRegistryHealthIndicator implements HealthIndicator {

    private final SchemaRegistryClient registry;
    private final String url;

    public SchemaRegistryHealthIndicator(SchemaRegistryClient registry, String url) {
        this.registry = registry;
        this.url = url;
    }

    @Override
    public Health health() {
        try {
            return Health.up().withDetail("url", url).withDetail("compatibility", registry.globalCompatibility()).build();
        } catch (SchemaRegistryException e) {
            return Health.down().withDetail("url", url).withDetail("error", e.getMessage()).build();
        }
    }
}

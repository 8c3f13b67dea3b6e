package news.pipeline.publish.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import news.pipeline.publish.index.IndexManager;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** DOWN when Elasticsearch cannot be reached or the cluster is red; details name the alias and its index. */
public class ElasticsearchHealthIndicator implements HealthIndicator {

    private final ElasticsearchClient client;
    private final IndexManager indexManager;

    public ElasticsearchHealthIndicator(ElasticsearchClient client, IndexManager indexManager) {
        this.client = client;
        this.indexManager = indexManager;
    }

    @Override
    public Health health() {
        try {
            HealthResponse health = client.cluster().health();
            Health.Builder builder = health.status() == HealthStatus.Red ? Health.down() : Health.up();
            return builder
                    .withDetail("cluster", health.clusterName())
                    .withDetail("status", health.status().jsonValue())
                    .withDetail("alias", indexManager.alias())
                    .withDetail("index", indexManager.currentIndex().orElse("(alias missing)"))
                    .build();
        } catch (Exception e) {
            // expected while Elasticsearch is down: no stack trace, just the reason
            return Health.down().withDetail("error", e.toString()).build();
        }
    }
}

package news.pipeline.support.kafka;

import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code kafka}: the broker answers within 3 s and the pipeline's topics exist. DOWN tells
 * operators why posts are answered 503 or consumption stopped.
 */
public class KafkaHealthIndicator implements HealthIndicator {

    private final Admin admin;
    private final List<String> topics;

    public KafkaHealthIndicator(Admin admin, List<String> topics) {
        this.admin = admin;
        this.topics = List.copyOf(topics);
    }

    @Override
    public Health health() {
        try {
            String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId()
                    .get(3, TimeUnit.SECONDS);
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(2000)).names().get(3, TimeUnit.SECONDS);
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            Health.Builder health = missing.isEmpty() ? Health.up() : Health.down().withDetail("missingTopics", missing);
            return health.withDetail("clusterId", clusterId).withDetail("topics", topics).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Health.down().withDetail("topics", topics).withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}

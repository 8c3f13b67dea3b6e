package news.pipeline.ingest.publish;

import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Health {@code kafka}: the broker answers and the raw topic exists. Down means posts are being
 * answered 503, so a load balancer can route feeds elsewhere.
 */
@Component("kafka")
public class KafkaHealthIndicator implements HealthIndicator {

    private final Admin admin;
    private final String topic;

    public KafkaHealthIndicator(Admin admin, KafkaConfiguration.RawTopic topic) {
        this.admin = admin;
        this.topic = topic.name();
    }

    @Override
    public Health health() {
        try {
            String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).clusterId()
                    .get(3, TimeUnit.SECONDS);
            Set<String> topics = admin.listTopics(new ListTopicsOptions().timeoutMs(2000)).names().get(3, TimeUnit.SECONDS);
            Health.Builder health = topics.contains(topic) ? Health.up() : Health.down().withDetail("problem", "topic missing");
            return health.withDetail("clusterId", clusterId).withDetail("topic", topic).build();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Health.down().withDetail("topic", topic).withDetail("error", e.getClass().getSimpleName()).build();
        }
    }
}

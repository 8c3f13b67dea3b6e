package news.pipeline.support.kafka;

import java.util.List;

/**
 * The pipeline's topics exist with their policy (created at start-up when missing and
 * {@code pipeline.topics.provision} is on). Beans that must not touch Kafka before that depend on it.
 */
public record ProvisionedTopics(List<String> names) {
}

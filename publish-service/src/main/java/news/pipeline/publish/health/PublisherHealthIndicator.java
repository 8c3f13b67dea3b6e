package news.pipeline.publish.health;

import news.pipeline.publish.consume.EnrichedArticlesListener;
import news.pipeline.publish.consume.EnrichedArticlesListener.State;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code publisher}: the enriched-topic listener container. UP while it runs, also while it waits
 * to retry a batch (the reason in {@code lastProblem}); DOWN when the container is stopped, or while it
 * cannot prepare the alias before consuming.
 */
public class PublisherHealthIndicator implements HealthIndicator {

    private final EnrichedArticlesListener listener;

    public PublisherHealthIndicator(EnrichedArticlesListener listener) {
        this.listener = listener;
    }

    @Override
    public Health health() {
        State state = listener.state();
        boolean down = state == State.STOPPED || (state == State.STARTING && listener.lastProblem() != null);
        Health.Builder builder = down ? Health.down() : Health.up();
        builder.withDetail("state", state.name())
                .withDetail("partitions", listener.partitions())
                .withDetail("committedBatches", listener.committedBatches());
        if (listener.lastCommitAt() != null) {
            builder.withDetail("lastCommitAt", listener.lastCommitAt().toString());
        }
        if (listener.lastProblem() != null) {
            builder.withDetail("lastProblem", listener.lastProblem());
        }
        return builder.build();
    }
}

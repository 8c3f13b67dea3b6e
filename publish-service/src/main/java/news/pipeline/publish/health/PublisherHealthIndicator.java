package news.pipeline.publish.health;

import news.pipeline.publish.consume.LivePublisher;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The live consumer loop: UP while it runs (also while it waits to retry, with the reason in the
 * details), DOWN while it restarts after a failure or when its thread has died.
 */
public class PublisherHealthIndicator implements HealthIndicator {

    private final LivePublisher publisher;

    public PublisherHealthIndicator(LivePublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public Health health() {
        LivePublisher.State state = publisher.state();
        boolean down = state == LivePublisher.State.RESTARTING || (publisher.isRunning() && !publisher.threadAlive());
        Health.Builder builder = down ? Health.down() : Health.up();
        builder.withDetail("state", state.name())
                .withDetail("partitions", publisher.assignment().size())
                .withDetail("committedBatches", publisher.committedBatches());
        if (publisher.lastCommitAt() != null) {
            builder.withDetail("lastCommitAt", publisher.lastCommitAt().toString());
        }
        if (publisher.lastProblem() != null) {
            builder.withDetail("lastProblem", publisher.lastProblem());
        }
        return builder.build();
    }
}

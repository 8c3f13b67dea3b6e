package news.pipeline.publish.consume;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import news.pipeline.publish.config.PublishProperties;

/** Exponential backoff with a little jitter (0–20 %), capped; one instance per batch. */
public final class Backoff {

    private final PublishProperties.Retry config;
    private int attempts;

    public Backoff(PublishProperties.Retry config) {
        this.config = config;
    }

    /** The wait before the next attempt. */
    public Duration next() {
        double base = config.initialBackoff().toMillis() * Math.pow(config.multiplier(), attempts);
        attempts++;
        long capped = (long) Math.min(base, config.maxBackoff().toMillis());
        long jitter = (long) (capped * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.min(capped + jitter, config.maxBackoff().toMillis()));
    }

    public int attempts() {
        return attempts;
    }
}

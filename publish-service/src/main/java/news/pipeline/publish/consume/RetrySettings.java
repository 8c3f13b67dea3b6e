package news.pipeline.publish.consume;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Capped exponential backoff for transient failures (Elasticsearch 429/5xx/unreachable, registry or
 * dead-letter topic unreachable), {@code publish.retry.*}. There is no attempt limit: a batch is retried
 * for as long as the failure lasts.
 */
@ConfigurationProperties("publish.retry")
public record RetrySettings(Duration initialBackoff, Duration maxBackoff, double multiplier) {

    public RetrySettings {
        Objects.requireNonNull(initialBackoff, "publish.retry.initial-backoff");
        Objects.requireNonNull(maxBackoff, "publish.retry.max-backoff");
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("publish.retry.multiplier must be >= 1");
        }
    }

    /** initial, ×multiplier, … up to max-backoff, then max-backoff forever (never STOP). */
    public ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), multiplier);
        backOff.setMaxInterval(maxBackoff.toMillis());
        return backOff;
    }

    /** The wait before retry number {@code attempt} (1-based), as {@link #backOff()} gives it. */
    public Duration waitBefore(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}

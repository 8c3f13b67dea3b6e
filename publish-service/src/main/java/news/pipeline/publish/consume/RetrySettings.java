package news.pipeline.publish.consume;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Capped exponential backoff ({@code publish.retry.*}). A transient failure (Elasticsearch 429/5xx/unreachable,
 * registry or dead-letter topic unreachable) has no attempt limit: a batch is retried for as long as it lasts.
 * Any other failure (a bug) is tried {@code maxAttemptsOtherwise} times in all, then the batch's records are
 * dead-lettered with the reason, so one cannot stall its partitions for ever.
 */
@ConfigurationProperties("publish.retry")
public record RetrySettings(Duration initialBackoff, Duration maxBackoff, double multiplier, int maxAttemptsOtherwise) {

    /** Attempts of a batch failing for a non-transient reason when {@code max-attempts-otherwise} is not set. */
    static final int DEFAULT_MAX_ATTEMPTS_OTHERWISE = 5;

    @ConstructorBinding
    public RetrySettings {
        Objects.requireNonNull(initialBackoff, "publish.retry.initial-backoff");
        Objects.requireNonNull(maxBackoff, "publish.retry.max-backoff");
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("publish.retry.multiplier must be >= 1");
        }
        if (maxAttemptsOtherwise < 1) {
            maxAttemptsOtherwise = DEFAULT_MAX_ATTEMPTS_OTHERWISE;
        }
    }

    public RetrySettings(Duration initialBackoff, Duration maxBackoff, double multiplier) {
        this(initialBackoff, maxBackoff, multiplier, DEFAULT_MAX_ATTEMPTS_OTHERWISE);
    }

    /** initial, ×multiplier, … up to max-backoff, then max-backoff forever (never STOP). */
    public ExponentialBackOff backOff() {
        ExponentialBackOff backOff = new ExponentialBackOff(initialBackoff.toMillis(), multiplier);
        backOff.setMaxInterval(maxBackoff.toMillis());
        return backOff;
    }

    /** The same waits, {@code maxAttemptsOtherwise} attempts in all (the first included). */
    public ExponentialBackOff boundedBackOff() {
        ExponentialBackOff backOff = backOff();
        backOff.setMaxAttempts(maxAttemptsOtherwise - 1);
        return backOff;
    }

    /** The wait before retry number {@code attempt} (1-based), as {@link #backOff()} gives it. */
    public Duration waitBefore(int attempt) {
        double millis = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attempt - 1));
        return Duration.ofMillis((long) Math.min(millis, maxBackoff.toMillis()));
    }
}

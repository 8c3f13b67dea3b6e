package news.pipeline.publish.consume;

import java.util.Map;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;

/**
 * The listener container's error handler: a failed batch is retried whole, with capped exponential
 * backoff and no attempt limit, however it failed. A batch listener that throws anything but a
 * {@code BatchListenerFailedException} sends {@link DefaultErrorHandler} to its fallback, which pauses
 * the assigned partitions, sleeps while polling (the consumer stays in its group, a rebalance re-pauses),
 * calls the listener again, and resumes once it returns; when the container stops it gives up without
 * committing. So nothing is skipped and nothing is dead-lettered here: dead letters are
 * {@link BatchProcessor}'s decision, made per record.
 */
public final class BatchRetries {

    private BatchRetries() {
    }

    public static DefaultErrorHandler errorHandler(RetrySettings retry, RetryListener listener) {
        DefaultErrorHandler handler = new DefaultErrorHandler((record, failure) -> {
            // unreachable with an unbounded backoff and every failure retryable; if it ever is, the
            // batch is sought back and delivered again rather than skipped
            throw new IllegalStateException("publish never skips a record (" + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ")", failure);
        }, retry.backOff());
        // every failure is retryable: a poison record never reaches here, BatchProcessor dead-letters it
        handler.setClassifications(Map.of(), true);
        handler.setRetryListeners(listener);
        return handler;
    }
}

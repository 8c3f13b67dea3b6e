package news.pipeline.publish.consume;

import java.util.Map;
import news.pipeline.support.failure.Failures;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;

/**
 * The listener container's error handler. A failed batch is retried whole, with capped exponential backoff:
 * a batch listener that throws anything but a {@code BatchListenerFailedException} sends
 * {@link DefaultErrorHandler} to its fallback, which pauses the assigned partitions, sleeps while polling
 * (the consumer stays in its group, a rebalance re-pauses), calls the listener again, and resumes once it
 * returns; when the container stops it gives up without committing.
 * <ul>
 *   <li>a transient cause ({@link Failures#isTransient}: Elasticsearch, the registry or the dead-letter
 *       topic unreachable) is retried for as long as it lasts, never dead-lettered;</li>
 *   <li>anything else (a bug) is tried {@link RetrySettings#maxAttemptsOtherwise()} times, then each record of
 *       the batch goes to the dead-letter topic with the reason, so that it cannot stall its partitions.</li>
 * </ul>
 * Poison records never get here: {@link BatchProcessor} dead-letters each one itself.
 */
public final class BatchRetries implements CommonErrorHandler {

    private final DefaultErrorHandler untilItPasses;
    private final DefaultErrorHandler thenDeadLetter;

    private BatchRetries(DefaultErrorHandler untilItPasses, DefaultErrorHandler thenDeadLetter) {
        this.untilItPasses = untilItPasses;
        this.thenDeadLetter = thenDeadLetter;
    }

    /**
     * @param deadLetters writes one record of a batch that kept failing for another reason to the dead-letter topic
     */
    public static BatchRetries errorHandler(RetrySettings retry, RetryListener listener, ConsumerRecordRecoverer deadLetters) {
        DefaultErrorHandler untilItPasses = new DefaultErrorHandler((record, failure) -> {
            // unreachable with an unbounded backoff; if it ever is, the batch is delivered again rather than skipped
            throw new IllegalStateException("publish never skips a record (" + record.topic() + "-"
                    + record.partition() + "@" + record.offset() + ")", failure);
        }, retry.backOff());
        DefaultErrorHandler thenDeadLetter = new DefaultErrorHandler(deadLetters, retry.boundedBackOff());
        for (DefaultErrorHandler handler : new DefaultErrorHandler[] {untilItPasses, thenDeadLetter}) {
            handler.setClassifications(Map.of(), true); // retried whatever the exception class
            handler.setRetryListeners(listener);
        }
        return new BatchRetries(untilItPasses, thenDeadLetter);
    }

    @Override
    public void handleBatch(Exception thrownException, ConsumerRecords<?, ?> data, Consumer<?, ?> consumer,
            MessageListenerContainer container, Runnable invokeListener) {
        DefaultErrorHandler chosen = Failures.isTransient(thrownException) ? untilItPasses : thenDeadLetter;
        chosen.handleBatch(thrownException, data, consumer, container, invokeListener);
    }

    @Override
    public void handleOtherException(Exception thrownException, Consumer<?, ?> consumer,
            MessageListenerContainer container, boolean batchListener) {
        untilItPasses.handleOtherException(thrownException, consumer, container, batchListener);
    }

    @Override
    public boolean isAckAfterHandle() {
        return untilItPasses.isAckAfterHandle();
    }
}

package news.pipeline.publish.consume;

import java.time.Duration;
import org.apache.kafka.common.TopicPartition;

/** What a batch needs from whoever consumes: a way to wait between attempts, and partition ownership. */
public interface BatchContext {

    /**
     * Waits before the next attempt; {@code reason} says what failed. The live consumer pauses its partitions and keeps polling meanwhile,
     * so it stays in its group.
     *
     * @throws StopRequestedException when the service is stopping: the batch is abandoned uncommitted
     */
    void await(Duration backoff, String reason);

    /** False once a rebalance took the partition away: its records are left to the new owner. */
    boolean owns(TopicPartition partition);

    /** Thrown out of a batch when the service stops while waiting; nothing of the batch is committed. */
    final class StopRequestedException extends RuntimeException {
        public StopRequestedException() {
            super("stop requested", null, false, false);
        }
    }
}

package news.pipeline.publish.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import news.pipeline.support.failure.TransientFailureException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The listener container's error handler as {@link BatchRetries} builds it, driven the way the container
 * drives it when the batch listener throws: no broker, a {@link MockConsumer}.
 */
class BatchRetriesTest {

    private static final TopicPartition PARTITION = new TopicPartition("enriched", 0);

    private final RetrySettings fast = new RetrySettings(Duration.ofMillis(1), Duration.ofMillis(4), 2.0);
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final StubContainer container = new StubContainer();
    private final List<Integer> attempts = new ArrayList<>();
    private final RetryListener listener = new RetryListener() {
        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
        }

        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
            attempts.add(deliveryAttempt);
        }
    };
    private final ConsumerRecords<String, byte[]> batch = new ConsumerRecords<>(Map.of(PARTITION, List.of(
            new ConsumerRecord<>("enriched", 0, 7L, "a", new byte[] {1}),
            new ConsumerRecord<>("enriched", 0, 8L, "b", new byte[] {2}))), Map.of());

    private final List<ConsumerRecord<?, ?>> recovered = new ArrayList<>();
    private final List<Exception> recoveredBecause = new ArrayList<>();

    private org.springframework.kafka.listener.ConsumerRecordRecoverer deadLetters() {
        return (record, failure) -> {
            recovered.add(record);
            recoveredBecause.add(failure);
        };
    }

    BatchRetriesTest() {
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    @Test
    void theBackoffDoublesFromTheInitialWaitUpToItsCapAndNeverGivesUp() {
        RetrySettings defaults = new RetrySettings(Duration.ofMillis(200), Duration.ofSeconds(30), 2.0);
        BackOffExecution execution = defaults.backOff().start();

        assertThat(List.of(execution.nextBackOff(), execution.nextBackOff(), execution.nextBackOff()))
                .containsExactly(200L, 400L, 800L);
        for (int i = 0; i < 100_000; i++) {
            assertThat(execution.nextBackOff()).isEqualTo(i < 6 ? Math.min(1600L << i, 30_000L) : 30_000L);
        }
        assertThat(defaults.waitBefore(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(defaults.waitBefore(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(defaults.waitBefore(500)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aFailingBatchIsRetriedWholeWhilePausedUntilItSucceedsThenConsumptionResumes() {
        BatchRetries handler = BatchRetries.errorHandler(fast, listener, deadLetters());
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean pausedDuringRetries = new AtomicBoolean(true);

        handler.handleBatch(new TransientFailureException("index", "Elasticsearch unreachable", null), batch, consumer,
                container, () -> {
                    pausedDuringRetries.compareAndSet(true, consumer.paused().contains(PARTITION));
                    if (calls.incrementAndGet() < 40) {
                        throw new TransientFailureException("index", "Elasticsearch unreachable", null);
                    }
                });

        assertThat(calls).hasValue(40);
        assertThat(pausedDuringRetries).isTrue();
        assertThat(consumer.paused()).isEmpty();
        assertThat(attempts).hasSize(40).startsWith(1, 2, 3).endsWith(40);
    }

    @Test
    void anUnexpectedFailureIsRetriedAFewTimesThenItsRecordsAreDeadLetteredInsteadOfStallingThePartition() {
        BatchRetries handler = BatchRetries.errorHandler(fast, listener, deadLetters());
        AtomicInteger calls = new AtomicInteger();

        handler.handleBatch(new IllegalStateException("a bug"), batch, consumer, container, () -> {
            calls.incrementAndGet();
            throw new ClassCastException("a bug that stays");
        });

        // 5 attempts in all: the first delivery (before the handler) and 4 retries
        assertThat(calls).hasValue(4);
        assertThat(recovered).extracting(ConsumerRecord::offset).containsExactly(7L, 8L);
        assertThat(recoveredBecause).allSatisfy(e ->
                assertThat(news.pipeline.support.failure.Failures.find(e, ClassCastException.class)).isNotNull());
    }

    @Test
    void anUnexpectedFailureThatPassesIsNotDeadLettered() {
        BatchRetries handler = BatchRetries.errorHandler(fast, listener, deadLetters());
        AtomicInteger calls = new AtomicInteger();

        handler.handleBatch(new IllegalStateException("a bug"), batch, consumer, container, () -> {
            if (calls.incrementAndGet() == 1) {
                throw new NullPointerException("once");
            }
        });

        assertThat(calls).hasValue(2);
        assertThat(recovered).isEmpty();
    }

    @Test
    void stoppingTheContainerEndsTheRetriesWithoutCommittingAnything() throws Exception {
        BatchRetries handler = BatchRetries.errorHandler(fast, listener, deadLetters());
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Void> stop = CompletableFuture.runAsync(() -> {
            while (calls.get() < 5) {
                Thread.onSpinWait();
            }
            container.running = false;
        });

        assertThatThrownBy(() -> handler.handleBatch(new TransientFailureException("index", "down", null), batch,
                consumer, container, () -> {
                    calls.incrementAndGet();
                    throw new TransientFailureException("index", "down", null);
                }))
                .isInstanceOf(KafkaException.class)
                .hasMessageContaining("stopped");

        stop.get();
        assertThat(calls.get()).isGreaterThanOrEqualTo(5);
        assertThat(consumer.committed(java.util.Set.of(PARTITION))).allSatisfy((tp, offset) -> assertThat(offset).isNull());
        assertThat(consumer.paused()).isEmpty();
    }

    /** What the error handler asks of its container: is it running, was a pause requested. */
    private static final class StubContainer implements MessageListenerContainer {
        volatile boolean running = true;

        @Override
        public void setupMessageListener(Object messageListener) {
        }

        @Override
        public Map<String, Map<MetricName, ? extends Metric>> metrics() {
            return Map.of();
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public boolean isPauseRequested() {
            return false;
        }

        @Override
        public boolean isPartitionPauseRequested(TopicPartition partition) {
            return false;
        }
    }
}

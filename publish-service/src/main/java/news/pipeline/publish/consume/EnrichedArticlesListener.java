package news.pipeline.publish.consume;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import news.pipeline.publish.index.IndexManager;
import news.pipeline.publish.metrics.PublishMetrics;
import news.pipeline.support.failure.Failures;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.event.ConsumerStartingEvent;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The live side: a Spring Kafka batch listener on the enriched topic ({@code pipeline.topics.enriched},
 * group {@code spring.kafka.consumer.group-id}) that hands each polled batch to {@link BatchProcessor}.
 * When the listener returns, the container commits the batch's offsets (ack mode BATCH); when it throws,
 * the container's error handler ({@link BatchRetries}) pauses the partitions, keeps polling so the
 * consumer stays in its group, and calls it again with the same batch after a capped exponential
 * backoff, for as long as the failure lasts. This class is also that error handler's
 * {@link RetryListener}: it logs each retry and keeps the status health {@code publisher} reports.
 */
public class EnrichedArticlesListener implements RetryListener {

    /** The listener container's id (not its group: that is {@code spring.kafka.consumer.group-id}). */
    public static final String ID = "enriched-articles";

    private static final Logger log = LoggerFactory.getLogger(EnrichedArticlesListener.class);

    public enum State { STARTING, RUNNING, WAITING_TO_RETRY, PAUSED, STOPPED }

    private final IndexManager indexManager;
    private final BatchProcessor processor;
    private final PublishMetrics metrics;
    private final RetrySettings retry;
    private final KafkaListenerEndpointRegistry containers;
    private final String topic;
    private final String groupId;

    // status, read by the health indicator from other threads
    private volatile boolean indexReady;
    private volatile boolean retrying;
    private volatile String lastProblem;
    private volatile Instant lastCommitAt;
    private volatile long committedBatches;

    public EnrichedArticlesListener(IndexManager indexManager, BatchProcessor processor, PublishMetrics metrics,
            RetrySettings retry, KafkaListenerEndpointRegistry containers, String topic, String groupId) {
        this.indexManager = indexManager;
        this.processor = processor;
        this.metrics = metrics;
        this.retry = retry;
        this.containers = containers;
        this.topic = topic;
        this.groupId = groupId;
    }

    @KafkaListener(id = ID, idIsGroup = false, topics = "${pipeline.topics.enriched}", batch = "true")
    public void onBatch(List<ConsumerRecord<String, byte[]>> records) {
        metrics.waiting(false);
        long started = System.nanoTime();
        BatchResult result = processor.process(records, indexManager.alias(), true);
        log.info("batch of {} records safe in {} ms: indexed={} deleted={} stale={} tombstones={} dead-lettered={}",
                result.records(), (System.nanoTime() - started) / 1_000_000, result.indexed(), result.deleted(),
                result.stale(), result.tombstones(), result.deadLettered());
        if (retrying) {
            retrying = false;
            log.info("consumption resumed");
        }
        // the container commits the batch's offsets as soon as this returns
        lastProblem = null;
        lastCommitAt = Instant.now();
        committedBatches++;
    }

    /**
     * Makes sure the alias and its index exist before the consumer first polls, trying again with backoff
     * while Elasticsearch cannot be reached (the consumer has not joined its group yet, so nothing waits on it).
     */
    @EventListener
    public void onConsumerStarting(ConsumerStartingEvent event) {
        MessageListenerContainer container = event.getContainer(MessageListenerContainer.class);
        BackOffExecution backOff = retry.backOff().start();
        while (!indexReady) {
            try {
                String index = indexManager.ensureIndex();
                indexReady = true;
                lastProblem = null;
                log.info("publishing {} to alias {} (index {}) as group {}", topic, indexManager.alias(), index, groupId);
            } catch (IOException | RuntimeException e) {
                long wait = backOff.nextBackOff();
                lastProblem = "cannot prepare alias " + indexManager.alias() + ": " + e;
                log.warn("cannot prepare alias {} ({}); trying again in {} ms before consuming", indexManager.alias(),
                        e.toString(), wait);
                if (!sleepWhileRunning(container, wait)) {
                    return;
                }
            }
        }
    }

    /** The error handler is about to wait {@code retry.waitBefore(attempt)} and run the batch again. */
    @Override
    public void failedDelivery(ConsumerRecords<?, ?> records, Exception failure, int attempt) {
        String reason = Failures.reason(failure, 300);
        lastProblem = reason;
        metrics.retried();
        metrics.waiting(true);
        if (!retrying) {
            retrying = true;
            log.info("consumption paused until the batch of {} records is safe", records.count());
        }
        if (Failures.isTransient(failure) || attempt > 1) {
            log.warn("{}; retry #{} in {} ms, offsets not committed", reason, attempt, retry.waitBefore(attempt).toMillis());
        } else {
            // not a failure we expect: its stack trace once, then it is retried like any other
            log.error("batch failed unexpectedly; retry #{} in {} ms, offsets not committed", attempt,
                    retry.waitBefore(attempt).toMillis(), failure);
        }
    }

    @Override
    public void failedDelivery(ConsumerRecord<?, ?> record, Exception failure, int attempt) {
        // record listeners only; this one is a batch listener
    }

    // ---- status ----

    public State state() {
        MessageListenerContainer container = containers.getListenerContainer(ID);
        if (container == null || !container.isRunning()) {
            return State.STOPPED;
        }
        if (!indexReady) {
            return State.STARTING;
        }
        if (retrying) {
            return State.WAITING_TO_RETRY;
        }
        return container.isContainerPaused() ? State.PAUSED : State.RUNNING;
    }

    public int partitions() {
        MessageListenerContainer container = containers.getListenerContainer(ID);
        return container == null || container.getAssignedPartitions() == null ? 0
                : container.getAssignedPartitions().size();
    }

    public String lastProblem() {
        return lastProblem;
    }

    public Instant lastCommitAt() {
        return lastCommitAt;
    }

    public long committedBatches() {
        return committedBatches;
    }

    private static boolean sleepWhileRunning(MessageListenerContainer container, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (container != null && !container.isRunning()) {
                return false;
            }
            try {
                Thread.sleep(Math.min(100, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return container == null || container.isRunning();
    }
}

package news.pipeline.publish.consume;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import news.pipeline.publish.config.PublishProperties;
import news.pipeline.publish.index.IndexManager;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The live consumer: one thread running a plain {@link KafkaConsumer} loop over the enriched topic.
 *
 * <ol>
 *   <li>poll until the batch holds {@code max-records} records or {@code max-bytes}, or {@code linger}
 *       has passed since its first record;</li>
 *   <li>hand the batch to {@link BatchProcessor}, which returns only when every record is indexed,
 *       deleted, ignored as stale or acknowledged on the dead-letter topic. While it waits to retry
 *       (Elasticsearch down, 429, 5xx) the partitions are paused and the loop keeps polling, so the
 *       consumer stays in its group and fetches nothing;</li>
 *   <li>commit the batch's offsets synchronously, then resume.</li>
 * </ol>
 * Offsets are never committed for records that are not safe, so a crash or a stop at any point
 * re-delivers them; re-delivered records are idempotent (external versions: a replay is a 409, ignored).
 * Partitions revoked in a rebalance while a batch waits are dropped from it, uncommitted, for their new owner.
 */
public class LivePublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LivePublisher.class);

    public enum State { STARTING, RUNNING, WAITING_TO_RETRY, RESTARTING, STOPPED }

    private final PublishProperties properties;
    private final IndexManager indexManager;
    private final BatchProcessor processor;
    private final Runnable topicProvisioning;
    private final MeterRegistry meters;

    private volatile boolean running;
    private volatile Thread thread;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile CountDownLatch stopSignal = new CountDownLatch(1);

    // status, read by the health indicator from other threads
    private volatile State state = State.STOPPED;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile Instant lastCommitAt;
    private volatile String lastProblem;
    private volatile long committedBatches;

    // consumer-thread state
    private KafkaClientMetrics clientMetrics;
    private final java.util.ArrayDeque<ConsumerRecord<String, byte[]>> buffer = new java.util.ArrayDeque<>();
    private long bufferBytes;
    private long bufferStartedNanos;
    private boolean inBatch;
    private boolean paused;
    private final Set<TopicPartition> revokedDuringBatch = new HashSet<>();

    public LivePublisher(PublishProperties properties, IndexManager indexManager, BatchProcessor processor,
            Runnable topicProvisioning, MeterRegistry meters) {
        this.properties = properties;
        this.indexManager = indexManager;
        this.processor = processor;
        this.topicProvisioning = topicProvisioning;
        this.meters = meters;
    }

    // ---- lifecycle ----

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        stopSignal = new CountDownLatch(1);
        state = State.STARTING;
        thread = new Thread(this::runLoop, "publish-consumer");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        stopSignal.countDown();
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            try {
                current.wakeup();
            } catch (RuntimeException ignored) {
                // already closed
            }
        }
        Thread t = thread;
        if (t != null) {
            try {
                t.join(Duration.ofSeconds(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1000; // start after everything it uses, stop before
    }

    // ---- status ----

    public State state() {
        return state;
    }

    public Set<TopicPartition> assignment() {
        return assignment;
    }

    public Instant lastCommitAt() {
        return lastCommitAt;
    }

    public String lastProblem() {
        return lastProblem;
    }

    public long committedBatches() {
        return committedBatches;
    }

    public boolean threadAlive() {
        Thread t = thread;
        return t != null && t.isAlive();
    }

    // ---- the loop ----

    private void runLoop() {
        Backoff restartBackoff = new Backoff(properties.retry());
        while (running) {
            try {
                topicProvisioning.run();
                String index = indexManager.ensureIndex();
                log.info("publishing {} to alias {} (index {}) as group {}", properties.kafka().topic(),
                        indexManager.alias(), index, properties.kafka().groupId());
                consume();
            } catch (WakeupException | BatchContext.StopRequestedException e) {
                break;
            } catch (Exception e) {
                if (!running) {
                    break;
                }
                lastProblem = e.toString();
                state = State.RESTARTING;
                Duration wait = restartBackoff.next();
                if (isExpected(e)) {
                    log.warn("consumer loop cannot run ({}); restarting in {} ms", e.toString(), wait.toMillis());
                } else {
                    log.error("consumer loop failed; restarting in {} ms from the last committed offsets",
                            wait.toMillis(), e);
                }
                try {
                    if (stopSignal.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        state = State.STOPPED;
        log.info("consumer loop stopped");
    }

    private static boolean isExpected(Exception e) {
        return e instanceof java.io.IOException || e instanceof KafkaException
                || e instanceof co.elastic.clients.elasticsearch._types.ElasticsearchException
                || e instanceof IllegalStateException;
    }

    private void consume() {
        PublishProperties.Batch batch = properties.batch();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer = c;
            if (!running) {
                return;
            }
            // the consumer's own metrics, records-lag-max among them: consumer lag on /actuator/prometheus
            clientMetrics = new KafkaClientMetrics(c);
            clientMetrics.bindTo(meters);
            buffer.clear();
            bufferBytes = 0;
            c.subscribe(List.of(properties.kafka().topic()), new Rebalance(c));
            state = State.RUNNING;
            while (running) {
                ConsumerRecords<String, byte[]> polled = c.poll(pollTimeout(batch));
                addToBuffer(polled);
                if (!buffer.isEmpty() && (buffer.size() >= batch.maxRecords()
                        || bufferBytes >= batch.maxBytes().toBytes()
                        || System.nanoTime() - bufferStartedNanos >= batch.linger().toNanos())) {
                    processBuffer(c);
                }
            }
        } finally {
            if (clientMetrics != null) {
                clientMetrics.close();
            }
            consumer = null;
            assignment = Set.of();
        }
    }

    private Duration pollTimeout(PublishProperties.Batch batch) {
        if (buffer.isEmpty()) {
            return batch.pollTimeout();
        }
        long left = batch.linger().toNanos() - (System.nanoTime() - bufferStartedNanos);
        return Duration.ofNanos(Math.max(0, Math.min(left, batch.pollTimeout().toNanos())));
    }

    private void addToBuffer(ConsumerRecords<String, byte[]> polled) {
        for (ConsumerRecord<String, byte[]> record : polled) {
            if (buffer.isEmpty()) {
                bufferStartedNanos = System.nanoTime();
            }
            buffer.add(record);
            bufferBytes += size(record);
        }
    }

    private void processBuffer(KafkaConsumer<String, byte[]> c) {
        // a batch is a prefix of the buffer: per partition, its records come before those left behind
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        long bytes = 0;
        long maxBytes = properties.batch().maxBytes().toBytes();
        while (!buffer.isEmpty() && batch.size() < properties.batch().maxRecords() && (batch.isEmpty() || bytes < maxBytes)) {
            ConsumerRecord<String, byte[]> record = buffer.removeFirst();
            batch.add(record);
            bytes += size(record);
        }
        bufferBytes -= bytes;
        inBatch = true;
        revokedDuringBatch.clear();
        long started = System.nanoTime();
        BatchResult result;
        try {
            result = processor.process(batch, indexManager.alias(), true, new LiveContext(c));
        } finally {
            inBatch = false;
            if (paused) {
                c.resume(c.paused());
                paused = false;
                state = State.RUNNING;
                log.info("consumption resumed");
            }
        }
        commit(c, batch);
        log.info("batch of {} records safe in {} ms: indexed={} deleted={} stale={} tombstones={} dead-lettered={}"
                        + " left-to-new-owner={}", result.records(), (System.nanoTime() - started) / 1_000_000,
                result.indexed(), result.deleted(), result.stale(), result.tombstones(), result.deadLettered(),
                result.abandoned());
    }

    private static long size(ConsumerRecord<String, byte[]> record) {
        return Math.max(0, record.serializedValueSize()) + Math.max(0, record.serializedKeySize());
    }

    private void commit(KafkaConsumer<String, byte[]> c, List<ConsumerRecord<String, byte[]>> batch) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : batch) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            if (revokedDuringBatch.contains(tp) || !c.assignment().contains(tp)) {
                continue;
            }
            OffsetAndMetadata next = new OffsetAndMetadata(record.offset() + 1, record.leaderEpoch(), "");
            offsets.merge(tp, next, (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        if (offsets.isEmpty()) {
            return;
        }
        try {
            c.commitSync(offsets);
            lastCommitAt = Instant.now();
            committedBatches++;
            lastProblem = null;
        } catch (org.apache.kafka.clients.consumer.CommitFailedException
                 | org.apache.kafka.common.errors.RebalanceInProgressException e) {
            // the partitions moved on; their new owner re-reads from the last commit and finds these versions stale
            log.warn("offsets of a safe batch not committed ({}); the records will be re-delivered and ignored as stale",
                    e.getMessage());
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(properties.kafka().properties());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.kafka().bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, properties.kafka().groupId());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "publish-service-live");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.batch().maxRecords());
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, (int) Math.min(Integer.MAX_VALUE,
                properties.batch().maxBytes().toBytes()));
        return config;
    }

    /** Pauses and keeps polling while the batch waits to retry; knows which partitions were taken away. */
    private final class LiveContext implements BatchContext {
        private final KafkaConsumer<String, byte[]> c;

        LiveContext(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void await(Duration backoff, String reason) {
            lastProblem = reason;
            if (!paused) {
                c.pause(c.assignment());
                paused = true;
                state = State.WAITING_TO_RETRY;
                log.info("consumption paused on {} partitions until the batch is safe", c.assignment().size());
            }
            long deadline = System.nanoTime() + backoff.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                if (!running) {
                    throw new StopRequestedException();
                }
                try {
                    // paused: returns nothing, but keeps this member alive in the group
                    addToBuffer(c.poll(Duration.ofNanos(Math.min(left, Duration.ofMillis(200).toNanos()))));
                } catch (WakeupException e) {
                    throw new StopRequestedException();
                }
            }
            if (!running) {
                throw new StopRequestedException();
            }
        }

        @Override
        public boolean owns(TopicPartition partition) {
            return !revokedDuringBatch.contains(partition);
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> c;

        Rebalance(KafkaConsumer<String, byte[]> c) {
            this.c = c;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            drop(partitions, "revoked");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            drop(partitions, "lost");
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            assignment = Set.copyOf(c.assignment());
            if (paused && !partitions.isEmpty()) {
                c.pause(partitions);
            }
            if (!partitions.isEmpty()) {
                log.info("assigned {}", partitions);
            }
        }

        private void drop(Collection<TopicPartition> partitions, String how) {
            if (partitions.isEmpty()) {
                return;
            }
            if (inBatch) {
                revokedDuringBatch.addAll(partitions);
            }
            buffer.removeIf(r -> partitions.contains(new TopicPartition(r.topic(), r.partition())));
            bufferBytes = buffer.stream().mapToLong(LivePublisher::size).sum();
            Set<TopicPartition> remaining = new HashSet<>(assignment);
            remaining.removeAll(partitions);
            assignment = Set.copyOf(remaining);
            log.info("{} {}{}", how, partitions, inBatch ? " while a batch was in flight: its records there are left uncommitted" : "");
        }
    }
}

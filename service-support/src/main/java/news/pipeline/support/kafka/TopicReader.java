package news.pipeline.support.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Consumer;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.failure.TransientFailureException;
import news.pipeline.support.logging.LogFields;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole topic from its beginning, without a consumer group and without committing: how a
 * service rebuilds state from a topic (ingest's article versions, enrich's related index, publish's
 * reindex). Every partition is assigned to this one reader; each {@link #readToEnd} reads up to the end
 * offsets of the moment it is called, so calling it again catches up with what was written meanwhile.
 */
public final class TopicReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);
    private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(5);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);

    /** What a read found: records read, and records skipped because they were poison. */
    public record Result(long records, long skipped) {
    }

    /** The end offsets were not reached in time; {@code records} were read until then. */
    public static final class Incomplete extends RuntimeException {
        private final long records;

        Incomplete(String message, long records) {
            super(message);
            this.records = records;
        }

        public long records() {
            return records;
        }
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final List<TopicPartition> partitions;

    private TopicReader(KafkaConsumer<String, byte[]> consumer, String topic, List<TopicPartition> partitions) {
        this.consumer = consumer;
        this.topic = topic;
        this.partitions = partitions;
    }

    /**
     * A reader positioned at the beginning of every partition of {@code topic}.
     *
     * @param clientConfig bootstrap servers and client settings (e.g. Boot's consumer properties); group,
     *                     commit and deserializer settings are replaced
     */
    public static TopicReader fromBeginning(Map<String, Object> clientConfig, String topic, String clientId,
            int maxPollRecords, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> partitions = infos == null ? List.of()
                    : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return new TopicReader(consumer, topic, partitions);
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    public String topic() {
        return topic;
    }

    public List<TopicPartition> partitions() {
        return partitions;
    }

    /** True when every partition is read up to its current end offset. */
    public boolean atEnd() {
        return reached(consumer.endOffsets(partitions));
    }

    /**
     * Reads up to the end offsets taken now, handing every poll's records to {@code batches} in offset
     * order per partition.
     *
     * @return the number of records read
     * @throws Incomplete when {@code timeout} passes first
     */
    public long readToEnd(Duration timeout, Duration pollTimeout, Consumer<List<ConsumerRecord<String, byte[]>>> batches) {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long deadline = System.nanoTime() + timeout.toNanos();
        long toRead = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            toRead += Math.max(0, e.getValue() - consumer.position(e.getKey()));
        }
        long nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
        long records = 0;
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new Incomplete("could not read " + topic + " to its end within " + timeout.toSeconds() + " s ("
                        + records + " records read)", records);
            }
            if (System.nanoTime() > nextReport) { // a long read says how far it is
                log.info("reading {}: {} of about {} records ({} %)", topic, records, toRead,
                        toRead == 0 ? 100 : Math.min(100, records * 100 / toRead));
                nextReport = System.nanoTime() + PROGRESS_EVERY.toNanos();
            }
            ConsumerRecords<String, byte[]> polled = consumer.poll(pollTimeout);
            if (!polled.isEmpty()) {
                List<ConsumerRecord<String, byte[]>> batch = new java.util.ArrayList<>(polled.count());
                polled.forEach(batch::add);
                batches.accept(batch);
                records += batch.size();
            }
        }
        return records;
    }

    /**
     * Reads up to the end offsets taken now and hands each record's key and decoded value (null for a
     * tombstone) to {@code values}. A poison record is skipped and logged; an unreachable registry is
     * waited out with backoff (the record is decoded again), never skipped.
     *
     * @throws Incomplete when {@code timeout} passes first
     */
    public <V> Result readValuesToEnd(ValueDecoder<V> decoder, Duration timeout, BiConsumer<String, V> values) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long[] skipped = {0};
        long[] handed = {0}; // records handed on so far: what an Incomplete reports
        long records = readToEnd(timeout, Duration.ofMillis(200), batch -> {
            for (ConsumerRecord<String, byte[]> record : batch) {
                V value;
                try {
                    value = decodeWaitingOutOutages(decoder, record, deadline, handed[0] + skipped[0]);
                } catch (PoisonRecordException e) {
                    skipped[0]++;
                    warnSkipped(record, e);
                    continue;
                }
                values.accept(record.key(), value);
                handed[0]++;
            }
        });
        return new Result(records, skipped[0]);
    }

    /**
     * After reading to the end, keeps reading what is appended, handing each record's key and decoded value on as
     * {@link #readValuesToEnd} does (except records {@code skip} recognises, which are not even decoded), until {@code running} turns false or {@link #wakeup()} is called (from another
     * thread). Poison records are skipped and logged; an unreachable registry is waited out.
     */
    public <V> void followValues(ValueDecoder<V> decoder, BiConsumer<String, V> values, BooleanSupplier running,
            Predicate<ConsumerRecord<String, byte[]>> skip) {
        try {
            while (running.getAsBoolean()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (skip.test(record)) { // known without decoding it
                        continue;
                    }
                    V value;
                    try {
                        value = decodeWaitingOutOutages(decoder, record, Long.MAX_VALUE, 0);
                    } catch (PoisonRecordException e) {
                        warnSkipped(record, e);
                        continue;
                    }
                    values.accept(record.key(), value);
                }
            }
        } catch (WakeupException stopping) {
            // wakeup(): asked to stop
        }
    }

    private static void warnSkipped(ConsumerRecord<String, byte[]> record, PoisonRecordException e) {
        try (LogFields fields = LogFields.open().at(record.topic(), record.partition(), record.offset())
                .article(record.key())) {
            log.warn("skipped undecodable record topic={} partition={} offset={} key={}: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), e.getMessage());
        }
    }

    /** Makes a {@link #followValues} in another thread return. */
    public void wakeup() {
        consumer.wakeup();
    }

    private static <V> V decodeWaitingOutOutages(ValueDecoder<V> decoder, ConsumerRecord<String, byte[]> record,
            long deadline, long readSoFar) {
        long waitMillis = 200;
        while (true) {
            try {
                return decoder.decode(record.topic(), record.value());
            } catch (TransientFailureException e) {
                if (System.nanoTime() > deadline) {
                    throw new Incomplete("cannot decode " + record.topic() + " records: " + e.getMessage(), readSoFar);
                }
                log.warn("cannot decode topic={} partition={} offset={} yet ({}); retrying in {} ms", record.topic(),
                        record.partition(), record.offset(), e.getMessage(), waitMillis);
                sleep(waitMillis, readSoFar);
                waitMillis = Math.min(waitMillis * 2, MAX_RETRY_WAIT.toMillis());
            }
        }
    }

    private static void sleep(long millis, long readSoFar) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Incomplete("interrupted", readSoFar);
        }
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}

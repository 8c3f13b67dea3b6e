package news.pipeline.enrich.reenrich;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.kafka.TopicReader;
import news.pipeline.support.kafka.ValueDecoder;
import news.pipeline.support.kafka.ValueEncoder;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-enrichment of every article the pipeline holds, by the enrich-service that runs now (after its word lists
 * changed). The compacted enriched topic is the archive: it keeps the latest record of every article, raw fields
 * included. Each article's latest record (a kill excepted) goes back to the raw topic as its raw article with the
 * next enrichment revision ({@link ArticleVersions#REVISION_HEADER}); enrich-service enriches it like any other
 * record, in order with the article's live updates on the same partition, so a newer version that arrived meanwhile
 * makes the request stale instead of being overwritten; publish-service replaces the document in place (same
 * article version, higher revision), so readers never miss an article.
 *
 * <p>Progress is kept in a consumer group of its own on the enriched topic: offsets committed after the records
 * before them were acknowledged, with the run's end offsets in the commit metadata. A run that stopped (a crash,
 * {@code maxArticles}) is resumed where it was by the next one; a finished run makes the next one start afresh.
 */
public final class Reenrichment {

    private static final Logger log = LoggerFactory.getLogger(Reenrichment.class);
    private static final String RUN = "reenrich-run";
    private static final Duration COMMIT_EVERY = Duration.ofSeconds(1);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    /**
     * @param consumer     Kafka consumer settings (enrich-service's, Spring Boot's {@code buildConsumerProperties});
     *                     group, commits and serdes are set here
     * @param producer     Kafka producer settings (Boot's {@code buildProducerProperties}); acks, idempotence set here
     * @param admin        Kafka admin client settings (Boot's {@code buildAdminProperties})
     * @param registry     schema registry settings of the topics' serdes
     * @param group        the consumer group holding this command's progress
     * @param enrichGroup  enrich-service's consumer group on the raw topic, to wait for
     * @param maxArticles  stop after sending this many (0: no limit); the run stays resumable
     * @param dryRun       count only: send and commit nothing
     */
    public record Settings(Map<String, Object> consumer, Map<String, Object> producer, Map<String, Object> admin,
            Map<String, ?> registry, TopicSpec<EnrichedArticle> enriched,
            TopicSpec<RawArticle> raw, String group, String enrichGroup, long maxArticles, boolean dryRun,
            boolean restart) {
    }

    /** What a run reports while it works. */
    public interface Listener {
        /** A phase starts; {@code total} is the amount {@link #progress} counts towards (-1: unknown). */
        void phase(String name, long total);

        void progress(long done);
    }

    /**
     * @param records      records of the enriched topic read (scan)
     * @param articles     articles whose latest record is in this run and still to be handled when it (re)started
     * @param sent         raw articles sent for re-enrichment (in a dry run: that would be sent)
     * @param killed       articles skipped because their latest record is a kill
     * @param atLimit      articles skipped because their version has run out of revisions
     * @param undecodable  records skipped because they are not an enriched article in the topic's format
     * @param complete     the run reached its end (false: stopped at {@code maxArticles}, resumable)
     * @param resumed      this invocation went on with an earlier unfinished run
     * @param sentUpTo     per raw partition, the offset after the last record sent (what enrich must reach)
     */
    public record Outcome(long records, long articles, long sent, long killed, long atLimit, long undecodable,
            boolean complete,
            boolean resumed, Map<TopicPartition, Long> sentUpTo) {
    }

    private final Settings settings;

    public Reenrichment(Settings settings) {
        this.settings = settings;
    }

    public Outcome run(Listener listener) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitions(consumer);
            Plan plan = plan(consumer, partitions);
            Map<String, Long> latest = new HashMap<>();
            long records = scan(consumer, partitions, latest, listener);
            return send(consumer, plan, latest, records, listener);
        }
    }

    /** Where each partition's part of the run starts and ends. */
    private record Plan(Map<TopicPartition, Long> start, Map<TopicPartition, Long> end, boolean resumed) {
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(settings.enriched().name(), TIMEOUT);
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + settings.enriched().name() + " does not exist");
        }
        return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    /** An unfinished run of the group is resumed (unless restarted); otherwise a new one covers the topic as it is now. */
    private Plan plan(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions), TIMEOUT);
        Map<TopicPartition, Long> start = new HashMap<>();
        Map<TopicPartition, Long> end = new HashMap<>();
        boolean unfinished = false;
        for (TopicPartition p : partitions) {
            OffsetAndMetadata c = committed.get(p);
            String[] meta = c == null || c.metadata() == null ? new String[0] : c.metadata().split(" ");
            if (meta.length != 2 || !meta[0].equals(RUN)) {
                unfinished = false; // a partition without a run's mark: no run to resume
                break;
            }
            start.put(p, c.offset());
            end.put(p, Long.parseLong(meta[1]));
            unfinished |= c.offset() < end.get(p);
        }
        if (unfinished && !settings.restart()) {
            return new Plan(start, end, true);
        }
        return new Plan(consumer.beginningOffsets(partitions, TIMEOUT), consumer.endOffsets(partitions, TIMEOUT), false);
    }

    /**
     * Where every article's latest record is ({@link #at}), read to the topic's current end: a record written after
     * the run began (a live update, or this run's own result coming back) makes the earlier one not the latest, so
     * that one is not sent again.
     */
    private long scan(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Map<String, Long> latest,
            Listener listener) {
        long total = 0;
        Map<TopicPartition, Long> first = consumer.beginningOffsets(partitions, TIMEOUT);
        for (var e : consumer.endOffsets(partitions, TIMEOUT).entrySet()) {
            total += e.getValue() - first.get(e.getKey());
        }
        listener.phase("scanning", total);
        long[] read = {0};
        try (TopicReader reader = TopicReader.fromBeginning(settings.consumer(), settings.enriched().name(),
                "reenrich-scan", 2000, TIMEOUT)) {
            reader.readToEnd(Duration.ofDays(1), Duration.ofMillis(200), batch -> {
                for (ConsumerRecord<String, byte[]> record : batch) {
                    if (record.key() != null) {
                        latest.put(record.key(), at(record.partition(), record.offset()));
                    }
                }
                read[0] += batch.size();
                listener.progress(read[0]);
            });
        }
        return read[0];
    }

    /** A record's place in one long: partition in the top 16 bits, offset below. */
    private static long at(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    private Outcome send(KafkaConsumer<String, byte[]> consumer, Plan plan, Map<String, Long> latest, long records,
            Listener listener) {
        long articles = latest.values().stream().filter(at -> {
            TopicPartition p = new TopicPartition(settings.enriched().name(), (int) (at >>> 48));
            long offset = at & ((1L << 48) - 1);
            return plan.start().containsKey(p) && offset >= plan.start().get(p) && offset < plan.end().get(p);
        }).count();
        listener.phase(settings.dryRun() ? "counting" : "sending", articles);
        List<TopicPartition> todo = plan.start().keySet().stream()
                .filter(p -> plan.start().get(p) < plan.end().get(p)).toList();
        // the offset after the last record handled, per partition: what is committed
        Map<TopicPartition, Long> next = new HashMap<>(plan.start());
        Map<TopicPartition, Long> sentUpTo = new ConcurrentHashMap<>();
        AtomicReference<Exception> failed = new AtomicReference<>();
        long sent = 0, killed = 0, atLimit = 0, undecodable = 0, handled = 0;
        boolean limited = false;
        try (ValueDecoder<EnrichedArticle> decoder = new ValueDecoder<>(settings.enriched(), settings.registry());
             ValueEncoder<RawArticle> encoder = new ValueEncoder<>(settings.raw(), settings.registry());
             KafkaProducer<String, byte[]> producer = settings.dryRun() ? null
                     : new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            consumer.assign(todo);
            todo.forEach(p -> consumer.seek(p, plan.start().get(p)));
            long nextCommit = System.nanoTime() + COMMIT_EVERY.toNanos();
            boolean done = todo.isEmpty();
            while (!done && !limited) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition p = new TopicPartition(record.topic(), record.partition());
                    if (limited || record.offset() >= plan.end().get(p)) {
                        continue;
                    }
                    next.put(p, record.offset() + 1);
                    Long latestAt = record.key() == null ? null : latest.get(record.key());
                    if (latestAt == null || latestAt != at(record.partition(), record.offset())) {
                        continue; // not the article's latest record
                    }
                    listener.progress(++handled);
                    EnrichedArticle article;
                    try {
                        article = decoder.decode(record.topic(), record.value());
                    } catch (PoisonRecordException e) { // an unreachable registry is not poison: it stops the run
                        undecodable++;
                        log.warn("skipped undecodable record key={} topic={} partition={} offset={}: {}", record.key(),
                                record.topic(), record.partition(), record.offset(), e.getMessage());
                        continue;
                    }
                    if (article == null) {
                        continue; // a tombstone: the article is gone
                    }
                    if (article.getArticle().getPubStatus() == PubStatus.canceled) {
                        killed++;
                    } else if (article.getEnrichmentRevision() + 1 >= ArticleVersions.REVISIONS) {
                        atLimit++;
                    } else {
                        if (!settings.dryRun()) {
                            producer.send(request(article, encoder), (meta, e) -> {
                                if (e != null) {
                                    failed.compareAndSet(null, e);
                                } else {
                                    sentUpTo.merge(new TopicPartition(meta.topic(), meta.partition()), meta.offset() + 1,
                                            Math::max);
                                }
                            });
                        }
                        sent++; // or would be, in a dry run
                        limited = settings.maxArticles() > 0 && sent >= settings.maxArticles();
                    }
                }
                if (!limited) {
                    for (TopicPartition p : todo) {
                        // compaction leaves gaps: a position past the end means the partition is done
                        if (consumer.position(p) >= plan.end().get(p)) {
                            next.put(p, plan.end().get(p));
                        }
                    }
                }
                done = todo.stream().allMatch(p -> next.get(p) >= plan.end().get(p));
                if (done || limited || System.nanoTime() > nextCommit) {
                    commit(consumer, producer, plan, next, failed);
                    nextCommit = System.nanoTime() + COMMIT_EVERY.toNanos();
                }
            }
            commit(consumer, producer, plan, next, failed);
        }
        return new Outcome(records, articles, sent, killed, atLimit, undecodable, !limited, plan.resumed(),
                Map.copyOf(sentUpTo));
    }

    /** The article's raw fields, keyed by its id like ingest-service's records (so the same partition), next revision. */
    private ProducerRecord<String, byte[]> request(EnrichedArticle article, ValueEncoder<RawArticle> encoder) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ArticleVersions.REVISION_HEADER,
                Integer.toString(article.getEnrichmentRevision() + 1).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(settings.raw().name(), null, article.getId(),
                encoder.encode(settings.raw().name(), article.getArticle()), headers);
    }

    /** What was sent is acknowledged first, then the positions are committed: a crash re-sends, never skips. */
    private void commit(KafkaConsumer<String, byte[]> consumer, KafkaProducer<String, byte[]> producer, Plan plan,
            Map<TopicPartition, Long> next, AtomicReference<Exception> failed) {
        if (settings.dryRun()) {
            return;
        }
        producer.flush();
        if (failed.get() != null) {
            throw new IllegalStateException("sending to " + settings.raw().name() + " failed: " + failed.get().getMessage(),
                    failed.get());
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((p, offset) -> offsets.put(p, new OffsetAndMetadata(Math.min(offset, plan.end().get(p)),
                RUN + " " + plan.end().get(p))));
        consumer.commitSync(offsets, Duration.ofSeconds(30));
    }

    /**
     * How far enrich-service has come with what a run sent: records of {@code sentUpTo} it has not yet consumed
     * (committed offsets of its group on the raw topic).
     */
    public long remaining(Admin admin, Map<TopicPartition, Long> sentUpTo) {
        try {
            Map<TopicPartition, OffsetAndMetadata> done = admin.listConsumerGroupOffsets(settings.enrichGroup())
                    .partitionsToOffsetAndMetadata().get(15, TimeUnit.SECONDS);
            long remaining = 0;
            for (var e : sentUpTo.entrySet()) {
                OffsetAndMetadata committed = done.get(e.getKey());
                remaining += Math.max(0, e.getValue() - (committed == null ? 0 : committed.offset()));
            }
            return remaining;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of group " + settings.enrichGroup() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public String enrichGroup() {
        return settings.enrichGroup();
    }

    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new HashMap<>(settings.admin());
        config.put("request.timeout.ms", 15_000);
        config.put("default.api.timeout.ms", 30_000);
        return config;
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(settings.consumer());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, settings.group());
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "reenrich");
        return config;
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(settings.producer());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "reenrich");
        return config;
    }
}

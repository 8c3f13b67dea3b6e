package news.pipeline.benchmark.baseline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import news.pipeline.benchmark.RunClock;
import news.pipeline.benchmark.load.RatePacer;
import news.pipeline.benchmark.report.Summary;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.registry.SchemaRegistryClientConfig;
import news.pipeline.schemas.serde.AvroDeserializer;
import news.pipeline.schemas.serde.AvroSerdeConfig;
import news.pipeline.schemas.serde.AvroSerializer;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The broker's limit for this workload: the pipeline's own RawArticles (read back from its raw
 * topic), produced with the project's Avro serde to a fresh topic shaped like {@code news.articles.raw}
 * (6 partitions, same configs) with ingest-service's producer settings (acks=all, idempotence,
 * lz4, linger 5 ms), while one consumer reads them with the Avro deserializer. Produce rate: until
 * the last acknowledgement; end-to-end rate: until the last record is consumed and decoded.
 */
public final class KafkaBaseline {

    public record Result(String topic, int records, long valueBytes, double produceSeconds, double endToEndSeconds,
            double producedPerSecond, double consumedPerSecond, double megabytesPerSecond, Summary produceToConsumeMs,
            int sendErrors, String error) {
    }

    private final String bootstrapServers;
    private final String registryUrl;

    public KafkaBaseline(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
    }

    /** The RawArticles of {@code ids} as the pipeline wrote them to its raw topic (decoded with our serde). */
    public List<RawArticle> readRaw(String topic, Set<String> ids, Duration timeout) {
        Properties props = consumerProps("benchmark-raw-reader");
        Map<String, RawArticle> byId = new HashMap<>();
        try (KafkaConsumer<String, RawArticle> consumer = new KafkaConsumer<>(props, new StringDeserializer(), valueDeserializer())) {
            List<TopicPartition> tps = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                for (ConsumerRecord<String, RawArticle> r : consumer.poll(Duration.ofMillis(500))) {
                    if (ids.contains(r.key())) {
                        byId.putIfAbsent(r.key(), r.value());
                    }
                }
            }
        }
        return new ArrayList<>(byId.values());
    }

    public Result run(Admin admin, List<RawArticle> articles, String topic, Duration timeout) throws Exception {
        TopicSpec<RawArticle> spec = new TopicSpec<>(topic, RawArticle.class, Topics.RAW_ARTICLES.partitions(),
                Topics.RAW_ARTICLES.configs());
        admin.createTopics(List.of(spec.newTopic((short) 1))).all().get(30, TimeUnit.SECONDS);

        int n = articles.size();
        Map<String, Double> sentAt = new ConcurrentHashMap<>();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger consumed = new AtomicInteger();
        AtomicLong lastConsumed = new AtomicLong();
        CountDownLatch assigned = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        String[] error = new String[1];

        Thread consumerThread = Thread.ofPlatform().name("baseline-consumer").start(() -> {
            Properties props = consumerProps("benchmark-baseline-consumer");
            try (KafkaConsumer<String, RawArticle> consumer = new KafkaConsumer<>(props, new StringDeserializer(), valueDeserializer())) {
                List<TopicPartition> tps = new ArrayList<>();
                for (int p = 0; p < spec.partitions(); p++) {
                    tps.add(new TopicPartition(topic, p));
                }
                consumer.assign(tps);
                consumer.seekToBeginning(tps);
                tps.forEach(consumer::position);
                assigned.countDown();
                long deadline = System.nanoTime() + timeout.toNanos();
                while (consumed.get() < n && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, RawArticle> r : consumer.poll(Duration.ofMillis(200))) {
                        double now = RunClock.nowMs();
                        if (r.value() == null) {
                            continue;
                        }
                        Double sent = sentAt.get(r.key());
                        if (sent != null) {
                            latencies.add(now - sent);
                        }
                        consumed.incrementAndGet();
                        lastConsumed.set(Double.doubleToLongBits(now));
                    }
                }
            } catch (RuntimeException e) {
                error[0] = "consumer: " + e;
                assigned.countDown();
            } finally {
                done.countDown();
            }
        });
        assigned.await(30, TimeUnit.SECONDS);

        AtomicInteger sendErrors = new AtomicInteger();
        AtomicLong valueBytes = new AtomicLong();
        double start;
        double produced;
        AvroSerializer<RawArticle> serializer = valueSerializer();
        // registers <topic>-value before the clock starts (the services had theirs registered during warm-up)
        serializer.serialize(topic, articles.getFirst());
        try (KafkaProducer<String, RawArticle> producer = new KafkaProducer<>(producerProps(), new StringSerializer(), serializer)) {
            producer.partitionsFor(topic);
            start = RunClock.nowMs();
            for (RawArticle article : articles) {
                sentAt.put(article.getId(), RunClock.nowMs());
                producer.send(new ProducerRecord<>(topic, article.getId(), article), (metadata, exception) -> {
                    if (exception != null) {
                        sendErrors.incrementAndGet();
                        if (error[0] == null) {
                            error[0] = "producer: " + exception;
                        }
                    } else {
                        valueBytes.addAndGet(metadata.serializedValueSize());
                    }
                });
            }
            producer.flush();
            produced = RunClock.nowMs();
        }
        done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        consumerThread.join(5000);
        double end = consumed.get() == 0 ? Double.NaN : Double.longBitsToDouble(lastConsumed.get());
        double mb = valueBytes.get() / 1e6;
        return new Result(topic, n, valueBytes.get(), (produced - start) / 1000.0, (end - start) / 1000.0,
                RatePacer.perSecond(n - sendErrors.get(), start, produced), RatePacer.perSecond(consumed.get(), start, end),
                mb / ((end - start) / 1000.0), Summary.of(latencies), sendErrors.get(),
                consumed.get() < n ? "consumed " + consumed.get() + " of " + n + (error[0] == null ? "" : "; " + error[0]) : error[0]);
    }

    private Properties consumerProps(String clientId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return props;
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "benchmark-baseline-producer");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    private Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put(SchemaRegistryClientConfig.URL, registryUrl);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        return config;
    }

    private AvroSerializer<RawArticle> valueSerializer() {
        AvroSerializer<RawArticle> serializer = new AvroSerializer<>();
        serializer.configure(serdeConfig(), false);
        return serializer;
    }

    private AvroDeserializer<RawArticle> valueDeserializer() {
        AvroDeserializer<RawArticle> deserializer = new AvroDeserializer<>();
        deserializer.configure(serdeConfig(), false);
        return deserializer;
    }
}

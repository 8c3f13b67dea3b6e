package news.pipeline.ingest.publish;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.identity.ArticleState;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.schemas.serde.AvroDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the id → (version, hash) state by reading the raw topic from its beginning to the end
 * offsets seen at startup, before the service accepts requests. No consumer group: nothing is
 * committed, every instance reads everything. Records that do not decode are skipped and counted
 * (they cannot be ours to dedupe against).
 */
public final class RawTopicStateLoader {

    private static final Logger log = LoggerFactory.getLogger(RawTopicStateLoader.class);

    private RawTopicStateLoader() {
    }

    public static void load(Map<String, Object> clientConfig, Map<String, Object> serdeConfig, String topic,
            ArticleStateStore store, Duration timeout) {
        long start = System.nanoTime();
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-state-loader");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        AvroDeserializer<RawArticle> values = new AvroDeserializer<>();
        values.configure(serdeConfig, false);
        long records = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, timeout);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within " + timeout.toSeconds()
                            + " s to rebuild the article state");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    try {
                        RawArticle article = values.deserialize(topic, record.value());
                        store.record(article.getId(), new ArticleState(article.getVersion(), article.getContentHash(),
                                article.getPubStatus()));
                        records++;
                    } catch (RuntimeException e) {
                        skipped++;
                    }
                }
            }
        } finally {
            values.close();
        }
        log.info("article state rebuilt from {}: {} events, {} articles, {} undecodable skipped, in {} ms",
                topic, records, store.size(), skipped, (System.nanoTime() - start) / 1_000_000);
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}

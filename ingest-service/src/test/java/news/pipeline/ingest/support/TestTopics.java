package news.pipeline.ingest.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.TopicClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The raw topic of one test class, under a name of its own (the contract's name plus a random suffix, so
 * parallel test runs never meet), and what {@link TopicClient} does not do: count, read all, delete.
 */
public final class TestTopics {

    private TestTopics() {
    }

    public static String rawTopic(String testClass) {
        return TopicClient.unique("news.articles.raw.ingest-it-" + testClass.toLowerCase());
    }

    /** The raw-article contract under the test's topic name. */
    public static TopicSpec<RawArticle> raw(String name) {
        return Topics.RAW_ARTICLES.named(name);
    }

    /** Total of the end offsets of every partition: grows by one with every event written. */
    public static long endOffsetSum(String bootstrap, String topic) {
        try (Admin admin = admin(bootstrap)) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(info -> info.offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic + ": " + e, e);
        }
    }

    /** Every event of the topic, from the beginning up to the end offsets seen now. */
    public static <V> List<ConsumerRecord<String, V>> readAll(TopicClient kafka, String bootstrap, TopicSpec<V> topic) {
        int written = Math.toIntExact(endOffsetSum(bootstrap, topic.name()));
        List<ConsumerRecord<String, V>> records = kafka.read(topic, written, Duration.ofSeconds(30));
        if (records.size() < written) {
            throw new IllegalStateException("read " + records.size() + " of " + written + " records of " + topic.name());
        }
        return records;
    }

    /** Removes the test's topic from the shared broker once the test class is done with it. */
    public static void delete(String bootstrap, String topic) {
        try (Admin admin = admin(bootstrap)) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            System.err.println("could not delete test topic " + topic + ": " + e);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }
}

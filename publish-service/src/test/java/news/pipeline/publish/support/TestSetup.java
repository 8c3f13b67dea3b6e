package news.pipeline.publish.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.publish.PublishServiceApplication;
import news.pipeline.publish.index.IndexSettings;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.support.kafka.PipelineTopics;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One test class's own names on the shared servers — topic, dead-letter topic, consumer group,
 * alias, index prefix, template — and the clients a test needs around them.
 */
public final class TestSetup implements AutoCloseable {

    public final Endpoints servers;
    public final String prefix;
    public final String topic;
    public final String deadLetterTopic;
    public final String groupId;
    public final String alias;
    public final String indexPrefix;
    public final String templateName;
    /** The raw topics exist too (the service provisions every pipeline topic): under the test's names as well. */
    public final String rawTopic;
    public final String rawDeadLetterTopic;
    public final Es es;
    public final TopicClient topics;
    private final TopicSpec<EnrichedArticle> enriched;
    private final TopicSpec<byte[]> deadLetters;
    private final Admin admin;
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    private TestSetup(Endpoints servers, String name) {
        this.servers = servers;
        this.prefix = "pubtest-" + name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6);
        this.topic = prefix + ".articles.enriched";
        this.deadLetterTopic = prefix + ".articles.enriched.dlt";
        this.rawTopic = prefix + ".articles.raw";
        this.rawDeadLetterTopic = prefix + ".articles.raw.dlt";
        this.groupId = prefix + "-publish";
        this.alias = prefix + "-articles";
        this.indexPrefix = prefix + "-articles-v";
        this.templateName = prefix + "-articles-template";
        this.es = new Es(servers.elasticsearchUrl());
        this.topics = new TopicClient(servers);
        this.enriched = topics.create(Topics.ENRICHED_ARTICLES, topic);
        this.deadLetters = topics.create(Topics.ENRICHED_ARTICLES_DLT, deadLetterTopic);
        // committed and end offsets of the group, and clean-up: what TopicClient does not do
        this.admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()));
    }

    public static TestSetup create(Endpoints servers, String name) {
        return new TestSetup(servers, name);
    }

    /** The service's properties for this test: unique names, small batches, short backoffs, no web server. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.elasticsearch.uris", servers.elasticsearchUrl());
        p.put("spring.kafka.bootstrap-servers", servers.kafkaBootstrapServers());
        p.put("pipeline.schema-registry.url", servers.schemaRegistryUrl());
        p.put("pipeline.topics.enriched", topic);
        p.put("pipeline.topics.enriched-dlt", deadLetterTopic);
        p.put("pipeline.topics.raw", rawTopic);
        p.put("pipeline.topics.raw-dlt", rawDeadLetterTopic);
        p.put("spring.kafka.consumer.group-id", groupId);
        p.put("publish.index.alias", alias);
        p.put("publish.index.index-prefix", indexPrefix);
        p.put("publish.index.template-name", templateName);
        p.put("spring.kafka.consumer.fetch-max-wait", "100ms");
        p.put("publish.retry.initial-backoff", "100ms");
        p.put("publish.retry.max-backoff", "1s");
        p.put("spring.main.web-application-type", "none");
        p.put("management.metrics.tags.test", prefix);
        return p;
    }

    /** The properties as command-line arguments, which outrank application.yml (builder .properties(...) would not). */
    public String[] arguments(Map<String, Object> overrides) {
        Map<String, Object> p = properties();
        p.putAll(overrides);
        return p.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    public ConfigurableApplicationContext startApp(Map<String, Object> overrides) {
        String[] args = arguments(overrides);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(PublishServiceApplication.class).run(args);
        apps.add(app);
        IndexSettings index = app.getBean(IndexSettings.class);
        PipelineTopics bound = app.getBean(PipelineTopics.class);
        if (!index.alias().equals(alias) || !bound.enriched().equals(topic) || !bound.enrichedDlt().equals(deadLetterTopic)) {
            app.close();
            throw new IllegalStateException("the test's names did not reach the service: " + index + " " + bound);
        }
        return app;
    }

    public ConfigurableApplicationContext startApp() {
        return startApp(Map.of());
    }

    /**
     * Waits until the service has created the alias and the index behind it answers shard-level
     * requests (health turns yellow a moment before a new shard serves searches and _analyze).
     */
    public void awaitIndexReady(Es on) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> on.get("/_alias/" + alias).status() == 200
                        && on.get("/_cluster/health/" + alias + "?wait_for_status=yellow&timeout=5s").status() == 200
                        && on.get("/" + alias + "/_count").status() == 200
                        && on.post("/" + alias + "/_analyze", "{\"text\": \"ready\"}").status() == 200);
    }

    public void awaitIndexReady() {
        awaitIndexReady(es);
    }

    // ---- Kafka ----

    /** Sends the articles (key = id), each acknowledged before the next. */
    public void send(EnrichedArticle... articles) {
        for (EnrichedArticle a : articles) {
            topics.send(enriched, a.getId(), a);
        }
    }

    /** Sends bytes as they are (null: a tombstone). */
    public void sendRaw(String key, byte[] value) {
        topics.sendBytes(topic, key, value, null);
    }

    /** Reads the dead-letter topic from the beginning until {@code count} records or the timeout. */
    public List<ConsumerRecord<String, byte[]>> readDeadLetters(int count, Duration timeout) {
        return topics.read(deadLetters, count, timeout);
    }

    /** Sum over partitions of the consumer group's committed offsets on the topic. */
    public long committedOffsets() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sum over partitions of the topic's end offsets. */
    public long endOffsets() {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(topic).partitions();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            partitions.forEach(p -> request.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result =
                    admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            return result.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Admin admin() {
        return admin;
    }

    /** Stops the apps, then deletes this test's indices, template and topics from the shared servers. */
    @Override
    public void close() {
        for (ConfigurableApplicationContext app : apps) {
            app.close();
        }
        topics.close();
        try {
            // destructive wildcards are refused (action.destructive_requires_name): delete by name
            var resolved = es.get("/_resolve/index/" + indexPrefix + "*").body();
            for (var index : resolved.get("indices")) {
                es.delete("/" + index.get("name").asString());
            }
            es.delete("/_index_template/" + templateName);
        } catch (RuntimeException e) {
            System.err.println("cleanup of " + prefix + " indices failed: " + e);
        }
        try {
            admin.deleteTopics(List.of(topic, deadLetterTopic, rawTopic, rawDeadLetterTopic)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a topic that was never created
        }
        try {
            admin.deleteConsumerGroups(List.of(groupId)).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // never created
        }
        admin.close(Duration.ofSeconds(5));
    }
}

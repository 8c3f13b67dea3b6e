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
import news.pipeline.publish.config.PublishProperties;
import news.pipeline.schemas.serde.AvroSerializer;
import news.stack.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
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
    public final Es es;
    private final Admin admin;
    private KafkaProducer<String, EnrichedArticle> producer;
    private KafkaProducer<String, byte[]> rawProducer;
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    private TestSetup(Endpoints servers, String name) {
        this.servers = servers;
        this.prefix = "pubtest-" + name.toLowerCase(Locale.ROOT) + "-" + UUID.randomUUID().toString().substring(0, 6);
        this.topic = prefix + ".articles.enriched";
        this.deadLetterTopic = prefix + ".articles.enriched.dlt";
        this.groupId = prefix + "-publish";
        this.alias = prefix + "-articles";
        this.indexPrefix = prefix + "-articles-v";
        this.templateName = prefix + "-articles-template";
        this.es = new Es(servers.elasticsearchUrl());
        this.admin = Admin.create(Map.of("bootstrap.servers", servers.kafkaBootstrapServers()));
    }

    public static TestSetup create(Endpoints servers, String name) {
        return new TestSetup(servers, name);
    }

    /** The service's properties for this test: unique names, small batches, short backoffs, no web server. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>();
        p.put("publish.elasticsearch.url", servers.elasticsearchUrl());
        p.put("publish.kafka.bootstrap-servers", servers.kafkaBootstrapServers());
        p.put("publish.kafka.schema-registry-url", servers.schemaRegistryUrl());
        p.put("publish.kafka.topic", topic);
        p.put("publish.kafka.dead-letter-topic", deadLetterTopic);
        p.put("publish.kafka.group-id", groupId);
        p.put("publish.index.alias", alias);
        p.put("publish.index.index-prefix", indexPrefix);
        p.put("publish.index.template-name", templateName);
        p.put("publish.batch.linger", "100ms");
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
        PublishProperties bound = app.getBean(PublishProperties.class);
        if (!bound.index().alias().equals(alias) || !bound.kafka().topic().equals(topic)) {
            app.close();
            throw new IllegalStateException("the test's names did not reach the service: " + bound);
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

    public synchronized KafkaProducer<String, EnrichedArticle> producer() {
        if (producer == null) {
            AvroSerializer<EnrichedArticle> serializer = new AvroSerializer<>();
            serializer.configure(Map.of("schema.registry.url", servers.schemaRegistryUrl()), false);
            producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), serializer);
        }
        return producer;
    }

    public synchronized KafkaProducer<String, byte[]> rawProducer() {
        if (rawProducer == null) {
            rawProducer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        return rawProducer;
    }

    /** Sends the articles (key = id) and waits for every acknowledgement. */
    public void send(EnrichedArticle... articles) {
        try {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (EnrichedArticle a : articles) {
                sent.add(producer().send(new ProducerRecord<>(topic, a.getId(), a)));
            }
            producer().flush();
            for (var f : sent) {
                f.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    public void sendRaw(String key, byte[] value) {
        try {
            rawProducer().send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    /** Reads the dead-letter topic from the beginning until {@code count} records or the timeout. */
    public List<ConsumerRecord<String, byte[]>> readDeadLetters(int count, Duration timeout) {
        return readAll(deadLetterTopic, count, timeout);
    }

    public List<ConsumerRecord<String, byte[]>> readAll(String topicName, int count, Duration timeout) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        // assigned, not subscribed: no consumer group is left behind on the shared broker
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topicName, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (out.size() < count && System.nanoTime() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
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
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        if (rawProducer != null) {
            rawProducer.close(Duration.ofSeconds(5));
        }
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
            admin.deleteTopics(List.of(topic, deadLetterTopic)).all().get(30, TimeUnit.SECONDS);
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

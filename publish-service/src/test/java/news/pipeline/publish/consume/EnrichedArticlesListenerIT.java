package news.pipeline.publish.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.publish.metrics.PublishMetrics;
import news.pipeline.publish.support.Es;
import news.pipeline.publish.support.TestArticles;
import news.pipeline.publish.support.TestSetup;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** The running service end to end: Kafka topic in, alias out, offsets committed, health and metrics served. */
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrichedArticlesListenerIT {

    private static final String OPERATOR_TOKEN = "operator-" + UUID.randomUUID();

    private TestSetup setup;
    private Es es;
    private PublishMetrics metrics;
    private int port;

    @BeforeAll
    void start(Endpoints servers) {
        setup = TestSetup.create(servers, "live");
        es = setup.es;
        ConfigurableApplicationContext app = setup.startApp(Map.of(
                "spring.main.web-application-type", "servlet", "server.port", "0",
                "pipeline.management.operator-token", OPERATOR_TOKEN));
        metrics = app.getBean("livePublishMetrics", PublishMetrics.class);
        port = Integer.parseInt(app.getEnvironment().getProperty("local.management.port")); // the actuator's own
        setup.awaitIndexReady();
    }

    @AfterAll
    void cleanUp() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void anOlderVersionAfterANewerOneIsIgnored() {
        double staleBefore = metrics.ignoredStaleCount();

        setup.send(TestArticles.article("order-1", 5));
        setup.send(TestArticles.article("order-1", 3));
        awaitCaughtUp();

        JsonNode doc = es.doc(setup.alias, "order-1");
        assertThat(doc.get("_version").asLong()).isEqualTo(ArticleVersions.ordinal(5, 0));
        assertThat(doc.get("_source").get("headline").asString()).endsWith("(v5)");
        assertThat(metrics.ignoredStaleCount()).isEqualTo(staleBefore + 1);
    }

    @Test
    void aReEnrichmentReplacesTheSameVersionAndTheOlderEnrichmentNeverComesBack() {
        EnrichedArticle first = TestArticles.article("again-1", 3);
        EnrichedArticle again = EnrichedArticle.newBuilder(first).setEnrichmentRevision(1)
                .setEnrichmentVersion("improved-word-lists").build();
        double staleBefore = metrics.ignoredStaleCount();

        setup.send(first, again, first); // the last one: a replay of the first enrichment
        awaitCaughtUp();

        JsonNode doc = es.doc(setup.alias, "again-1");
        assertThat(doc.get("_version").asLong()).isEqualTo(ArticleVersions.ordinal(3, 1));
        assertThat(doc.get("_source").get("enrichmentVersion").asString()).isEqualTo("improved-word-lists");
        assertThat(doc.get("_source").get("enrichmentRevision").asInt()).isEqualTo(1);
        assertThat(doc.get("_source").get("version").asLong()).isEqualTo(3);
        assertThat(metrics.ignoredStaleCount()).isEqualTo(staleBefore + 1);
    }

    @Test
    void aCancelDeletesTheArticleAndALateOlderVersionDoesNotBringItBack() {
        setup.send(TestArticles.article("kill-1", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> es.doc(setup.alias, "kill-1") != null);
        double deletedBefore = metrics.deletedCount();

        setup.send(TestArticles.canceled("kill-1", 2));
        await().atMost(Duration.ofSeconds(30)).until(() -> es.doc(setup.alias, "kill-1") == null);
        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.deletedCount() == deletedBefore + 1);

        setup.send(TestArticles.article("kill-1", 1));
        awaitCaughtUp();
        assertThat(es.doc(setup.alias, "kill-1")).isNull();
    }

    @Test
    void aReplayedBatchChangesNothing() {
        EnrichedArticle[] batch = new EnrichedArticle[5];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = TestArticles.article("replayed-" + i, 4);
        }
        setup.send(batch);
        awaitCaughtUp();
        Map<String, String> before = snapshot(batch);
        double staleBefore = metrics.ignoredStaleCount();
        double indexedBefore = metrics.indexedCount();

        setup.send(batch);
        awaitCaughtUp();

        assertThat(snapshot(batch)).isEqualTo(before);
        assertThat(metrics.ignoredStaleCount()).isEqualTo(staleBefore + 5);
        assertThat(metrics.indexedCount()).isEqualTo(indexedBefore);
    }

    @Test
    void aRecordThatIsNotAnArticleIsDeadLetteredAndConsumptionGoesOn() {
        setup.sendRaw("poison-1", "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8));
        setup.send(TestArticles.article("after-poison", 1));

        awaitCaughtUp();
        assertThat(es.doc(setup.alias, "after-poison")).isNotNull();
        List<ConsumerRecord<String, byte[]>> letters = setup.readDeadLetters(1, Duration.ofSeconds(30));
        assertThat(letters).anySatisfy(l -> {
            assertThat(l.key()).isEqualTo("poison-1");
            assertThat(new String(l.headers().lastHeader(DeadLetterWriter.ERROR_TYPE).value(), StandardCharsets.UTF_8))
                    .isEqualTo("undecodable");
        });
    }

    @Test
    void healthReflectsElasticsearchAndKafkaAndMetricsArePublished() throws Exception {
        setup.send(TestArticles.article("metrics-1", 1));
        awaitCaughtUp();

        JsonNode health = Es.JSON.readTree(http("/actuator/health", "Bearer " + OPERATOR_TOKEN));
        String prometheus = http("/actuator/prometheus", null);
        // the details are the operators': anyone else, a wrong token included, gets the status alone
        for (String stranger : new String[] {null, "Bearer wrong-" + OPERATOR_TOKEN, OPERATOR_TOKEN}) {
            JsonNode seen = Es.JSON.readTree(http("/actuator/health", stranger));
            assertThat(seen.get("status").asString()).isEqualTo("UP");
            assertThat(seen.has("components")).as("details shown to %s", stranger).isFalse();
        }

        assertThat(health.get("status").asString()).isEqualTo("UP");
        JsonNode components = health.get("components");
        assertThat(components.get("elasticsearch").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("elasticsearch").get("details").get("index").asString()).isEqualTo(setup.indexPrefix + "1");
        assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("publisher").get("status").asString()).isEqualTo("UP");
        assertThat(components.get("publisher").get("details").get("state").asString()).isEqualTo("RUNNING");
        assertThat(components.get("schemaRegistry").get("status").asString()).isEqualTo("UP");
        assertThat(prometheus).contains("publish_articles_total{", "outcome=\"indexed\"", "outcome=\"deleted\"",
                "outcome=\"stale\"", "outcome=\"tombstone\"", "pipeline_dead_letters_total{",
                "publish_bulk_latency_seconds_count{", "publish_batch_size_records_count{", "publish_waiting{",
                "kafka_consumer_fetch_manager_records_lag_max{");
    }

    @Test
    void aKilledArticleLeavesTheRelatedListsOfTheOthersAndNoReplayOrLateEnrichmentBringsItBack() {
        setup.send(TestArticles.article("rel-k", 1), withRelated(TestArticles.article("rel-a", 3), "rel-k", "rel-b"));
        await().atMost(Duration.ofSeconds(30)).until(() -> relatedIds("rel-a").equals(List.of("rel-k", "rel-b")));

        setup.send(TestArticles.canceled("rel-k", 2));

        await().atMost(Duration.ofSeconds(30)).until(() -> relatedIds("rel-a").equals(List.of("rel-b")));
        assertThat(es.doc(setup.alias, "rel-k")).isNull();
        assertThat(es.doc(setup.alias, "rel-a").get("_version").asLong()).as("rewritten at its own version").isEqualTo(ArticleVersions.ordinal(3, 0));
        // the same version again (a replay) is stale, an enrichment made before the kill arrives late: neither links it
        setup.send(withRelated(TestArticles.article("rel-a", 3), "rel-k", "rel-b"),
                withRelated(TestArticles.article("rel-a", 4), "rel-k", "rel-b"));
        awaitCaughtUp();
        assertThat(es.doc(setup.alias, "rel-a").get("_version").asLong()).isEqualTo(ArticleVersions.ordinal(4, 0));
        assertThat(relatedIds("rel-a")).containsExactly("rel-b");
    }

    private static EnrichedArticle withRelated(EnrichedArticle article, String... ids) {
        return EnrichedArticle.newBuilder(article).setRelatedArticles(java.util.Arrays.stream(ids)
                .map(id -> news.pipeline.events.RelatedArticle.newBuilder().setId(id).setTitle("Tin " + id)
                        .setUrl("https://baothaibinh.example/tin/" + id).setScore(0.5)
                        .setPublishedAt(java.time.Instant.parse("2025-12-18T02:00:00Z")).build())
                .toList()).build();
    }

    private List<String> relatedIds(String id) {
        JsonNode doc = es.doc(setup.alias, id);
        if (doc == null) {
            return List.of();
        }
        return doc.get("_source").path("related").valueStream().map(r -> r.get("id").asString()).toList();
    }

    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> setup.committedOffsets() == setup.endOffsets());
        es.refresh(setup.alias);
    }

    private Map<String, String> snapshot(EnrichedArticle... articles) {
        Map<String, String> state = new HashMap<>();
        for (EnrichedArticle a : articles) {
            JsonNode doc = es.doc(setup.alias, a.getId());
            state.put(a.getId(), doc.get("_version") + "/" + doc.get("_seq_no") + "/" + doc.get("_primary_term"));
        }
        return state;
    }

    private String http(String path, String authorization) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        }
    }
}

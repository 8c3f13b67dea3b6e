package news.pipeline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import news.pipeline.deploy.DeploymentFiles;
import news.pipeline.runner.Pipeline;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import news.stack.StackConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole pipeline as it runs in production, minus Docker: the local stack (reused when running)
 * and ingest-, enrich- and publish-service as separate processes from their built jars. The seed
 * page text goes in over HTTP; the test reads what front-end sites read, the Elasticsearch alias.
 * Topics, consumer groups and the alias are unique to this run, so it can share a stack.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineEndToEndIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String FEED = "baothaibinh";
    private static final String KEY = "dev-key-baothaibinh";
    private static final String SEED_SOURCE_ID = "day-manh-quy-che-dan-chu";

    private static Pipeline pipeline;
    private static String alias;
    private static String ingest;
    private static String elasticsearch;
    private static String seedId;
    private static long seedVersion;
    private static final List<String> relatedIds = new ArrayList<>();
    private static List<String> topics;
    private static List<String> groups;

    @BeforeAll
    static void startPipeline() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        alias = "e2e-articles-" + run;
        String raw = "e2e.articles.raw." + run;
        String enriched = "e2e.articles.enriched." + run;
        topics = List.of(raw, raw + ".dlt", enriched, enriched + ".dlt");
        groups = List.of("e2e-enrich-" + run, "e2e-publish-" + run);
        Map<String, String> names = Map.ofEntries(
                // one variable per topic, read by every service (service-support's pipeline.yml)
                Map.entry("PIPELINE_TOPICS_RAW", raw),
                Map.entry("PIPELINE_TOPICS_RAW_DLT", raw + ".dlt"),
                Map.entry("PIPELINE_TOPICS_ENRICHED", enriched),
                Map.entry("PIPELINE_TOPICS_ENRICHED_DLT", enriched + ".dlt"),
                Map.entry("ENRICH_GROUP", "e2e-enrich-" + run),
                Map.entry("PUBLISH_GROUP", "e2e-publish-" + run),
                Map.entry("PUBLISH_INDEX_ALIAS", alias),
                Map.entry("PUBLISH_INDEX_INDEXPREFIX", alias + "-v"),
                Map.entry("PUBLISH_INDEX_TEMPLATENAME", alias + "-template"),
                // the structured (JSON) logs a deployment uses: asserted below
                Map.entry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
        // ports 18080, 18082, 18083: clear of a pipeline a developer may be running on 8080...
        pipeline = Pipeline.start(StackConfig.fromEnvironment(), names, 10_000);
        ingest = pipeline.service("ingest-service").url();
        elasticsearch = pipeline.endpoints().elasticsearchUrl();
    }

    /**
     * Services first, then what the run created (index, template, topics, groups) while the servers are
     * still up, and only then the stack, if this test started it.
     */
    @AfterAll
    static void stopPipeline() throws Exception {
        if (pipeline == null) {
            return;
        }
        try {
            pipeline.stopServices();
            // by name: Elasticsearch refuses to delete indices by wildcard (action.destructive_requires_name)
            List<String> indices = new ArrayList<>();
            JSON.readTree(send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + alias + "-v*"))).body())
                    .propertyNames().forEach(indices::add);
            assertThat(indices).isNotEmpty();
            assertThat(send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + String.join(",", indices))).DELETE())
                    .statusCode()).isEqualTo(200);
            assertThat(send(HttpRequest.newBuilder(URI.create(elasticsearch + "/_index_template/" + alias + "-template"))
                    .DELETE()).statusCode()).isEqualTo(200);
            try (Admin kafka = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    pipeline.endpoints().kafkaBootstrapServers()))) {
                kafka.deleteTopics(topics).all().get(30, TimeUnit.SECONDS);
                for (var group : kafka.deleteConsumerGroups(groups).deletedGroups().values()) {
                    try {
                        group.get(30, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        // a group that never committed an offset does not exist: nothing to delete
                        assertThat(e.getCause()).isInstanceOf(GroupIdNotFoundException.class);
                    }
                }
            }
        } finally {
            pipeline.close();
        }
    }

    @Test
    @Order(0)
    void everyServiceShowsTheVersionAndCommitItWasBuiltFrom() throws Exception {
        for (var service : pipeline.services()) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/info")));
            assertThat(response.statusCode()).as(service.name()).isEqualTo(200);
            JsonNode info = JSON.readTree(response.body());
            assertThat(info.path("build").path("artifact").asString()).isEqualTo(service.name());
            assertThat(info.path("build").path("version").asString()).as(response.body()).isNotBlank();
            assertThat(info.path("git").path("commit").path("id").asString()).as(response.body()).matches("[0-9a-f]{7,40}");
            // what the compose health checks ask
            assertThat(send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/health/readiness")))
                    .statusCode()).as(service.name() + " readiness").isEqualTo(200);
        }
    }

    @Test
    @Order(1)
    void relatedArticlesArePublishedFirst() throws Exception {
        relatedIds.add(post("application/ninjs+json", ninjs("https://baothaibinh.example/tin/hoi-nghi-quy-che-dan-chu",
                "Hội nghị triển khai thực hiện quy chế dân chủ ở cơ sở",
                "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở của tỉnh tổ chức hội nghị triển khai nhiệm vụ năm 2020.",
                "Các cấp ủy, chính quyền tiếp tục đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở, phát huy "
                        + "quyền làm chủ của nhân dân, thực hành dân chủ gắn với cải cách hành chính."), "").path("id").asString());
        relatedIds.add(post("application/ninjs+json", ninjs("https://baothaibinh.example/tin/thuc-hanh-dan-chu",
                "Thực hành dân chủ ở cơ sở gắn với cải cách hành chính",
                "Việc thực hiện quy chế dân chủ ở cơ sở được cấp ủy, chính quyền các cấp quan tâm lãnh đạo, chỉ đạo.",
                "Ban Chỉ đạo thực hiện quy chế dân chủ các cấp được kiện toàn; công tác tiếp dân, đối thoại với nhân dân "
                        + "được tăng cường."), "").path("id").asString());

        for (String id : relatedIds) {
            await().atMost(PATIENCE).until(() -> document(id) != null);
        }
    }

    @Test
    @Order(2)
    void theSeedPageTextIsIndexedWithEveryField() throws Exception {
        JsonNode receipt = post("text/plain; charset=utf-8", seedText(), "?sourceId=" + SEED_SOURCE_ID);
        assertThat(receipt.path("status").asString()).isEqualTo("accepted");
        seedId = receipt.path("id").asString();
        seedVersion = receipt.path("version").asLong();

        JsonNode doc = await().atMost(PATIENCE).until(() -> document(seedId), d -> d != null);

        assertThat(doc.path("headline").asString()).isEqualTo("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở");
        assertThat(doc.path("version").asLong()).isEqualTo(seedVersion);
        String body = doc.path("body").asString();
        assertThat(body).contains("Năm 2019, việc thực hiện quy chế dân chủ")
                .doesNotContain("Tin cùng chuyên mục", "Xem tin theo ngày", "02.11.2024", "Manchester United",
                        "Mạnh Cường", "Ảnh:", "Audio:", "mixdown.mp3");
        assertThat(doc.path("byline").asString()).isEqualTo("Mạnh Cường");
        assertThat(values(doc.path("images"), "credit")).contains("Thành Tâm");
        assertThat(values(doc.path("categoryCodes"), null)).contains("medtop:11000000");
        JsonNode audio = doc.path("audio");
        assertThat(audio.path("fileName").asString()).isEqualTo("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
        assertThat(audio.path("narrator").asString()).isEqualTo("thoia");
        assertThat(audio.path("recordingDate").asString()).isEqualTo("2019-12-25");
        assertThat(audio.path("durationSeconds").asDouble()).isPositive();
        assertThat(values(doc.path("sourceLinks"), "title"))
                .contains("Hộp thư bạn đọc", "Hội nghị Ban Thường vụ Tỉnh ủy")
                .hasSize(20);
        assertThat(values(doc.path("related"), "id")).containsAnyElementsOf(relatedIds).doesNotContain(seedId);
    }

    @Test
    @Order(3)
    void aSearchTypedWithoutDiacriticsFindsIt() {
        String query = """
                {"query": {"match_phrase": {"headline": "day manh thuc hien quy che dan chu o cac loai hinh co so"}}}
                """;

        // searchable once the index refreshes (1 s), unlike the real-time get above
        JsonNode hits = await().atMost(PATIENCE).until(() -> search(query), h -> !h.isEmpty());
        assertThat(values(hits, "_id")).containsExactly(seedId);
    }

    @Test
    @Order(4)
    void anUpdateReplacesTheArticle() throws Exception {
        String updated = seedText().replace("Mạnh Cường\n",
                "Hội nghị cũng biểu dương 12 tập thể có thành tích xuất sắc.\nMạnh Cường\n");
        JsonNode receipt = post("text/plain; charset=utf-8", updated, "?sourceId=" + SEED_SOURCE_ID);

        assertThat(receipt.path("id").asString()).isEqualTo(seedId);
        long newVersion = receipt.path("version").asLong();
        assertThat(newVersion).isGreaterThan(seedVersion);
        JsonNode doc = await().atMost(PATIENCE).until(() -> document(seedId),
                d -> d != null && d.path("version").asLong() == newVersion);
        assertThat(doc.path("body").asString()).contains("biểu dương 12 tập thể");
        assertThat(count()).isEqualTo(3);
    }

    @Test
    @Order(5)
    void aKillRemovesIt() throws Exception {
        HttpResponse<String> killed = send(HttpRequest.newBuilder(
                URI.create(ingest + "/feeds/" + FEED + "/articles/" + SEED_SOURCE_ID)).header("X-Api-Key", KEY).DELETE());
        assertThat(killed.statusCode()).isEqualTo(202);

        await().atMost(PATIENCE).until(() -> document(seedId) == null);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void everyServiceLogsTheArticleAsJsonWithItsIdFeedTopicPartitionAndOffset() throws Exception {
        for (var service : pipeline.services()) {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(service.logFile())) {
                if (line.startsWith("{") && line.contains(seedId)) {
                    JsonNode json = JSON.readTree(line);
                    if (seedId.equals(json.path("article_id").asString())) {
                        lines.add(json);
                    }
                }
            }
            assertThat(lines).as(service.name() + " log lines with the seed's article_id field").isNotEmpty();
            String expectedTopic = switch (service.name()) {
                case "ingest-service", "enrich-service" -> topics.get(0);
                default -> topics.get(2);
            };
            assertThat(lines).as(service.name()).anySatisfy(line -> {
                assertThat(line.path("feed").asString()).isEqualTo(FEED);
                assertThat(line.path("topic").asString()).isEqualTo(expectedTopic);
                assertThat(line.path("partition").asString()).matches("\\d+");
                assertThat(line.path("offset").asString()).matches("\\d+");
                assertThat(line.path("message").asString()).contains(seedId);
            });
        }
    }

    /**
     * Every metric the alert rules and the Grafana dashboard read, and every label value they select by equality,
     * is exported by the running services (the rules' own logic is tested by promtool: alerts.test.yml).
     */
    @Test
    @Order(7)
    void theAlertRulesAndTheDashboardReadMetricsTheServicesExport() throws Exception {
        // one refusal, so the refusal counter has a series, as it would in any real day
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(ingest + "/feeds/" + FEED + "/articles"))
                .header("Content-Type", "application/json").header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{not json")));
        assertThat(refused.statusCode()).isEqualTo(400);
        // and one re-post of identical content
        String probe = ninjs("https://baothaibinh.example/tin/metrics-probe", "Thử nghiệm số liệu",
                "Bài viết dùng để kiểm tra số liệu.", "Nội dung không đổi giữa hai lần gửi.");
        post("application/ninjs+json", probe, "");
        HttpResponse<String> again = send(HttpRequest.newBuilder(URI.create(ingest + "/feeds/" + FEED + "/articles"))
                .header("Content-Type", "application/ninjs+json").header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(probe, StandardCharsets.UTF_8)));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("status").asString()).isEqualTo("unchanged");

        // the Kafka clients' per-partition meters appear once records were fetched, and Micrometer binds new client
        // metrics once a minute
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(5))
                .untilAsserted(PipelineEndToEndIT::rulesAndDashboardReadExportedMetrics);
    }

    private static void rulesAndDashboardReadExportedMetrics() throws Exception {
        StringBuilder exported = new StringBuilder();
        for (var service : pipeline.services()) {
            HttpResponse<String> scrape = send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/prometheus")));
            assertThat(scrape.statusCode()).as(service.name()).isEqualTo(200);
            exported.append(scrape.body()).append('\n');
        }
        Set<String> names = new HashSet<>(DeploymentFiles.recordedNames());
        names.add("up"); // Prometheus' own, per scrape target
        exported.toString().lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));

        List<String> expressions = DeploymentFiles.expressions();
        assertThat(expressions).hasSizeGreaterThan(20);
        for (String expression : expressions) {
            assertThat(names).as("metrics read by: " + expression).containsAll(DeploymentFiles.metricNames(expression));
            for (String matcher : DeploymentFiles.exactMatchers(expression)) {
                String name = matcher.substring(0, matcher.indexOf('{'));
                String label = matcher.substring(matcher.indexOf('{') + 1, matcher.indexOf('='));
                String value = matcher.substring(matcher.indexOf('=') + 1, matcher.length() - 1);
                if (name.equals("up") || DeploymentFiles.recordedNames().contains(name)) {
                    continue; // labels Prometheus adds, or a recording rule's result
                }
                assertThat(exported.toString()).as(matcher + " in: " + expression)
                        .containsPattern("(?m)^" + Pattern.quote(name) + "\\{[^}]*\\b" + Pattern.quote(label) + "=\""
                                + Pattern.quote(value) + "\"");
            }
        }
        // the deprecated underscore copy of the topics' per-partition meters is not exported (DeprecatedTopicTagFilter)
        assertThat(exported.toString()).doesNotContain("topic=\"" + topics.get(0).replace('.', '_') + "\"");
    }

    // ---- helpers ----

    private static JsonNode post(String contentType, String body, String query) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(ingest + "/feeds/" + FEED + "/articles" + query))
                .header("Content-Type", contentType)
                .header("X-Api-Key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }

    /** The document as readers get it through the alias, or null when there is none. */
    private static JsonNode document(String id) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + alias + "/_doc/"
                + URLEncoder.encode(id, StandardCharsets.UTF_8))));
        JsonNode answer = JSON.readTree(response.body());
        return answer.path("found").asBoolean(false) ? answer.path("_source") : null;
    }

    private static JsonNode search(String query) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + alias + "/_search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(query)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("hits").path("hits");
    }

    private static long count() throws Exception {
        send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + alias + "/_refresh")).POST(HttpRequest.BodyPublishers.noBody()));
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(elasticsearch + "/" + alias + "/_count"))).body())
                .path("count").asLong();
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(field == null ? node.asString() : node.path(field).asString()));
        return out;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String seedText() throws IOException {
        try (var in = PipelineEndToEndIT.class.getResourceAsStream("/seed-article-vi.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String ninjs(String uri, String headline, String lead, String body) {
        var article = JSON.createObjectNode()
                .put("uri", uri)
                .put("version", "1")
                .put("versioncreated", "2024-11-02T09:00:00+07:00")
                .put("pubstatus", "usable")
                .put("language", "vi");
        article.putArray("headlines").addObject().put("role", "main").put("value", headline);
        article.putArray("bodies").addObject().put("role", "main").put("contenttype", "text/plain")
                .put("value", lead + "\n\n" + body);
        return article.toString();
    }
}

package news.pipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.IngestHttp.Response;
import news.pipeline.ingest.support.Samples;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Every way a request can be wrong, each with its status and problem body (RFC 9457: type, title,
 * detail naming the field), and in every case no event on the topic.
 */
@RealServers
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "ingest.limits.max-body-size=64KB",
        "ingest.limits.max-batch-items=5"})
@DirtiesContext
class BadInputsIT {

    static final String TOPIC = TestTopics.rawTopic("bad");

    @AfterAll
    static void deleteTopic() {
        TestTopics.delete(RealServersExtension.endpoints().kafkaBootstrapServers(), TOPIC);
    }
    static final String VI = "/feeds/baothaibinh/articles";
    static final String KEY = "dev-key-baothaibinh";
    static final String JSON = "application/json";
    static final String NINJS = "application/ninjs+json";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("pipeline.topics.raw", () -> TOPIC);
        registry.add("spring.kafka.bootstrap-servers", () -> RealServersExtension.endpoints().kafkaBootstrapServers());
        registry.add("pipeline.schema-registry.url", () -> RealServersExtension.endpoints().schemaRegistryUrl());
    }

    @LocalServerPort
    int port;

    IngestHttp http;
    String bootstrap;

    @BeforeEach
    void clients(Endpoints servers) {
        http = new IngestHttp(port);
        bootstrap = servers.kafkaBootstrapServers();
    }

    /** One bad request: how it is sent and what must come back. {@code field} is null where no field is at fault. */
    record Bad(String name, String method, String path, String key, String contentType, byte[] body,
            int status, String type, String detail, String field) {

        static Bad post(String name, String path, String key, String contentType, String body, int status, String type,
                String detail, String field) {
            return new Bad(name, "POST", path, key, contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8),
                    status, type, detail, field);
        }

        Bad withBody(byte[] bytes) {
            return new Bad(name, method, path, key, contentType, bytes, status, type, detail, field);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badInputs() {
        String page = Samples.read("seed-article-vi.txt");
        String ok = "{\"sourceId\":\"s1\",\"headline\":\"Tin\",\"bodyText\":\"Văn bản.\"}";
        byte[] latin1 = "{\"sourceId\":\"s1\",\"headline\":\"Tin Thái Bình\"}".getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Bad.post("no API key", VI, null, JSON, ok, 401, "missing-api-key", "X-Api-Key", null),
                Bad.post("unknown API key", VI, "not-a-key", JSON, ok, 401, "invalid-api-key", "not valid", null),
                Bad.post("another feed's key", VI, "dev-key-wire-en", JSON, ok, 403, "wrong-feed", "'baothaibinh'", null),
                Bad.post("feed that does not exist", "/feeds/nobody/articles", KEY, JSON, ok, 403, "wrong-feed", "'nobody'", null),
                Bad.post("XML that is not NewsML-G2", VI, KEY, "application/xml", "<article/>", 400, "malformed-input",
                        "not a NewsML-G2 newsItem", null),
                Bad.post("PDF", VI, KEY, "application/pdf", "%PDF-1.7", 415, "unsupported-media-type", "application/pdf", null),
                Bad.post("no Content-Type", VI, KEY, null, ok, 415, "unsupported-media-type", "no Content-Type", null),
                Bad.post("NDJSON to the single endpoint", VI, KEY, "application/x-ndjson", ok, 415, "unsupported-media-type",
                        "application/x-ndjson", null),
                Bad.post("body over 64 KB", VI, KEY, "text/plain", page.repeat(10), 413, "payload-too-large", "65536 bytes", null),
                Bad.post("broken JSON", VI, KEY, JSON, "{\"headline\": \"Tin\",", 400, "malformed-input", "not valid JSON", "body"),
                Bad.post("empty body", VI, KEY, JSON, "", 400, "malformed-input", "empty", "body"),
                Bad.post("JSON array to the single endpoint", VI, KEY, JSON, "[" + ok + "]", 400, "malformed-input", "/batch", "body"),
                Bad.post("no headline", VI, KEY, JSON, "{\"sourceId\":\"s1\",\"bodyText\":\"x\"}", 400, "malformed-input",
                        "headline: is required", "headline"),
                Bad.post("headline not a string", VI, KEY, JSON, "{\"sourceId\":\"s1\",\"headline\":7}", 400, "malformed-input",
                        "headline: must be a string", "headline"),
                Bad.post("bad versionCreated", VI, KEY, JSON, "{\"headline\":\"Tin\",\"versionCreated\":\"hôm qua\"}", 400,
                        "malformed-input", "versionCreated: is not an ISO-8601 date-time", "versionCreated"),
                Bad.post("negative version", VI, KEY, JSON, "{\"headline\":\"Tin\",\"version\":-3}", 400, "malformed-input",
                        "version: must be a non-negative whole number", "version"),
                Bad.post("bad language", VI, KEY, JSON, "{\"headline\":\"Tin\",\"language\":\"Tiếng Việt\"}", 400,
                        "malformed-input", "language: is not a BCP 47 language tag", "language"),
                Bad.post("bad pubStatus", VI, KEY, JSON, "{\"headline\":\"Tin\",\"pubStatus\":\"deleted\"}", 400,
                        "malformed-input", "pubStatus: must be one of usable, withheld, canceled", "pubStatus"),
                Bad.post("audio without a file", VI, KEY, JSON, "{\"headline\":\"Tin\",\"audio\":[{\"title\":\"Nghe\"}]}", 400,
                        "malformed-input", "audio[0].fileName", "audio[0].fileName"),
                Bad.post("relative uri", VI, KEY, JSON, "{\"headline\":\"Tin\",\"uri\":\"/tin/1\"}", 400, "malformed-input",
                        "uri: must be an absolute URI", "uri"),
                Bad.post("script as the uri", VI, KEY, JSON, "{\"headline\":\"Tin\",\"uri\":\"javascript:alert(1)\"}", 400,
                        "malformed-input", "uri: has the scheme 'javascript'", "uri"),
                Bad.post("data URL as an image", VI, KEY, JSON,
                        "{\"headline\":\"Tin\",\"images\":[{\"href\":\"data:image/png;base64,AAAA\"}]}", 400,
                        "malformed-input", "images[0].href: has the scheme 'data'", "images[0].href"),
                Bad.post("script as a link", VI, KEY, JSON, "{\"headline\":\"Tin\",\"uri\":\"https://news.example/1\","
                        + "\"sourceLinks\":[{\"list\":\"related\",\"title\":\"Xem\",\"url\":\"JAVASCRIPT:alert(1)\"}]}", 400,
                        "malformed-input", "only http and https", "sourceLinks[0].url"),
                Bad.post("text that is not UTF-8", VI, KEY, JSON, null, 400, "malformed-input", "not valid UTF-8", "body")
                        .withBody(latin1),
                Bad.post("ninjs without uri", VI, KEY, NINJS, "{\"headline\":\"Tin\"}", 400, "malformed-input",
                        "uri: is required", "uri"),
                Bad.post("ninjs unknown pubstatus", VI, KEY, NINJS, "{\"uri\":\"urn:x:1\",\"headline\":\"Tin\",\"pubstatus\":\"killed\"}",
                        400, "malformed-input", "pubstatus", "pubstatus"),
                Bad.post("ninjs version not a number", VI, KEY, NINJS, "{\"uri\":\"urn:x:1\",\"headline\":\"Tin\",\"version\":\"v2\"}",
                        400, "malformed-input", "version: must be a non-negative whole number", "version"),
                Bad.post("ninjs audio rendition without href", VI, KEY, NINJS, """
                        {"uri":"urn:x:1","headlines":[{"value":"Tin"}],
                         "associations":[{"name":"a","type":"audio","renditions":[{"name":"mp3","contenttype":"audio/mpeg"}]}]}""",
                        400, "malformed-input", "audio association needs a rendition with an href", "associations[0].renditions[0].href"),
                Bad.post("empty page text", VI, KEY, "text/plain", " \n \n", 400, "malformed-input", "empty", "body"),
                Bad.post("page text Audio line without a file", VI, KEY, "text/plain", "Tiêu đề\nAudio: đang cập nhật\nĐoạn văn.",
                        400, "malformed-input", "does not name an audio file", "audio"),
                Bad.post("page text impossible list time", VI, KEY, "text/plain",
                        "Tiêu đề\nĐoạn văn.\nTin cùng chuyên mục\n- Một tin 31.02.2024 | 17:55 PM", 400, "malformed-input",
                        "31.02.2024 | 17:55 PM", "sourceLinks[0].publishedAt"),
                Bad.post("HTML without a headline", VI, KEY, "text/html", "<html><body><p>Chỉ có đoạn văn.</p></body></html>",
                        400, "malformed-input", "headline", "headline"),
                Bad.post("batch that is not an array", VI + "/batch", KEY, JSON, ok, 400, "malformed-input", "JSON array", "body"),
                Bad.post("empty batch", VI + "/batch", KEY, JSON, "[]", 400, "malformed-input", "no articles", "body"),
                Bad.post("batch of 6 over 5 items", VI + "/batch", KEY, JSON, "[" + String.join(",", java.util.Collections.nCopies(6, ok)) + "]",
                        413, "payload-too-large", "at most 5", null),
                Bad.post("HTML batch", VI + "/batch", KEY, "text/html", "<p>x</p>", 415, "unsupported-media-type", "text/html", null),
                new Bad("delete without a target", "DELETE", VI, KEY, null, new byte[0], 400, "malformed-input",
                        "exactly one of", "sourceId"),
                new Bad("delete another feed's id", "DELETE", VI + "?id=wire-en-0cc175b9c0f1b6a831c399e269772661", KEY, null,
                        new byte[0], 400, "malformed-input", "not an article id of feed 'baothaibinh'", "id"),
                new Bad("GET on the intake", "GET", VI, KEY, null, new byte[0], 405, "method-not-allowed", "GET", null),
                new Bad("unknown path", "GET", "/feeds/baothaibinh/nothing", KEY, null, new byte[0], 404, "not-found",
                        "nothing", null))
                .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void refusedWithAProblemAndNothingWritten(Bad bad) {
        long before = TestTopics.endOffsetSum(bootstrap, TOPIC);

        Response response = switch (bad.method()) {
            case "POST" -> http.post(bad.path(), bad.key(), bad.contentType(), bad.body());
            case "DELETE" -> http.delete(bad.path(), bad.key());
            default -> http.get(bad.path());
        };

        assertThat(response.status()).as(response.body()).isEqualTo(bad.status());
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://news-pipeline.example/problems/" + bad.type());
        assertThat(problem.get("title").asString()).isNotBlank();
        assertThat(problem.get("status").asInt()).isEqualTo(bad.status());
        assertThat(problem.get("detail").asString()).contains(bad.detail());
        if (bad.field() != null) {
            assertThat(problem.get("field").asString()).isEqualTo(bad.field());
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(bad.field());
            assertThat(problem.get("errors").get(0).get("problem").asString()).isNotBlank();
        }
        if (bad.status() == 401) {
            assertThat(response.header("WWW-Authenticate")).startsWith("Bearer");
        }
        assertThat(TestTopics.endOffsetSum(bootstrap, TOPIC)).as("events on the topic").isEqualTo(before);
    }
}

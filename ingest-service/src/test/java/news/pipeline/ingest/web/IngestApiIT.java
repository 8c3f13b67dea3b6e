package news.pipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.support.IngestHttp.Response;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.Samples;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.schemas.registry.SchemaRegistryClient;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The API against the real broker and registry: what is posted is what lands on the topic, once. */
@RealServers
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class IngestApiIT {

    static final String TOPIC = TestTopics.rawTopic("api");

    @AfterAll
    static void deleteTopic() {
        TestTopics.delete(RealServersExtension.endpoints().kafkaBootstrapServers(), TOPIC);
    }
    static final String VI_KEY = "dev-key-baothaibinh";
    static final String EN_KEY = "dev-key-wire-en";
    static final String VI = "/feeds/baothaibinh/articles";
    static final String EN = "/feeds/wire-en/articles";

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("pipeline.topics.raw", () -> TOPIC);
        registry.add("spring.kafka.bootstrap-servers", () -> RealServersExtension.endpoints().kafkaBootstrapServers());
        registry.add("pipeline.schema-registry.url", () -> RealServersExtension.endpoints().schemaRegistryUrl());
        // a feed that may post twice, then must wait 100 s: the third post is refused
        registry.add("ingest.feeds.limited.api-keys", () -> "key-limited");
        registry.add("ingest.feeds.limited.rate-limit-per-second", () -> "0.01");
        registry.add("ingest.feeds.limited.burst", () -> "2");
    }

    @LocalServerPort
    int port;

    /** The actuator answers on a port of its own. */
    @LocalManagementPort
    int managementPort;

    IngestHttp http;
    TopicClient kafka;
    Endpoints servers;

    @BeforeEach
    void clients(Endpoints servers) {
        this.servers = servers;
        http = new IngestHttp(port);
        kafka = new TopicClient(servers);
    }

    @AfterEach
    void closeClients() {
        kafka.close();
    }

    @Test
    void pageTextBecomesAConfluentFramedEventCarryingEveryField() {
        String url = "https://baothaibinh.example/tin/" + UUID.randomUUID();

        Response response = http.post(VI + "?url=" + url, VI_KEY, "text/plain; charset=utf-8", Samples.read("seed-article-vi.txt"));

        assertThat(response.status()).isEqualTo(202);
        JsonNode receipt = response.json();
        assertThat(receipt.get("status").asString()).isEqualTo("accepted");
        String id = receipt.get("id").asString();
        assertThat(id).startsWith("baothaibinh-");
        assertThat(receipt.get("topic").asString()).isEqualTo(TOPIC);

        ConsumerRecord<String, RawArticle> event = single(id);
        byte[] bytes = bytesOf(event);
        assertThat(event.partition()).isEqualTo(receipt.get("partition").asInt());
        assertThat(event.offset()).isEqualTo(receipt.get("offset").asLong());
        // Confluent wire format: magic byte 0, then the id the registry gave the RawArticle schema
        assertThat(bytes[0]).isZero();
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        SchemaRegistryClient registry = new SchemaRegistryClient(Map.of("schema.registry.url", servers.schemaRegistryUrl()));
        assertThat(registry.latest(TOPIC + "-value").id()).isEqualTo(schemaId);
        assertThat(registry.byId(schemaId)).isEqualTo(RawArticle.getClassSchema());

        RawArticle a = event.value();
        assertThat(a.getId()).isEqualTo(id);
        assertThat(a.getVersion()).isEqualTo(receipt.get("version").asLong());
        assertThat(a.getFeed()).isEqualTo("baothaibinh");
        assertThat(a.getUri()).isEqualTo(url);
        assertThat(a.getPubStatus()).isEqualTo(PubStatus.usable);
        assertThat(a.getLanguage()).isEqualTo("vi");
        assertThat(a.getSourceFormat()).isEqualTo("page-text");
        assertThat(a.getHeadline()).isEqualTo("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở");
        assertThat(a.getSubheadline()).startsWith("Các đồng chí: Ngô Đông Hải");
        assertThat(a.getByline()).isEqualTo("Mạnh Cường");
        assertThat(a.getBodyText().split("\n\n")).hasSize(4);
        assertThat(a.getBodyHtml()).startsWith("<p>Năm 2019").doesNotContain("Các đại biểu dự hội nghị.");
        assertThat(a.getAudio()).singleElement().satisfies(audio ->
                assertThat(audio.getFileName()).isEqualTo("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3"));
        assertThat(a.getImages()).singleElement().satisfies(image -> {
            assertThat(image.getCaption()).isEqualTo("Các đại biểu dự hội nghị.");
            assertThat(image.getCredit()).isEqualTo("Thành Tâm");
        });
        assertThat(a.getSourceLinks()).hasSize(20);
        assertThat(a.getSourceLinks().getFirst().getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T10:55:00Z"));
        assertThat(a.getContentHash()).matches("[0-9a-f]{64}");
        assertThat(a.getReceivedAt()).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void identicalRepostIsUnchangedAndWritesNothing() {
        String path = VI + "?url=https://baothaibinh.example/tin/" + UUID.randomUUID();
        String page = Samples.read("seed-article-vi.txt");
        Response first = http.post(path, VI_KEY, "text/plain", page);
        long written = written();

        Response again = http.post(path, VI_KEY, "text/plain", page);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asString()).isEqualTo("unchanged");
        assertThat(again.json().get("id").asString()).isEqualTo(first.json().get("id").asString());
        assertThat(again.json().get("version").asLong()).isEqualTo(first.json().get("version").asLong());
        assertThat(written()).isEqualTo(written);

        // a change is a new version of the same article
        long before = System.currentTimeMillis();
        Response changed = http.post(path, VI_KEY, "text/plain", page.replace("Mạnh Cường", "Thanh Hà"));
        assertThat(changed.status()).isEqualTo(202);
        // the next version: one above the last, or the receive time when that is later (ArticleIngestor)
        long last = first.json().get("version").asLong();
        assertThat(changed.json().get("version").asLong()).isBetween(Math.max(last + 1, before),
                Math.max(last + 1, System.currentTimeMillis()));
        assertThat(eventsFor(first.json().get("id").asString())).extracting(e -> e.value().getByline())
                .containsExactly("Mạnh Cường", "Thanh Hà");
    }

    @Test
    void ninjs2ArticleThenItsCancellation() {
        String uri = "http://wire.example/items/" + UUID.randomUUID();
        String item = Samples.read("ninjs-2.1.json").replace("http://wire.example/items/2024-11-02-flood-warning\"", uri + "\"");

        Response posted = http.post(EN, EN_KEY, "application/ninjs+json", item);
        Response killed = http.post(EN, EN_KEY, "application/ninjs+json",
                Samples.read("ninjs-2.1-canceled.json").replace("http://wire.example/items/2024-11-02-flood-warning", uri));

        assertThat(posted.status()).isEqualTo(202);
        assertThat(posted.json().get("version").asLong()).isEqualTo(3);
        assertThat(killed.status()).isEqualTo(202);
        assertThat(killed.json().get("pubStatus").asString()).isEqualTo("canceled");
        List<ConsumerRecord<String, RawArticle>> events = eventsFor(posted.json().get("id").asString());
        assertThat(events).hasSize(2);
        RawArticle article = events.getFirst().value();
        assertThat(article.getSourceId()).isEqualTo(uri);
        assertThat(article.getSourceFormat()).isEqualTo("ninjs");
        assertThat(article.getLanguage()).isEqualTo("en-GB");
        assertThat(article.getHeadline()).isEqualTo("Flood warning issued for the Red River delta");
        assertThat(article.getVersionCreated()).isEqualTo(Instant.parse("2024-11-02T10:05:00Z"));
        assertThat(article.getBodyHtml()).doesNotContain("style=");
        assertThat(article.getAudio().getFirst().getDurationSeconds()).isEqualTo(95.5);
        assertThat(article.getAudio().getFirst().getSizeBytes()).isEqualTo(1_528_000L);
        assertThat(article.getImages().getFirst().getCredit()).isEqualTo("John Roe");
        assertThat(article.getSubjects()).extracting(s -> s.getCode()).contains("medtop:20000148");
        RawArticle kill = events.get(1).value();
        assertThat(kill.getPubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(kill.getVersion()).isEqualTo(4);
        assertThat(events.get(1).key()).isEqualTo(events.getFirst().key());
    }

    @Test
    void ninjs1ThroughTheIptcMediaType() {
        String uri = "urn:newsml:baothaibinh.example:" + UUID.randomUUID();
        Response response = http.post(VI, VI_KEY, "application/vnd.iptc.ninjs+json",
                Samples.read("ninjs-1.4-audio.json").replace("urn:newsml:baothaibinh.example:20191219:quy-che-dan-chu", uri));

        assertThat(response.status()).isEqualTo(202);
        RawArticle a = single(response.json().get("id").asString()).value();
        assertThat(a.getVersion()).isEqualTo(2);
        assertThat(a.getBodyHtml()).contains("Năm 2019").doesNotContain("script", "onclick", "javascript:");
        assertThat(a.getAudio().getFirst().getHref()).endsWith("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
        assertThat(a.getAudio().getFirst().getDurationSeconds()).isEqualTo(312.4);
    }

    @Test
    void htmlPage() {
        String page = Samples.read("article-page-vi.html")
                .replace("day-manh-thuc-hien-quy-che-dan-chu-12345.html", UUID.randomUUID() + ".html");

        Response response = http.post(VI, VI_KEY, "text/html; charset=utf-8", page);

        assertThat(response.status()).isEqualTo(202);
        RawArticle a = single(response.json().get("id").asString()).value();
        assertThat(a.getSourceFormat()).isEqualTo("html");
        assertThat(a.getHeadline()).isEqualTo("Đẩy mạnh thực hiện quy chế dân chủ ở các loại hình cơ sở");
        assertThat(a.getByline()).isEqualTo("Mạnh Cường");
        assertThat(a.getFirstCreated()).isEqualTo(Instant.parse("2024-11-02T10:55:00Z"));
        assertThat(a.getAudio().getFirst().getFileName()).isEqualTo("251219_thoia_day_manh_thuc_hien_quy_che_dan_chu_mixdown.mp3");
        assertThat(a.getSourceLinks()).hasSize(2);
        assertThat(a.getBodyHtml()).doesNotContain("<script", "onclick", "javascript:");
    }

    @Test
    void ownJsonKeepsFeedVersionsAndRefusesStaleOnes() {
        String sourceId = "en-" + UUID.randomUUID();
        String v1 = Samples.read("article-en.json").replace("wire-en-2024-11-02-0042", sourceId);

        Response first = http.post(EN, EN_KEY, "application/json", v1);
        Response second = http.post(EN, EN_KEY, "application/json",
                v1.replace("\"version\": 1", "\"version\": 2").replace("Harbour reopens", "Harbour finally reopens"));
        long written = written();
        Response stale = http.post(EN, EN_KEY, "application/json", v1.replace("Harbour reopens", "Harbour reopened"));

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("version").asLong()).isEqualTo(2);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.json().get("type").asString()).endsWith("/stale-version");
        assertThat(stale.json().get("currentVersion").asLong()).isEqualTo(2);
        assertThat(written()).isEqualTo(written);
        RawArticle a = single(first.json().get("id").asString(), 2).getFirst().value();
        assertThat(a.getLanguage()).isEqualTo("en");
        assertThat(a.getSection()).isEqualTo("local");
        assertThat(a.getSourceLinks().getFirst().getUrl()).isEqualTo("https://wire.example/news/2024/10/12/storm");
    }

    @Test
    void explicitDeleteEmitsAKillOnceAndTheSecondIsUnchanged() {
        String sourceId = "del-" + UUID.randomUUID();
        Response posted = http.post(EN, EN_KEY, "application/json",
                "{\"sourceId\":\"" + sourceId + "\",\"headline\":\"To be withdrawn\",\"bodyText\":\"Text.\"}");

        long before = System.currentTimeMillis();
        Response deleted = http.delete(EN + "/" + sourceId, EN_KEY);
        Response again = http.delete(EN + "?id=" + posted.json().get("id").asString(), EN_KEY);

        assertThat(deleted.status()).isEqualTo(202);
        assertThat(deleted.json().get("pubStatus").asString()).isEqualTo("canceled");
        long last = posted.json().get("version").asLong();
        assertThat(deleted.json().get("version").asLong()).isBetween(Math.max(last + 1, before),
                Math.max(last + 1, System.currentTimeMillis()));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("status").asString()).isEqualTo("unchanged");
        List<ConsumerRecord<String, RawArticle>> events = eventsFor(posted.json().get("id").asString());
        assertThat(events).extracting(e -> e.value().getPubStatus()).containsExactly(PubStatus.usable, PubStatus.canceled);
    }

    @Test
    void jsonArrayBatchIsAnsweredItemByItem() {
        String a = "b-" + UUID.randomUUID();
        String b = "b-" + UUID.randomUUID();
        String batch = """
                [{"sourceId":"%s","headline":"First","bodyText":"One."},
                 {"sourceId":"%s","headline":"Second","bodyText":"Two."},
                 {"sourceId":"x","bodyText":"no headline"},
                 {"sourceId":"%s","headline":"First","bodyText":"One."},
                 {"sourceId":"y","headline":"Script","images":[{"href":"javascript:alert(1)"}]}]
                """.formatted(a, b, a);

        Response response = http.post(EN + "/batch", EN_KEY, "application/json", batch);

        assertThat(response.status()).isEqualTo(200);
        JsonNode receipt = response.json();
        assertThat(receipt.get("accepted").asInt()).isEqualTo(2);
        assertThat(receipt.get("unchanged").asInt()).isEqualTo(1);
        assertThat(receipt.get("refused").asInt()).isEqualTo(2);
        JsonNode items = receipt.get("items");
        assertThat(items.get(0).get("status").asString()).isEqualTo("accepted");
        assertThat(items.get(2).get("status").asString()).isEqualTo("refused");
        assertThat(items.get(2).get("problem").get("status").asInt()).isEqualTo(400);
        assertThat(items.get(2).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("headline");
        assertThat(items.get(3).get("status").asString()).isEqualTo("unchanged");
        assertThat(items.get(3).get("id").asString()).isEqualTo(items.get(0).get("id").asString());
        assertThat(items.get(4).get("status").asString()).isEqualTo("refused");
        assertThat(items.get(4).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("images[0].href");
        assertThat(eventsFor(items.get(0).get("id").asString())).hasSize(1);
        assertThat(eventsFor(items.get(1).get("id").asString())).hasSize(1);
    }

    @Test
    void itemsOfOneArticleAreAppliedInTheBatchsOrderWhileOthersAreSentBesideThem() {
        String x = "order-" + UUID.randomUUID();
        List<String> items = new ArrayList<>();
        for (int v = 1; v <= 5; v++) {
            items.add("{\"sourceId\":\"%s\",\"version\":%d,\"headline\":\"Version %d\",\"bodyText\":\"Text %d.\"}"
                    .formatted(x, v, v, v));
            items.add("{\"sourceId\":\"other-%s\",\"headline\":\"Other %d\",\"bodyText\":\"Other.\"}"
                    .formatted(UUID.randomUUID(), v));
        }

        Response response = http.post(EN + "/batch", EN_KEY, "application/json", "[" + String.join(",", items) + "]");

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode receipt = response.json().get("items");
        assertThat(response.json().get("accepted").asInt()).isEqualTo(10);
        for (int v = 1; v <= 5; v++) {
            assertThat(receipt.get(2 * (v - 1)).get("version").asLong()).isEqualTo(v);
        }
        assertThat(eventsFor(receipt.get(0).get("id").asString())).extracting(e -> e.value().getHeadline())
                .containsExactly("Version 1", "Version 2", "Version 3", "Version 4", "Version 5");
    }

    @Test
    void ndjsonBatchOfNinjsWithAMalformedLine() {
        String uri = "http://wire.example/items/" + UUID.randomUUID();
        String ndjson = "{\"uri\":\"" + uri + "\",\"version\":\"1\",\"headlines\":[{\"value\":\"Line one\"}]}\n"
                + "{not json\n"
                + "\n"
                + "{\"uri\":\"" + uri + "\",\"version\":\"2\",\"headlines\":[{\"value\":\"Line one, updated\"}]}\n";

        Response response = http.post(EN + "/batch?format=ninjs", EN_KEY, "application/x-ndjson", ndjson);

        assertThat(response.status()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("version").asLong()).isEqualTo(1);
        assertThat(items.get(1).get("status").asString()).isEqualTo("refused");
        assertThat(items.get(1).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("line 2");
        assertThat(items.get(2).get("version").asLong()).isEqualTo(2);
        assertThat(eventsFor(items.get(0).get("id").asString())).extracting(e -> e.value().getHeadline())
                .containsExactly("Line one", "Line one, updated");
    }

    @Test
    void newsMlG2ItemThenItsKill() {
        String guid = "urn:newsml:wire.example.com:" + UUID.randomUUID();
        String item = Samples.example("g2-newsitem.xml").replace("urn:newsml:wire.example.com:20241102:nRTR4512Z", guid);
        String kill = Samples.example("g2-newsitem-kill.xml").replace("urn:newsml:wire.example.com:20241102:nRTR4512Z", guid);

        Response posted = http.post(EN, EN_KEY, "application/vnd.iptc.g2.newsitem+xml", item);
        Response again = http.post(EN, EN_KEY, "application/xml", item);
        Response killed = http.post(EN, EN_KEY, "application/vnd.iptc.g2.newsitem+xml", kill);

        assertThat(posted.status()).as(posted.body()).isEqualTo(202);
        assertThat(posted.json().get("version").asLong()).isEqualTo(3);
        assertThat(again.status()).isEqualTo(200);
        assertThat(killed.status()).isEqualTo(202);
        assertThat(killed.json().get("pubStatus").asString()).isEqualTo("canceled");
        List<ConsumerRecord<String, RawArticle>> events = eventsFor(posted.json().get("id").asString());
        assertThat(events).hasSize(2);
        RawArticle article = events.getFirst().value();
        assertThat(article.getSourceFormat()).isEqualTo("newsml-g2");
        assertThat(article.getSourceId()).isEqualTo(guid);
        assertThat(article.getHeadline()).isEqualTo("Vietnam's farmers bring in an early autumn rice crop as prices climb");
        assertThat(article.getBodyHtml()).contains("<p>THAI BINH, Vietnam").doesNotContain("<script", "alert(");
        assertThat(article.getBodyText()).contains("6.5 tonnes per hectare & a total harvest");
        assertThat(article.getSubjects()).extracting(s -> s.getCode()).contains("medtop:20000210", "medtop:04000000");
        assertThat(article.getImages()).extracting(i -> i.getHref())
                .containsExactly("https://media.wire.example.com/pictures/rice-harvest-thai-binh.jpg");
        assertThat(events.get(1).value().getPubStatus()).isEqualTo(PubStatus.canceled);
        assertThat(events.get(1).value().getVersion()).isEqualTo(4);
    }

    @Test
    void newsMlG2MessageIsABatchWithOneResultPerItem() {
        String run = UUID.randomUUID().toString();
        String message = Samples.example("g2-newsmessage.xml").replace(":20241102:nVN", ":" + run + ":nVN");

        Response response = http.post(EN + "/batch", EN_KEY, "application/vnd.iptc.g2.newsmessage+xml", message);
        Response single = http.post(EN, EN_KEY, "application/vnd.iptc.g2.newsitem+xml", message);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        assertThat(items).hasSize(3);
        assertThat(items.get(0).get("status").asString()).isEqualTo("refused");
        assertThat(items.get(0).get("problem").get("detail").asString()).contains("packageItem", "holds no article");
        assertThat(items.get(1).get("status").asString()).isEqualTo("accepted");
        assertThat(items.get(2).get("status").asString()).isEqualTo("refused");
        assertThat(items.get(2).get("problem").get("errors").get(0).get("field").asString()).isEqualTo("contentMeta.headline");
        assertThat(single(items.get(1).get("id").asString()).value().getSourceId())
                .isEqualTo("urn:newsml:wire.example.com:" + run + ":nVN0001");
        assertThat(single.status()).isEqualTo(400);
        assertThat(single.json().get("detail").asString()).contains("batch endpoint");
    }

    @Test
    void anRssOrAtomDocumentPushedToTheBatchEndpointIsOneResultPerEntry() {
        String run = UUID.randomUUID().toString();
        String rss = Samples.example("feed.rss").replace("bt-1001", "bt-" + run).replace("-1002.html", "-" + run + ".html");
        String atom = Samples.example("feed.atom").replace("asia/hanoi-metro", "asia/" + run)
                .replace("asia/mekong-tides", "asia/tides-" + run);

        Response rssAnswer = http.post(VI + "/batch", VI_KEY, "application/rss+xml", rss);
        Response atomAnswer = http.post(EN + "/batch", EN_KEY, "application/atom+xml", atom);

        assertThat(rssAnswer.status()).as(rssAnswer.body()).isEqualTo(200);
        JsonNode items = rssAnswer.json().get("items");
        assertThat(items).extracting(i -> i.get("status").asString()).containsExactly("accepted", "accepted", "refused");
        assertThat(single(items.get(0).get("id").asString()).value().getSourceFormat()).isEqualTo("rss");
        assertThat(atomAnswer.json().get("accepted").asInt()).isEqualTo(2);
    }

    @Test
    void hostileXmlIsA400AtOnceAndWritesNothing() {
        long before = written();
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>"
                + "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"x\"><contentMeta><headline>&d;&d;&d;"
                + "</headline></contentMeta></newsItem>";
        String external = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"x\"><contentMeta><headline>&e;"
                + "</headline></contentMeta></newsItem>";
        String deep = "<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"x\">" + "<x>".repeat(50_000)
                + "</x>".repeat(50_000) + "</newsItem>";

        for (String hostile : List.of(laughs, external, deep)) {
            long started = System.nanoTime();
            Response single = http.post(EN, EN_KEY, "application/vnd.iptc.g2.newsitem+xml", hostile);
            Response batch = http.post(EN + "/batch", EN_KEY, "application/vnd.iptc.g2.newsmessage+xml", hostile);
            assertThat(single.status()).as(single.body()).isEqualTo(400);
            assertThat(batch.status()).as(batch.body()).isEqualTo(400);
            assertThat(single.body()).doesNotContain("root:");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(written()).isEqualTo(before);
    }

    @Test
    void bearerTokenAuthenticatesToo() {
        Response response = http.postWithBearer(EN, EN_KEY, "application/json",
                "{\"sourceId\":\"bearer-" + UUID.randomUUID() + "\",\"headline\":\"Bearer\",\"bodyText\":\"Text.\"}");
        assertThat(response.status()).isEqualTo(202);
        assertThat(single(response.json().get("id").asString()).value().getFeed()).isEqualTo("wire-en");
    }

    @Test
    void rateLimitPerFeed() {
        String body = "{\"sourceId\":\"rl-" + UUID.randomUUID() + "\",\"headline\":\"Limited\",\"bodyText\":\"Text.\"}";
        Response first = http.post("/feeds/limited/articles", "key-limited", "application/json", body);
        Response second = http.post("/feeds/limited/articles", "key-limited", "application/json", body);
        long written = written();

        Response third = http.post("/feeds/limited/articles", "key-limited", "application/json",
                body.replace("Limited", "Limited again"));
        Response otherFeed = http.post(EN, EN_KEY, "application/json", body);

        assertThat(first.status()).isEqualTo(202);
        assertThat(second.status()).isEqualTo(200);
        assertThat(third.status()).isEqualTo(429);
        assertThat(Long.parseLong(third.header("Retry-After"))).isPositive();
        assertThat(third.json().get("type").asString()).endsWith("/rate-limited");
        assertThat(otherFeed.status()).isEqualTo(202);
        assertThat(written()).isEqualTo(written + 1);
    }

    @Test
    void metricsCountOutcomesAndHealthShowsKafka() {
        http.post(EN, EN_KEY, "application/json", "{\"sourceId\":\"m-" + UUID.randomUUID() + "\",\"headline\":\"M\"}");
        http.post(EN, EN_KEY, "application/json", "{\"sourceId\":\"m\"}");

        JsonNode accepted = new IngestHttp(managementPort).get("/actuator/metrics/ingest.articles?tag=feed:wire-en&tag=outcome:accepted").json();
        JsonNode refused = new IngestHttp(managementPort).get("/actuator/metrics/ingest.articles.refused?tag=reason:malformed-input").json();
        JsonNode latency = new IngestHttp(managementPort).get("/actuator/metrics/ingest.article.latency").json();
        Response prometheus = new IngestHttp(managementPort).get("/actuator/prometheus");
        JsonNode health = new IngestHttp(managementPort).get("/actuator/health").json();
        // nothing of the actuator on the port feeds reach
        assertThat(http.get("/actuator/health").status()).isEqualTo(404);
        assertThat(http.get("/actuator/prometheus").status()).isEqualTo(404);

        assertThat(accepted.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(refused.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
        assertThat(latency.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(2);
        assertThat(prometheus.body()).contains("ingest_articles_total{", "ingest_articles_known",
                "ingest_kafka_send_seconds");
        // the producer's own meters, bound by Boot to the producer factory
        assertThat(prometheus.body()).contains("kafka_producer_record_send_total", "kafka_producer_request_latency_avg");
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("components").get("kafka").get("details").get("topics").valueStream().map(JsonNode::asString))
                .contains(TOPIC);
    }

    @Test
    void openApiHasAnExampleForEveryFormatAndProblemResponses() {
        JsonNode docs = http.get("/v3/api-docs").json();

        JsonNode post = docs.get("paths").get("/feeds/{feed}/articles").get("post");
        JsonNode content = post.get("requestBody").get("content");
        for (String type : List.of("application/json", "application/ninjs+json", "application/vnd.iptc.ninjs+json",
                "text/plain", "text/html", "application/vnd.iptc.g2.newsitem+xml", "application/xml")) {
            assertThat(content.get(type).get("examples")).as(type).isNotEmpty();
        }
        assertThat(content.get("application/ninjs+json").get("examples").get("canceled")).isNotNull();
        assertThat(content.get("text/plain").get("examples").get("example").get("value").asString()).contains("Tin cùng chuyên mục");
        for (String status : List.of("202", "200", "400", "401", "403", "409", "413", "415", "429", "503")) {
            assertThat(post.get("responses").get(status)).as(status).isNotNull();
        }
        assertThat(post.get("responses").get("503").get("content").get("application/problem+json")).isNotNull();
        JsonNode batch = docs.get("paths").get("/feeds/{feed}/articles/batch").get("post").get("requestBody").get("content");
        assertThat(batch.get("application/x-ndjson").get("examples")).isNotEmpty();
        assertThat(batch.get("application/vnd.iptc.g2.newsmessage+xml").get("examples")).isNotEmpty();
        assertThat(batch.get("application/rss+xml").get("examples")).isNotEmpty();
        assertThat(batch.get("application/atom+xml").get("examples")).isNotEmpty();
        assertThat(docs.get("components").get("securitySchemes").get("apiKey").get("name").asString()).isEqualTo("X-Api-Key");
    }

    private long written() {
        return TestTopics.endOffsetSum(servers.kafkaBootstrapServers(), TOPIC);
    }

    private List<ConsumerRecord<String, RawArticle>> eventsFor(String id) {
        return TestTopics.readAll(kafka, servers.kafkaBootstrapServers(), TestTopics.raw(TOPIC)).stream()
                .filter(r -> id.equals(r.key())).toList();
    }

    /** The bytes on the wire of an event read decoded. */
    private byte[] bytesOf(ConsumerRecord<?, ?> event) {
        try (TopicClient.Reader<byte[]> reader = kafka.bytesReader(TOPIC)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : reader.poll()) {
                    if (r.partition() == event.partition() && r.offset() == event.offset()) {
                        return r.value();
                    }
                }
            }
        }
        throw new AssertionError("no bytes read for partition " + event.partition() + " offset " + event.offset());
    }

    private ConsumerRecord<String, RawArticle> single(String id) {
        return single(id, 1).getFirst();
    }

    private List<ConsumerRecord<String, RawArticle>> single(String id, int expected) {
        List<ConsumerRecord<String, RawArticle>> events = eventsFor(id);
        assertThat(events).hasSize(expected);
        return events;
    }
}

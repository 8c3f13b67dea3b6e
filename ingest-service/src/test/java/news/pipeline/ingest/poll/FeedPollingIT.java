package news.pipeline.ingest.poll;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.identity.ArticleIds;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.IngestInstance;
import news.pipeline.ingest.support.Samples;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * RSS and Atom feeds served by a local HTTP server in the test, polled by a running ingest-service onto the real
 * broker: new, unchanged and changed entries, conditional GET, pages fetched for summary-only entries, a server
 * error, a slow server and a host off the allow-list.
 */
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedPollingIT {

    static final String TOPIC = TestTopics.rawTopic("polling");

    private HttpServer server;
    private final AtomicReference<String> rss = new AtomicReference<>(Samples.example("feed.rss"));
    private final AtomicInteger rssStatus = new AtomicInteger(200);
    private final List<String> rssConditions = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final CountDownLatch testOver = new CountDownLatch(1);
    private ConfigurableApplicationContext ingest;
    private FeedPoller poller;
    private Endpoints servers;

    @BeforeAll
    void start(Endpoints servers) throws IOException {
        this.servers = servers;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rss", exchange -> {
            String body = rss.get();
            String etag = "\"" + Integer.toHexString(body.hashCode()) + "\"";
            rssConditions.add(String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match")));
            if (rssStatus.get() != 200) {
                answer(exchange, rssStatus.get(), "text/plain", "broken");
            } else if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
            } else {
                exchange.getResponseHeaders().add("ETag", etag);
                answer(exchange, 200, "application/rss+xml; charset=utf-8", body);
            }
        });
        server.createContext("/atom", exchange -> answer(exchange, 200, "application/atom+xml",
                Samples.example("feed.atom").replace("https://wire.example.com/asia/mekong-tides-2024-11-02",
                        "http://127.0.0.1:" + port() + "/pages/mekong-tides")));
        server.createContext("/pages/mekong-tides", exchange -> answer(exchange, 200, "text/html; charset=utf-8", """
                <html lang="en"><head><title>Mekong delta braces for high tides</title></head><body><article>
                <h1>Mekong delta braces for high tides</h1>
                <div class="article-body"><p>CAN THO - Authorities in the Mekong delta warned on Saturday that the year's
                highest tides could flood parts of Can Tho city this weekend.</p>
                <p>Residents were told to move valuables off the ground floor.</p></div></article></body></html>"""));
        server.createContext("/slow", exchange -> {
            try { // a server that answers only once the test is over: long after the poller's timeout
                testOver.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "application/rss+xml", rss.get());
        });
        server.createContext("/often", exchange -> {
            hits.computeIfAbsent("often", k -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        String base = "http://127.0.0.1:" + port();
        ingest = IngestInstance.start(servers, TOPIC,
                "--ingest.feeds.rss-site.default-language=vi",
                "--ingest.feeds.rss-site.source-time-zone=Asia/Ho_Chi_Minh",
                "--ingest.feeds.rss-site.poll.url=" + base + "/rss",
                "--ingest.feeds.rss-site.poll.interval=1h",
                "--ingest.feeds.atom-site.poll.url=" + base + "/atom",
                "--ingest.feeds.atom-site.poll.interval=1h",
                "--ingest.feeds.atom-site.poll.fetch-pages=true",
                "--ingest.feeds.slow-site.poll.url=" + base + "/slow",
                "--ingest.feeds.slow-site.poll.interval=1h",
                "--ingest.feeds.slow-site.poll.timeout=500ms",
                "--ingest.feeds.foreign-site.poll.url=" + base + "/rss",
                "--ingest.feeds.foreign-site.poll.interval=1h",
                "--ingest.feeds.foreign-site.poll.allowed-hosts=feeds.example.org",
                "--ingest.feeds.often-site.poll.url=" + base + "/often",
                "--ingest.feeds.often-site.poll.interval=200ms");
        poller = ingest.getBean(FeedPoller.class);
    }

    @AfterAll
    void stop() {
        testOver.countDown();
        if (ingest != null) {
            ingest.close();
        }
        server.stop(0);
        TestTopics.delete(RealServersExtension.endpoints().kafkaBootstrapServers(), TOPIC);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private List<ConsumerRecord<String, RawArticle>> events(String feed, String sourceId, String uri) {
        String id = ArticleIds.of(feed, sourceId, uri, null).id();
        try (TopicClient kafka = new TopicClient(servers)) {
            return TestTopics.readAll(kafka, servers.kafkaBootstrapServers(), TestTopics.raw(TOPIC)).stream()
                    .filter(r -> id.equals(r.key())).toList();
        }
    }

    private JsonNode pollingHealth(String feed) {
        return new IngestHttp(IngestInstance.managementPort(ingest)).get("/actuator/health/polling").json()
                .get("details").get(feed);
    }

    @Test
    void newEntriesAreWrittenThenANotModifiedFeedWritesNothingAndAChangedEntryIsANewVersion() {
        // the first poll runs on its own at start
        await().atMost(Duration.ofSeconds(30)).until(() -> pollingHealth("rss-site").get("entriesNew").asInt() == 2);
        assertThat(pollingHealth("rss-site").get("entriesRefused").asInt()).isEqualTo(1);
        List<ConsumerRecord<String, RawArticle>> first = events("rss-site", "bt-1001", null);
        assertThat(first).hasSize(1);
        RawArticle article = first.getFirst().value();
        assertThat(article.getSourceFormat()).isEqualTo("rss");
        assertThat(article.getHeadline()).isEqualTo("Nông dân Thái Bình thu hoạch lúa mùa sớm");
        assertThat(article.getBodyHtml()).contains("Năng suất ước đạt 6,5 tấn/ha").doesNotContain("<script");
        assertThat(article.getLanguage()).isEqualTo("vi");

        FeedPoller.PollResult notModified = poller.pollOnce("rss-site");
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(rssConditions.getLast()).startsWith("\""); // the ETag of the first answer was sent back
        assertThat(events("rss-site", "bt-1001", null)).hasSize(1);

        rss.set(rss.get().replace("thu hoạch lúa mùa sớm</title>", "thu hoạch lúa mùa sớm một tuần</title>"));
        FeedPoller.PollResult changed = poller.pollOnce("rss-site");

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.changed()).isEqualTo(1);
        assertThat(changed.unchanged()).isEqualTo(1);
        assertThat(changed.added()).isZero();
        assertThat(changed.refused()).isEqualTo(1);
        List<ConsumerRecord<String, RawArticle>> both = events("rss-site", "bt-1001", null);
        assertThat(both).hasSize(2);
        assertThat(both.get(1).value().getHeadline()).endsWith("một tuần");
        assertThat(both.get(1).value().getVersion()).isGreaterThan(both.get(0).value().getVersion());
    }

    @Test
    void aServerErrorIsShownAndWritesNothingAndTheNextGoodPollCarriesOn() {
        await().atMost(Duration.ofSeconds(30)).until(() -> !pollingHealth("rss-site").get("lastSuccess").asString().equals("never"));
        long before = TestTopics.endOffsetSum(servers.kafkaBootstrapServers(), TOPIC);
        rssStatus.set(500);
        FeedPoller.PollResult failed = poller.pollOnce("rss-site");
        rssStatus.set(200);

        assertThat(failed.error()).contains("answered 500");
        assertThat(pollingHealth("rss-site").get("error").asString()).contains("answered 500");
        assertThat(TestTopics.endOffsetSum(servers.kafkaBootstrapServers(), TOPIC)).isEqualTo(before);
        FeedPoller.PollResult next = poller.pollOnce("rss-site");
        assertThat(next.error()).isNull();
        assertThat(pollingHealth("rss-site").get("error").asString()).isEqualTo("none");
    }

    @Test
    void aSummaryOnlyAtomEntryIsCompletedFromItsPage() {
        await().atMost(Duration.ofSeconds(30)).until(() -> pollingHealth("atom-site").get("entriesNew").asInt() == 2);

        RawArticle metro = events("atom-site", "tag:wire.example.com,2024:asia/hanoi-metro", null).getFirst().value();
        assertThat(metro.getSourceFormat()).isEqualTo("atom");
        assertThat(metro.getBodyText()).contains("Officials expect 60,000 passengers a day.");
        RawArticle tides = events("atom-site", "tag:wire.example.com,2024:asia/mekong-tides", null).getFirst().value();
        assertThat(tides.getBodyText()).contains("highest tides could flood parts of Can Tho",
                "move valuables off the ground floor");
        assertThat(tides.getUri()).isEqualTo("http://127.0.0.1:" + port() + "/pages/mekong-tides");
    }

    @Test
    void aSlowServerTimesOutAndAHostOffTheListIsNeverAsked() {
        long started = System.nanoTime();
        FeedPoller.PollResult slow = poller.pollOnce("slow-site");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        FeedPoller.PollResult foreign = poller.pollOnce("foreign-site");

        assertThat(slow.error()).contains("cannot fetch").containsIgnoringCase("timed out");
        assertThat(took).isLessThan(Duration.ofMillis(2500));
        assertThat(foreign.error()).contains("refused", "127.0.0.1 is not allow-listed");
        assertThat(pollingHealth("foreign-site").get("lastSuccess").asString()).isEqualTo("never");
    }

    @Test
    void feedsArePolledOnTheirSchedule() {
        await().atMost(Duration.ofSeconds(10)).until(() -> hits.getOrDefault("often", new AtomicInteger()).get() >= 5);
        String metrics = new IngestHttp(IngestInstance.managementPort(ingest)).get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("ingest_poll_requests_total\\{[^}]*feed=\"often-site\"[^}]*outcome=\"not-modified\"");
        assertThat(metrics).contains("ingest_poll_last_success_age_seconds{", "ingest_poll_entries_total{");
    }
}

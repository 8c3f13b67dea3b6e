package news.pipeline.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.identity.ArticleStateStore;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

/**
 * The state rebuild waits out a registry outage instead of skipping the records it cannot decode yet:
 * the registry answers 503 for a while (a stand-in in front of the real one), then comes back, and every
 * article is known.
 */
@RealServers
class RawTopicStateLoaderIT {

    @Test
    void registryOutageDuringTheRebuildIsWaitedOutNotSkipped(Endpoints servers) throws IOException {
        String name = TestTopics.rawTopic("loader");
        RawArticle article = RawArticle.newBuilder().setId("f-" + UUID.randomUUID()).setFeed("f").setVersion(7)
                .setVersionCreated(Instant.EPOCH).setPubStatus(PubStatus.usable).setHeadline("h")
                .setReceivedAt(Instant.EPOCH).setContentHash("hash-1").setSourceFormat("json").build();
        HttpServer registry = flakyRegistry(servers.schemaRegistryUrl(), Duration.ofSeconds(3));
        try (TopicClient kafka = new TopicClient(servers)) {
            TopicSpec<RawArticle> topic = kafka.create(Topics.RAW_ARTICLES, name);
            kafka.send(topic, article.getId(), article);
            ArticleStateStore store = new ArticleStateStore();
            long start = System.nanoTime();

            new RawTopicStateLoader(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, servers.kafkaBootstrapServers()),
                    Map.of("schema.registry.url", "http://127.0.0.1:" + registry.getAddress().getPort()
                            + URI.create(servers.schemaRegistryUrl()).getPath(), "schema.registry.max.retries", "0"),
                    topic, Duration.ofSeconds(30)).load(store);

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(store.get(article.getId())).hasValueSatisfying(state -> {
                assertThat(state.version()).isEqualTo(7);
                assertThat(state.contentHash()).isEqualTo("hash-1");
            });
        } finally {
            registry.stop(0);
            TestTopics.delete(servers.kafkaBootstrapServers(), name);
        }
    }

    /** Answers 503 for {@code outage} from its first request on, then forwards GETs to the real registry. */
    private static HttpServer flakyRegistry(String realUrl, Duration outage) throws IOException {
        URI real = URI.create(realUrl);
        HttpClient http = HttpClient.newHttpClient();
        long[] firstRequest = {0};
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            synchronized (firstRequest) {
                if (firstRequest[0] == 0) {
                    firstRequest[0] = System.nanoTime();
                }
            }
            byte[] body;
            int status;
            if (System.nanoTime() - firstRequest[0] < outage.toNanos()) {
                status = 503;
                body = "{\"error_code\":50301,\"message\":\"down for the test\"}".getBytes();
            } else {
                try {
                    HttpResponse<byte[]> answer = http.send(HttpRequest.newBuilder(real.resolve(exchange.getRequestURI()
                            .getRawPath())).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                    status = answer.statusCode();
                    body = answer.body();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    status = 503;
                    body = new byte[0];
                }
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        return server;
    }
}

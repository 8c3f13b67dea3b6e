package news.pipeline.publish.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import news.pipeline.publish.health.ElasticsearchHealthIndicator;
import news.pipeline.publish.support.TestArticles;
import news.pipeline.publish.support.TestSetup;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Elasticsearch client is Spring Boot's, configured by {@code spring.elasticsearch.*}: the credentials set
 * there reach the cluster. The local node has no security module, so a proxy in front of it plays a secured
 * cluster: it answers 401 with a Basic challenge unless the request carries the expected user and password.
 */
@RealServers
class ElasticsearchCredentialsIT {

    private static final String USER = "publisher";
    private static final String PASSWORD = "s3cret-" + System.nanoTime();

    @Test
    void theConfiguredUserAndPasswordAreSentAndArticlesGetIndexed(Endpoints servers) throws Exception {
        try (SecuredProxy proxy = new SecuredProxy(servers.elasticsearchUrl(), USER, PASSWORD);
             TestSetup setup = TestSetup.create(servers, "credentials")) {
            ConfigurableApplicationContext app = startBehind(setup, proxy, PASSWORD);
            setup.awaitIndexReady();
            setup.send(TestArticles.article("secured-1", 1), TestArticles.article("secured-2", 1));

            await().atMost(Duration.ofSeconds(30)).until(() -> setup.es.doc(setup.alias, "secured-2") != null);
            assertThat(setup.es.doc(setup.alias, "secured-1")).isNotNull();
            assertThat(proxy.authorised.get()).as("requests let through with the right credentials").isPositive();
            assertThat(app.getBean(ElasticsearchHealthIndicator.class).health(false).getStatus()).isEqualTo(Status.UP);
        }
    }

    @Test
    void aWrongPasswordLeavesElasticsearchDownInHealthAndIndexesNothing(Endpoints servers) throws Exception {
        try (SecuredProxy proxy = new SecuredProxy(servers.elasticsearchUrl(), USER, PASSWORD);
             TestSetup setup = TestSetup.create(servers, "bad-credentials")) {
            ConfigurableApplicationContext app = startBehind(setup, proxy, "wrong");
            ElasticsearchHealthIndicator health = app.getBean(ElasticsearchHealthIndicator.class);

            await().atMost(Duration.ofSeconds(20)).until(() -> proxy.refused.get() > 0);
            assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN);
            assertThat(proxy.authorised.get()).isZero();
        }
    }

    /** The service, talking to Elasticsearch through the proxy as USER with the password given. */
    private static ConfigurableApplicationContext startBehind(TestSetup setup, SecuredProxy proxy, String password) {
        return setup.startApp(Map.of("spring.elasticsearch.uris", proxy.url(), "spring.elasticsearch.username", USER,
                "spring.elasticsearch.password", password));
    }

    /** Forwards authorised requests to the real node, answers 401 with a challenge to the others. */
    private static final class SecuredProxy implements AutoCloseable {
        private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding",
                "host", "keep-alive", "upgrade");

        final AtomicInteger authorised = new AtomicInteger();
        final AtomicInteger refused = new AtomicInteger();
        private final HttpServer server;
        private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String target;
        private final String expected;

        SecuredProxy(String target, String user, String password) throws IOException {
            this.target = target.replaceAll("/+$", "");
            this.expected = "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", this::handle);
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange; InputStream in = exchange.getRequestBody()) {
                byte[] body = in.readAllBytes();
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    refused.incrementAndGet();
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                authorised.incrementAndGet();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                        .method(exchange.getRequestMethod(), body.length == 0
                                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
                for (String header : List.of("Content-Type", "Accept")) {
                    String value = exchange.getRequestHeaders().getFirst(header);
                    if (value != null) {
                        request.header(header, value);
                    }
                }
                HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                response.headers().map().forEach((name, values) -> {
                    if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                        exchange.getResponseHeaders().put(name, values);
                    }
                });
                byte[] answer = response.body();
                exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
                if (answer.length > 0) {
                    exchange.getResponseBody().write(answer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

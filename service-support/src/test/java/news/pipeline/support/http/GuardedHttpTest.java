package news.pipeline.support.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SSRF rules and the redirect, status and size handling, against a local server. */
class GuardedHttpTest {

    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed", exchange -> {
            if ("\"v1\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            byte[] body = "<rss/>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("ETag", "\"v1\"");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "/feed");
            exchange.sendResponseHeaders(301, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://localhost:" + port() + "/feed");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked: no Content-Length to refuse early
            exchange.getResponseBody().write(new byte[50_000]);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Test
    void aListedHostIsFetchedAndAConditionalGetAnswers304WithoutBody() throws Exception {
        GuardedHttp http = new GuardedHttp(List.of("127.0.0.1"), Duration.ofSeconds(3), 10_000);

        GuardedHttp.Response first = http.get(url("/feed"), Map.of());
        GuardedHttp.Response second = http.get(url("/feed"), Map.of("If-None-Match", "\"v1\""));

        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo("<rss/>");
        assertThat(first.header("ETag")).contains("\"v1\"");
        assertThat(second.status()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
    }

    @Test
    void aSameOriginRedirectIsFollowedAndOneToAnotherHostRefused() throws Exception {
        GuardedHttp http = new GuardedHttp(List.of("127.0.0.1", "localhost"), Duration.ofSeconds(3), 10_000);

        assertThat(http.get(url("/moved"), Map.of()).uri().getPath()).isEqualTo("/feed");
        assertThatThrownBy(() -> http.get(url("/elsewhere"), Map.of())).isInstanceOf(GuardedHttp.Refused.class)
                .hasMessageContaining("to another host (localhost) refused");
    }

    @Test
    void hostsOffTheListNamesResolvingToUnlistedPrivateAddressesAndOtherSchemesAreRefused() throws Exception {
        GuardedHttp onlyName = new GuardedHttp(List.of("localhost"), Duration.ofSeconds(3), 10_000);
        GuardedHttp other = new GuardedHttp(List.of("media.example.org"), Duration.ofSeconds(3), 10_000);

        // refused where the connection resolves the name, before any byte is sent
        assertThatThrownBy(() -> onlyName.get("http://localhost:" + port() + "/feed", Map.of()))
                .isInstanceOf(GuardedHttp.Refused.class).hasMessageContaining("non-public address");
        assertThat(onlyName.checked("http://localhost:" + port() + "/feed").getHost()).isEqualTo("localhost");
        assertThatThrownBy(() -> other.get(url("/feed"), Map.of())).hasMessageContaining("127.0.0.1 is not allow-listed");
        assertThatThrownBy(() -> other.checked("file:///etc/passwd")).hasMessageContaining("scheme file refused");
    }

    @Test
    void aBodyOverTheCapIsRefusedWhileReading() {
        GuardedHttp http = new GuardedHttp(List.of("127.0.0.1"), Duration.ofSeconds(3), 10_000);

        assertThatThrownBy(() -> http.get(url("/big"), Map.of())).isInstanceOf(GuardedHttp.Refused.class)
                .hasMessageContaining("over the 10000-byte cap");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.1.2.3", "10.0.0.1", "100.64.0.1", "127.0.0.1", "169.254.169.254", "172.16.0.1",
            "192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.51.100.7", "203.0.113.9",
            "224.0.0.1", "240.0.0.1", "255.255.255.255", "::", "::1", "::ffff:127.0.0.1", "::7f00:1", "fc00::1",
            "fd12:3456::1", "fe80::1", "fec0::1", "ff02::1", "64:ff9b::a00:1", "64:ff9b:1::1", "100::1",
            "2001::1", "2001:db8::1", "2002:a00:1::1"})
    void specialPurposeAddressesAreNotPublic(String address) throws Exception {
        assertThat(GuardedHttp.isNonPublic(InetAddress.getByName(address))).as(address).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.1.1.1", "8.8.8.8", "100.63.255.255", "100.128.0.1", "192.0.1.1", "192.169.0.1",
            "198.20.0.1", "203.0.114.1", "223.255.255.1", "2606:4700:4700::1111", "2a00:1450:4001::200e", "2001:4860::8888"})
    void publicAddressesArePublic(String address) throws Exception {
        assertThat(GuardedHttp.isNonPublic(InetAddress.getByName(address))).as(address).isFalse();
    }
}

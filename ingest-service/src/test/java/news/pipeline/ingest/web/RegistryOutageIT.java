package news.pipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.IngestHttp.Response;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The schema registry cannot be reached (nothing listens at its address): 503 with Retry-After, nothing written. */
@RealServers
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class RegistryOutageIT {

    static final String TOPIC = TestTopics.rawTopic("registry");

    @AfterAll
    static void deleteTopic() {
        TestTopics.delete(RealServersExtension.endpoints().kafkaBootstrapServers(), TOPIC);
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("pipeline.topics.raw", () -> TOPIC);
        registry.add("spring.kafka.bootstrap-servers", () -> RealServersExtension.endpoints().kafkaBootstrapServers());
        registry.add("pipeline.schema-registry.url", () -> "http://127.0.0.1:" + closedPort() + "/apis/ccompat/v7");
    }

    @LocalServerPort
    int port;

    @Test
    void unreachableRegistryGives503AndNothingIsWritten(Endpoints servers) {
        IngestHttp http = new IngestHttp(port);

        Response response = http.post("/feeds/wire-en/articles", "dev-key-wire-en", "application/json",
                "{\"sourceId\":\"reg-" + UUID.randomUUID() + "\",\"headline\":\"Registry down\",\"bodyText\":\"Text.\"}");

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("5");
        assertThat(response.json().get("type").asString()).endsWith("/unavailable");
        assertThat(response.json().get("detail").asString()).contains("schema registry unavailable");
        assertThat(TestTopics.endOffsetSum(servers.kafkaBootstrapServers(), TOPIC)).isZero();
    }

    /** A port nothing listens on: bound once by the OS, then released. */
    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

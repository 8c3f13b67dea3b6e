package news.pipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.support.IngestHttp.Response;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.StandaloneKafkaBroker;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Kafka goes away while the service runs: posts are answered 503 with Retry-After and nothing is
 * written; once the broker is back, the same post goes through. The broker is one this test starts
 * and stops itself (the shared stack is never touched); the registry is the shared one.
 */
@RealServers
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // a shorter send budget, so the outage is answered sooner: the producer's verdict comes within it
        "ingest.kafka.send-timeout=3s",
        "spring.kafka.producer.properties[max.block.ms]=3000",
        "spring.kafka.producer.properties[request.timeout.ms]=2500",
        "spring.kafka.producer.properties[delivery.timeout.ms]=3000"})
@DirtiesContext
class BrokerOutageIT {

    static final String TOPIC = TestTopics.rawTopic("outage");
    static final String EN = "/feeds/wire-en/articles";
    static final String KEY = "dev-key-wire-en";
    private static StandaloneKafkaBroker broker;

    static synchronized StandaloneKafkaBroker broker() {
        if (broker == null) {
            broker = StandaloneKafkaBroker.start();
        }
        return broker;
    }

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("pipeline.topics.raw", () -> TOPIC);
        registry.add("spring.kafka.bootstrap-servers", () -> broker().bootstrapServers());
        registry.add("pipeline.schema-registry.url", () -> RealServersExtension.endpoints().schemaRegistryUrl());
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
            broker = null;
        }
    }

    @LocalServerPort
    int port;

    /** The actuator answers on a port of its own. */
    @LocalManagementPort
    int managementPort;

    @Test
    void brokerDownGives503AndBrokerBackLetsTheSamePostThrough() {
        IngestHttp http = new IngestHttp(port);
        Endpoints shared = RealServersExtension.endpoints();
        Endpoints servers = new Endpoints(broker().bootstrapServers(), shared.schemaRegistryUrl(), shared.elasticsearchUrl());
        String before = article("before-" + UUID.randomUUID(), "Posted while Kafka is up");
        String during = article("during-" + UUID.randomUUID(), "Posted while Kafka is down");

        Response accepted = http.post(EN, KEY, "application/json", before);
        assertThat(accepted.status()).isEqualTo(202);

        broker().stop();
        Response refused = http.post(EN, KEY, "application/json", during);

        assertThat(refused.status()).as(refused.body()).isEqualTo(503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.json().get("type").asString()).isEqualTo("https://news-pipeline.example/problems/unavailable");
        assertThat(refused.json().get("detail").asString()).contains("Kafka", "nothing was written");
        assertThat(new IngestHttp(managementPort).get("/actuator/health").json().get("components").get("kafka").get("status").asString())
                .isEqualTo("DOWN");

        broker().restart();
        // a feed honouring Retry-After posts the same article again until the service takes it
        Response[] retried = new Response[1];
        await("the same post accepted once Kafka is back").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    retried[0] = http.post(EN, KEY, "application/json", during);
                    return retried[0].status() != 503;
                });

        assertThat(retried[0].status()).as(retried[0].body()).isEqualTo(202);
        String duringId = retried[0].json().get("id").asString();
        List<ConsumerRecord<String, RawArticle>> events;
        try (TopicClient kafka = new TopicClient(servers)) {
            events = TestTopics.readAll(kafka, servers.kafkaBootstrapServers(), TestTopics.raw(TOPIC));
        }
        assertThat(events).filteredOn(e -> e.key().equals(accepted.json().get("id").asString())).hasSize(1);
        assertThat(events).filteredOn(e -> e.key().equals(duringId)).isNotEmpty()
                .allSatisfy(e -> assertThat(e.value().getVersion()).isEqualTo(retried[0].json().get("version").asLong()));
        // and the service now knows it: posting it again writes nothing
        assertThat(http.post(EN, KEY, "application/json", during).status()).isEqualTo(200);
    }

    private static String article(String sourceId, String headline) {
        return "{\"sourceId\":\"" + sourceId + "\",\"headline\":\"" + headline + "\",\"bodyText\":\"Text.\"}";
    }
}

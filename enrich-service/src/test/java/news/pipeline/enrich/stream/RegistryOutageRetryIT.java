package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import news.pipeline.enrich.EnrichServiceApplication;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.TopicClient;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A transient failure is retried with backoff, not dead-lettered: while the schema registry cannot
 * be reached (the service reaches it through a relay the test takes down), a raw article waits;
 * once the registry is back, the same record is enriched and nothing lands in the dead-letter topic.
 */
@RealServers
@SpringBootTest(classes = EnrichServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RegistryOutageRetryIT {

    private final TopicClient kafka = RealServersExtension.topicClient();

    private RecordMetadata send(RawArticle article) {
        return kafka.send(Topics.RAW_ARTICLES.named(RAW), article.getId(), article);
    }

    static final String RAW = TopicClient.unique("it-outage-raw");
    static final String ENRICHED = TopicClient.unique("it-outage-enriched");
    static final String DLT = TopicClient.unique("it-outage-dlt");
    static final TcpProxy REGISTRY = relayToTheRegistry();

    static TcpProxy relayToTheRegistry() {
        URI registry = URI.create(RealServersExtension.endpoints().schemaRegistryUrl());
        try {
            return new TcpProxy(registry.getHost(), registry.getPort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Endpoints endpoints = RealServersExtension.endpoints();
        URI real = URI.create(endpoints.schemaRegistryUrl());
        registry.add("spring.kafka.bootstrap-servers", endpoints::kafkaBootstrapServers);
        registry.add("pipeline.schema-registry.url", () -> "http://127.0.0.1:" + REGISTRY.port() + real.getPath());
        registry.add("pipeline.topics.raw", () -> RAW);
        registry.add("pipeline.topics.enriched", () -> ENRICHED);
        registry.add("pipeline.topics.raw-dlt", () -> DLT);
        registry.add("enrich.consumer-group", () -> TopicClient.unique("it-outage"));
        // a retry budget of about half a second, far shorter than the outage below: a transient cause is
        // retried beyond it (with max-attempts alone the record was dead-lettered after 0.5 s)
        registry.add("spring.cloud.stream.bindings.enrich-in-0.consumer.max-attempts", () -> "2");
    }

    @AfterAll
    static void closeRelay() throws Exception {
        REGISTRY.close();
    }

    @Test
    void aRecordWaitsOutARegistryOutageAndIsEnrichedAfterIt(Endpoints endpoints) throws Exception {
        String id = TopicClient.unique("outage");
        try (var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED)); var dead = kafka.bytesReader(DLT)) {
            REGISTRY.down();
            send(SeedArticle.other(id, "vi", "Hội nghị triển khai nhiệm vụ năm 2020",
                    "Ban Chỉ đạo tổng kết năm 2019.", "Các đại biểu dự hội nghị.", Instant.parse("2019-12-20T02:00:00Z")));

            // registry unreachable: nothing comes out, nothing is dead-lettered, for as long as it lasts
            await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(10))
                    .until(() -> enriched.withKey(id).isEmpty() && dead.withKey(id).isEmpty());

            REGISTRY.up();

            await().atMost(Duration.ofSeconds(60)).until(() -> !enriched.withKey(id).isEmpty());
            assertThat(enriched.withKey(id)).hasSize(1);
            assertThat(enriched.withKey(id).getFirst().value().getArticle().getHeadline())
                    .isEqualTo("Hội nghị triển khai nhiệm vụ năm 2020");
            assertThat(dead.withKey(id)).isEmpty();
        }
    }
}

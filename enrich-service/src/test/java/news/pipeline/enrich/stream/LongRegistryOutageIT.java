package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import news.pipeline.enrich.EnrichServiceApplication;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A registry outage of more than a minute, ten times the retry budget of other failures (4 attempts, about
 * 7.5 s), with enrich-service restarted in the middle of it: the raw record waits through both instances and
 * is enriched once the registry is back; nothing is dead-lettered.
 */
@RealServers
class LongRegistryOutageIT {

    static final String RAW = TopicClient.unique("it-long-outage-raw");
    static final String ENRICHED = TopicClient.unique("it-long-outage-enriched");
    static final String DLT = TopicClient.unique("it-long-outage-dlt");
    static final String GROUP = TopicClient.unique("it-long-outage");

    @Test
    void aRecordWaitsOutAMinuteLongOutageAcrossARestart(Endpoints endpoints) throws Exception {
        TopicClient kafka = RealServersExtension.topicClient();
        URI registry = URI.create(endpoints.schemaRegistryUrl());
        String id = TopicClient.unique("long-outage");
        try (TcpProxy relay = new TcpProxy(registry.getHost(), registry.getPort())) {
            String registryUrl = "http://127.0.0.1:" + relay.port() + registry.getPath();
            ConfigurableApplicationContext first = start(endpoints, registryUrl); // creates the topics read below
            try (var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED)); var dead = kafka.bytesReader(DLT)) {
                relay.down();
                // enrich reaches the registry through the relay; the test writes the record through the registry itself
                kafka.send(Topics.RAW_ARTICLES.named(RAW), id, SeedArticle.other(id, "vi", "Hội nghị tổng kết năm 2020",
                        "Ban Chỉ đạo tổng kết năm 2019.", "Các đại biểu dự hội nghị.", Instant.parse("2019-12-20T02:00:00Z")));
                await().during(Duration.ofSeconds(35)).atMost(Duration.ofSeconds(40))
                        .until(() -> enriched.withKey(id).isEmpty() && dead.withKey(id).isEmpty());
                first.close(); // the restart, in the middle of the outage

                try (ConfigurableApplicationContext second = start(endpoints, registryUrl)) {
                    await().during(Duration.ofSeconds(35)).atMost(Duration.ofSeconds(40))
                            .until(() -> enriched.withKey(id).isEmpty() && dead.withKey(id).isEmpty());

                    relay.up();

                    await().atMost(Duration.ofSeconds(60)).until(() -> !enriched.withKey(id).isEmpty());
                    assertThat(enriched.withKey(id)).hasSize(1);
                    assertThat(enriched.withKey(id).getFirst().value().getArticle().getHeadline())
                            .isEqualTo("Hội nghị tổng kết năm 2020");
                    assertThat(dead.withKey(id)).isEmpty();
                }
            } finally {
                first.close();
            }
        }
    }

    private static ConfigurableApplicationContext start(Endpoints endpoints, String registryUrl) {
        return new SpringApplicationBuilder(EnrichServiceApplication.class).web(WebApplicationType.NONE).run(
                "--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
                "--pipeline.schema-registry.url=" + registryUrl,
                "--pipeline.topics.raw=" + RAW,
                "--pipeline.topics.enriched=" + ENRICHED,
                "--pipeline.topics.raw-dlt=" + DLT,
                "--enrich.consumer-group=" + GROUP);
    }
}

package news.pipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.IngestHttp.Response;
import news.pipeline.ingest.support.IngestInstance;
import news.pipeline.ingest.support.Samples;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A feed that sends nothing for longer than its quiet-after turns the service's health QUIET, answered 200
 * and without touching readiness, until its next article.
 */
@RealServers
class FeedGoneQuietIT {

    static final String TOPIC = TestTopics.rawTopic("quiet");

    @AfterAll
    static void deleteTopic() {
        TestTopics.delete(RealServersExtension.endpoints().kafkaBootstrapServers(), TOPIC);
    }

    @Test
    void aQuietFeedShowsInHealthUntilItsNextArticle(Endpoints servers) {
        try (ConfigurableApplicationContext ingest = IngestInstance.start(servers, TOPIC,
                "--ingest.feeds.baothaibinh.quiet-after=2s")) {
            IngestHttp management = new IngestHttp(IngestInstance.managementPort(ingest));
            await().atMost(Duration.ofSeconds(10)).until(() -> management.get("/actuator/health").body().contains("\"QUIET\""));
            Response health = management.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asString()).isEqualTo("QUIET");
            assertThat(health.json().get("components").get("feeds").get("details").get("baothaibinh").get("quiet")
                    .asBoolean()).isTrue();
            assertThat(health.json().get("components").get("feeds").get("details").get("wire-en").get("quiet")
                    .asBoolean()).isFalse();
            assertThat(management.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
            String prometheus = management.get("/actuator/prometheus").body();
            assertThat(prometheus).contains("ingest_feed_silence_seconds{");
            // the threshold exported beside the silence, for the feed-gone-quiet alert to compare with
            assertThat(prometheus).containsPattern("(?m)^ingest_feed_quiet_after_seconds\\{[^}]*feed=\"baothaibinh\"[^}]*} 2\\.0$");

            Response posted = new IngestHttp(IngestInstance.port(ingest)).post(
                    "/feeds/baothaibinh/articles?url=https://baothaibinh.example/tin/" + UUID.randomUUID(),
                    "dev-key-baothaibinh", "text/plain", Samples.read("seed-article-vi.txt"));
            assertThat(posted.status()).isEqualTo(202);
            assertThat(management.get("/actuator/health").json().get("status").asString()).isEqualTo("UP");
        }
    }
}

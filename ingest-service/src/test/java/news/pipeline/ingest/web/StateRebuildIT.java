package news.pipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.IngestInstance;
import news.pipeline.ingest.support.IngestHttp.Response;
import news.pipeline.ingest.support.Samples;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A restart does not re-emit unchanged content: the second instance rebuilds the id → version/hash
 * state from the raw topic before serving, then answers re-posts as unchanged and continues the
 * version sequence.
 */
@RealServers
class StateRebuildIT {

    static final String TOPIC = TestTopics.rawTopic("rebuild");

    @AfterAll
    static void deleteTopic() {
        TestTopics.delete(RealServersExtension.endpoints().kafkaBootstrapServers(), TOPIC);
    }

    @Test
    void secondInstanceRemembersWhatTheFirstWrote(Endpoints servers) {
        String bootstrap = servers.kafkaBootstrapServers();
        String pagePath = "/feeds/baothaibinh/articles?url=https://baothaibinh.example/tin/" + UUID.randomUUID();
        String page = Samples.read("seed-article-vi.txt");
        String uri = "http://wire.example/items/" + UUID.randomUUID();
        String ninjs = Samples.read("ninjs-2.1.json").replace("http://wire.example/items/2024-11-02-flood-warning\"", uri + "\"");

        Response pageFirst;
        Response ninjsFirst;
        try (ConfigurableApplicationContext first = IngestInstance.start(servers, TOPIC)) {
            IngestHttp http = new IngestHttp(IngestInstance.port(first));
            pageFirst = http.post(pagePath, "dev-key-baothaibinh", "text/plain", page);
            ninjsFirst = http.post("/feeds/wire-en/articles", "dev-key-wire-en", "application/ninjs+json", ninjs);
        }
        assertThat(pageFirst.status()).isEqualTo(202);
        assertThat(ninjsFirst.status()).isEqualTo(202);
        long written = TestTopics.endOffsetSum(bootstrap, TOPIC);

        try (ConfigurableApplicationContext second = IngestInstance.start(servers, TOPIC)) {
            IngestHttp http = new IngestHttp(IngestInstance.port(second));
            Response pageAgain = http.post(pagePath, "dev-key-baothaibinh", "text/plain", page);
            Response ninjsAgain = http.post("/feeds/wire-en/articles", "dev-key-wire-en", "application/ninjs+json", ninjs);
            Response staleNinjs = http.post("/feeds/wire-en/articles", "dev-key-wire-en", "application/ninjs+json",
                    ninjs.replace("Flood warning issued", "Flood alert issued"));
            assertThat(TestTopics.endOffsetSum(bootstrap, TOPIC)).isEqualTo(written);
            Response pageChanged = http.post(pagePath, "dev-key-baothaibinh", "text/plain", page.replace("Mạnh Cường", "Thanh Hà"));

            assertThat(pageAgain.status()).isEqualTo(200);
            assertThat(pageAgain.json().get("version").asLong()).isEqualTo(pageFirst.json().get("version").asLong());
            assertThat(ninjsAgain.status()).isEqualTo(200);
            assertThat(staleNinjs.status()).isEqualTo(409);
            assertThat(pageChanged.status()).isEqualTo(202);
            // above what the first instance wrote: one more, or this receive time when that is later
            long last = pageFirst.json().get("version").asLong();
            assertThat(pageChanged.json().get("version").asLong()).isGreaterThan(last)
                    .isLessThanOrEqualTo(Math.max(last + 1, System.currentTimeMillis()));
            assertThat(TestTopics.endOffsetSum(bootstrap, TOPIC)).isEqualTo(written + 1);
        }
    }
}

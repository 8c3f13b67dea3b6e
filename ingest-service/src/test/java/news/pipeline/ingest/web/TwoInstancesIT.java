package news.pipeline.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import news.pipeline.events.RawArticle;
import news.pipeline.ingest.support.IngestHttp;
import news.pipeline.ingest.support.IngestInstance;
import news.pipeline.ingest.support.IngestHttp.Response;
import news.pipeline.ingest.support.Samples;
import news.pipeline.ingest.support.TestTopics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two ingest instances running side by side on one raw topic, each with its own state (neither reads what
 * the other writes after it started), take updates of the same article in turn. Page text carries no version,
 * so each instance makes one from the receive time: every update must still get a version above all earlier
 * ones, or Elasticsearch (external versions) would drop it as stale.
 */
@RealServers
class TwoInstancesIT {

    static final String TOPIC = TestTopics.rawTopic("two-instances");

    @AfterAll
    static void deleteTopic() {
        TestTopics.delete(RealServersExtension.endpoints().kafkaBootstrapServers(), TOPIC);
    }

    @Test
    void updatesOfOneArticleAlternatingBetweenInstancesGetEverHigherVersions(Endpoints servers) throws Exception {
        String path = "/feeds/baothaibinh/articles?url=https://baothaibinh.example/tin/" + UUID.randomUUID();
        String page = Samples.read("seed-article-vi.txt");
        List<Long> versions = new ArrayList<>();
        String id = null;
        try (ConfigurableApplicationContext a = IngestInstance.start(servers, TOPIC);
             ConfigurableApplicationContext b = IngestInstance.start(servers, TOPIC)) {
            List<IngestHttp> instances = List.of(new IngestHttp(IngestInstance.port(a)),
                    new IngestHttp(IngestInstance.port(b)));
            for (int update = 0; update < 8; update++) {
                IngestHttp instance = instances.get(update % 2);
                Response answer = instance.post(path, "dev-key-baothaibinh", "text/plain",
                        page.replace("Mạnh Cường", "Phóng viên " + update));
                assertThat(answer.status()).as("update %d", update).isEqualTo(202);
                versions.add(answer.json().get("version").asLong());
                id = answer.json().get("id").asText();
            }
        }
        assertThat(versions).as("versions in posting order").isSorted().doesNotHaveDuplicates();

        // and that is the order the raw topic holds them in, for enrich and publish to follow
        String articleId = id;
        try (TopicClient kafka = new TopicClient(servers)) {
            List<Long> written = TestTopics.readAll(kafka, servers.kafkaBootstrapServers(), TestTopics.raw(TOPIC)).stream()
                    .filter(r -> articleId.equals(r.key())).map(ConsumerRecord::value).map(RawArticle::getVersion).toList();
            assertThat(written).containsExactlyElementsOf(versions);
        }
    }
}

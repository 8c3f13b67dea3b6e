package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import news.pipeline.enrich.EnrichServiceApplication;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.events.RelatedArticle;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * After a restart the in-memory related index is rebuilt from the enriched topic, so a new article
 * still finds an article the previous instance enriched.
 */
@RealServers
class RelatedAfterRestartIT {

    private final TopicClient kafka = RealServersExtension.topicClient();

    private RecordMetadata send(RawArticle article) {
        return kafka.send(Topics.RAW_ARTICLES.named(RAW), article.getId(), article);
    }

    static final String RAW = TopicClient.unique("restart-raw");
    static final String ENRICHED = TopicClient.unique("restart-enriched");
    static final String DLT = TopicClient.unique("restart-dlt");
    static final String GROUP = TopicClient.unique("restart-enrich");
    static final Duration WAIT = Duration.ofSeconds(60);

    static ConfigurableApplicationContext start(Endpoints endpoints) {
        return new SpringApplicationBuilder(EnrichServiceApplication.class)
                .web(WebApplicationType.NONE)
                // command-line arguments: they take precedence over application.yml
                .run("--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
                        "--pipeline.schema-registry.url=" + endpoints.schemaRegistryUrl(),
                        "--pipeline.topics.raw=" + RAW,
                        "--pipeline.topics.enriched=" + ENRICHED,
                        "--pipeline.topics.raw-dlt=" + DLT,
                        "--enrich.consumer-group=" + GROUP,
                        "--enrich.audio.media-dir=");
    }

    static RawArticle flood(String id, String headline, Instant at) {
        return news.pipeline.enrich.SeedArticle.other(id, "vi", headline,
                "Mưa lớn kéo dài khiến nước sông dâng cao, nhiều xã ven đê bị ngập lụt, hàng trăm hộ dân phải sơ tán.",
                "Lực lượng cứu hộ dùng xuồng đưa người dân đến nơi an toàn. Ban Chỉ huy phòng chống thiên tai tỉnh "
                        + "yêu cầu các địa phương theo dõi chặt chẽ mực nước sông, bảo đảm an toàn đê điều.", at);
    }

    @Test
    void relatedLinksStillFindArticlesSeenBeforeTheRestart(Endpoints endpoints) throws Exception {
        String before = TopicClient.unique("flood-before");
        String after = TopicClient.unique("flood-after");
        Instant t0 = Instant.parse("2024-10-28T01:00:00Z");
        try (ConfigurableApplicationContext first = start(endpoints);
                var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED))) { // the service has created the topics
            {
                send(flood(before, "Mưa lớn gây ngập lụt nhiều xã ven sông", t0));
                await().atMost(WAIT).until(() -> !enriched.withKey(before).isEmpty());
                first.close();
            }

            try (ConfigurableApplicationContext second = start(endpoints)) {
                // rebuilt from the enriched topic before the stream started
                assertThat(second.getBean(RelatedIndex.class).size()).isEqualTo(1);
                // and so is the latest version of each article: an older one arriving now would be skipped
                assertThat(second.getBean(LatestVersions.class).latest(before))
                        .isEqualTo(enriched.withKey(before).getFirst().value().getVersion());
                send(flood(after, "Nước sông tiếp tục dâng cao, sơ tán hàng trăm hộ dân", t0.plusSeconds(86_400)));
                await().atMost(WAIT).until(() -> !enriched.withKey(after).isEmpty());
            }
            EnrichedArticle out = enriched.withKey(after).getFirst().value();
            assertThat(out.getRelatedArticles()).extracting(RelatedArticle::getId).containsExactly(before);
            assertThat(out.getRelatedArticles().getFirst().getScore()).isBetween(0.1, 1.0);
            assertThat(out.getRelatedArticles().getFirst().getTitle()).isEqualTo("Mưa lớn gây ngập lụt nhiều xã ven sông");
            // the earlier article was processed once only: the restarted instance resumed after it
            assertThat(enriched.withKey(before)).hasSize(1);
        }
    }
}

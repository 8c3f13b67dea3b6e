package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import news.pipeline.enrich.EnrichServiceApplication;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.events.RelatedArticle;
import news.pipeline.schemas.topics.ArticleVersions;
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
 * The in-memory related index follows the whole enriched topic: after a restart it is rebuilt, so a new article
 * still finds an article the previous instance enriched, and while running it takes in what other instances write,
 * kills included.
 */
@RealServers
public class RelatedAfterRestartIT {

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
        return start(endpoints, RAW, ENRICHED, GROUP);
    }

    /** An enrich-service on these topics and group; {@code more}: further settings, as command-line arguments. */
    public static ConfigurableApplicationContext start(Endpoints endpoints, String raw, String enriched, String group,
            String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + endpoints.kafkaBootstrapServers(),
                "--pipeline.schema-registry.url=" + endpoints.schemaRegistryUrl(),
                "--pipeline.topics.raw=" + raw,
                "--pipeline.topics.enriched=" + enriched,
                "--pipeline.topics.raw-dlt=" + DLT,
                "--enrich.consumer-group=" + group,
                "--enrich.audio.media-dir="));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(EnrichServiceApplication.class)
                .web(WebApplicationType.NONE)
                // command-line arguments: they take precedence over application.yml
                .run(args.toArray(String[]::new));
    }

    static RawArticle flood(String id, String headline, Instant at) {
        return news.pipeline.enrich.SeedArticle.other(id, "vi", headline,
                "Mưa lớn kéo dài khiến nước sông dâng cao, nhiều xã ven đê bị ngập lụt, hàng trăm hộ dân phải sơ tán.",
                "Lực lượng cứu hộ dùng xuồng đưa người dân đến nơi an toàn. Ban Chỉ huy phòng chống thiên tai tỉnh "
                        + "yêu cầu các địa phương theo dõi chặt chẽ mực nước sông, bảo đảm an toàn đê điều.", at);
    }

    @Test
    void articlesEnrichedByAnotherInstanceAreCandidatesHereAndTheirKillsLeaveTheIndex(Endpoints endpoints) {
        String elsewhere = TopicClient.unique("flood-elsewhere");
        String here = TopicClient.unique("flood-here");
        Instant t0 = Instant.parse("2024-11-05T01:00:00Z");
        String raw = TopicClient.unique("follow-raw");
        String enrichedTopic = TopicClient.unique("follow-enriched");
        try (ConfigurableApplicationContext instance = start(endpoints, raw, enrichedTopic, TopicClient.unique("follow"));
                var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(enrichedTopic))) {
            RelatedIndex index = instance.getBean(RelatedIndex.class);
            EnrichedTopicFollower follower = instance.getBean(EnrichedTopicFollower.class);
            int before = index.size();
            // what another instance (another partition's owner) wrote
            RawArticle other = flood(elsewhere, "Lũ sông Hồng lên nhanh, nhiều bãi giữa bị ngập", t0);
            kafka.send(Topics.ENRICHED_ARTICLES.named(enrichedTopic), elsewhere, otherInstancesEnrichment(other, 5));
            await().atMost(WAIT).until(() -> index.size() == before + 1);

            RawArticle mine = flood(here, "Nước lũ dâng cao, sơ tán người dân vùng bãi giữa", t0.plusSeconds(3_600));
            kafka.send(Topics.RAW_ARTICLES.named(raw), here, mine);
            await().atMost(WAIT).until(() -> !enriched.withKey(here).isEmpty());
            assertThat(enriched.withKey(here).getFirst().value().getRelatedArticles()).extracting(RelatedArticle::getId)
                    .contains(elsewhere);
            // only the other instance's article was taken in: this one's own output came back and was not analysed again
            // and it was recognised by its origin header without being decoded
            await().atMost(WAIT).until(() -> follower.ownSkipped() >= 1);
            assertThat(follower.takenIn()).isEqualTo(1);
            assertThat(enriched.withKey(here).getFirst().headers().lastHeader(EnrichedTopicFollower.ORIGIN_HEADER))
                    .isNotNull();

            RawArticle killed = RawArticle.newBuilder(other).setPubStatus(news.pipeline.events.PubStatus.canceled).build();
            kafka.send(Topics.ENRICHED_ARTICLES.named(enrichedTopic), elsewhere, otherInstancesEnrichment(killed, 6));
            await().atMost(WAIT).until(() -> index.find(flood("probe", "Nước lũ dâng cao, sơ tán người dân vùng bãi giữa",
                    t0.plusSeconds(7_200)), "vi").stream().noneMatch(hit -> hit.id().equals(elsewhere)));
            assertThat(instance.getBean(LatestVersions.class).latest(elsewhere)).isEqualTo(ArticleVersions.ordinal(6, 0));
        }
    }

    private static EnrichedArticle otherInstancesEnrichment(RawArticle article, long version) {
        RawArticle versioned = RawArticle.newBuilder(article).setVersion(version).build();
        return EnrichedArticle.newBuilder().setId(versioned.getId()).setVersion(version).setArticle(versioned)
                .setCategories(java.util.List.of()).setRelatedArticles(java.util.List.of()).setDetectedLanguage("vi")
                .setEnrichedAt(versioned.getReceivedAt()).setEnrichmentVersion("another-instance").build();
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
                        .isEqualTo(ArticleVersions.ordinal(enriched.withKey(before).getFirst().value().getVersion(), 0));
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

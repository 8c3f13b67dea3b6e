package news.pipeline.enrich.reenrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.enrich.stream.RelatedAfterRestartIT;
import news.pipeline.events.Category;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A word list changes, enrich-service restarts with it, and the re-enrichment brings the articles already enriched
 * up to date: in slices (resumed where the previous invocation stopped), latest versions only, kills left alone,
 * the revision counted up, enrich-service's progress followed to the end.
 */
@RealServers
class ReenrichmentIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String SPORT = "medtop:15000000";

    private final TopicClient kafka = RealServersExtension.topicClient();

    @Test
    void aChangedWordListReachesTheArticlesAlreadyEnriched(Endpoints endpoints, @TempDir Path categories) throws Exception {
        String raw = TopicClient.unique("reenrich-raw");
        String enriched = TopicClient.unique("reenrich-enriched");
        String group = TopicClient.unique("reenrich-enrich");
        Instant t0 = Instant.parse("2025-03-01T01:00:00Z");
        RawArticle x = invented(TopicClient.unique("x"), 1, t0);
        RawArticle y1 = invented(TopicClient.unique("y"), 1, t0);
        RawArticle y2 = RawArticle.newBuilder(y1).setVersion(2L).setHeadline(y1.getHeadline() + " (updated)").build();
        RawArticle k = invented(TopicClient.unique("k"), 1, t0);
        RawArticle kill = RawArticle.newBuilder(k).setVersion(2L).setPubStatus(PubStatus.canceled).setHeadline(null)
                .setSubheadline(null).setBodyText(null).build();

        // enriched with today's word lists, which do not know the invented word
        try (ConfigurableApplicationContext before = RelatedAfterRestartIT.start(endpoints, raw, enriched, group);
             var out = kafka.reader(Topics.ENRICHED_ARTICLES.named(enriched))) {
            for (RawArticle article : List.of(x, y1, y2, k, kill)) {
                kafka.send(Topics.RAW_ARTICLES.named(raw), article.getId(), article);
            }
            await().atMost(WAIT).until(() -> out.poll().size() >= 5);
            assertThat(codes(latest(out.records(), x.getId()))).doesNotContain(SPORT);
        }

        // the word list gains the word; enrich-service restarts with it
        copyCategories(categories);
        Files.writeString(categories.resolve("lexicon/en.tsv"), "zorblat\t" + SPORT + "\t4\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        String progressGroup = TopicClient.unique("reenrich-progress");
        try (ConfigurableApplicationContext after = RelatedAfterRestartIT.start(endpoints, raw, enriched, group,
                "--enrich.categories.location=file:" + categories + "/");
             var out = kafka.reader(Topics.ENRICHED_ARTICLES.named(enriched));
             var requests = kafka.bytesReader(raw)) {
            Reenrichment.Outcome dry = job(endpoints, raw, enriched, group, progressGroup, 0, true).run(quiet());
            assertThat(dry.sent()).as("latest versions, kills excepted").isEqualTo(2);
            assertThat(dry.killed()).isEqualTo(1);

            Reenrichment.Outcome first = job(endpoints, raw, enriched, group, progressGroup, 1, false).run(quiet());
            assertThat(first.complete()).isFalse();
            assertThat(first.sent()).isEqualTo(1);
            Reenrichment.Outcome rest = job(endpoints, raw, enriched, group, progressGroup, 0, false).run(quiet());
            assertThat(rest.resumed()).isTrue();
            assertThat(rest.complete()).isTrue();
            assertThat(rest.sent()).as("where the first slice stopped, nothing twice").isEqualTo(1);
            // the kill may lie before or after the first slice's stopping point (records of several partitions)
            assertThat(first.killed() + rest.killed()).isEqualTo(1);

            Reenrichment job = job(endpoints, raw, enriched, group, progressGroup, 0, false);
            try (Admin admin = Admin.create(job.adminConfig())) {
                Map<org.apache.kafka.common.TopicPartition, Long> sent = new java.util.HashMap<>(first.sentUpTo());
                rest.sentUpTo().forEach((p, o) -> sent.merge(p, o, Math::max));
                await().atMost(WAIT).until(() -> job.remaining(admin, sent) == 0);
            }
            await().atMost(WAIT).until(() -> latest(out.poll(), x.getId()).getEnrichmentRevision() == 1
                    && latest(out.records(), y1.getId()).getEnrichmentRevision() == 1);

            EnrichedArticle xAgain = latest(out.records(), x.getId());
            assertThat(codes(xAgain)).contains(SPORT);
            assertThat(xAgain.getVersion()).isEqualTo(1);
            EnrichedArticle yAgain = latest(out.records(), y1.getId());
            assertThat(yAgain.getVersion()).as("the latest version, not the first").isEqualTo(2);
            assertThat(latest(out.records(), k.getId()).getArticle().getPubStatus()).isEqualTo(PubStatus.canceled);
            List<String> revisions = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> r : requests.poll()) {
                Header h = r.headers().lastHeader(ArticleVersions.REVISION_HEADER);
                if (h != null) {
                    revisions.add(r.key() + "@" + new String(h.value(), StandardCharsets.UTF_8));
                }
            }
            assertThat(revisions).containsExactlyInAnyOrder(x.getId() + "@1", y1.getId() + "@1");

            // the run is finished: the next one starts afresh, one revision further
            Reenrichment.Outcome again = job(endpoints, raw, enriched, group, progressGroup, 0, false).run(quiet());
            assertThat(again.resumed()).isFalse();
            assertThat(again.sent()).isEqualTo(2);
            await().atMost(WAIT).until(() -> latest(out.poll(), x.getId()).getEnrichmentRevision() == 2);
        }
    }

    private static Reenrichment job(Endpoints endpoints, String raw, String enriched, String enrichGroup, String group,
            long max, boolean dryRun) {
        Map<String, Object> kafka = Map.of("bootstrap.servers", endpoints.kafkaBootstrapServers());
        return new Reenrichment(new Reenrichment.Settings(kafka, kafka, kafka,
                Map.of("schema.registry.url", endpoints.schemaRegistryUrl(), "specific.avro.reader", "true"),
                Topics.ENRICHED_ARTICLES.named(enriched), Topics.RAW_ARTICLES.named(raw), group, enrichGroup, max,
                dryRun, false));
    }

    private static Reenrichment.Listener quiet() {
        return new Reenrichment.Listener() {
            @Override
            public void phase(String name, long total) {
            }

            @Override
            public void progress(long done) {
            }
        };
    }

    /** English text of invented words: no word list knows them, until one is taught. */
    private static RawArticle invented(String id, long version, Instant at) {
        return RawArticle.newBuilder(SeedArticle.other(id, "en", "Zorblat quarnix flumbers the vendel",
                "A zorblat was seen near the vendel on Tuesday, quarnix witnesses said.",
                "The zorblat crossed the vendel twice. Flumbers gathered to watch the zorblat, and the quarnix "
                        + "grew louder as the zorblat reached the far side.", at)).setVersion(version).build();
    }

    private static void copyCategories(Path into) throws IOException {
        for (String file : List.of("mediatopics.tsv", "sections.tsv", "lexicon/vi.tsv", "lexicon/en.tsv")) {
            Path target = into.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = ReenrichmentIT.class.getResourceAsStream("/categories/" + file)) {
                Files.copy(in, target);
            }
        }
    }

    private static EnrichedArticle latest(List<ConsumerRecord<String, EnrichedArticle>> records, String id) {
        return records.stream().filter(r -> id.equals(r.key())).reduce((a, b) -> b).map(ConsumerRecord::value)
                .orElseThrow();
    }

    private static List<String> codes(EnrichedArticle article) {
        return article.getCategories().stream().map(Category::getCode).toList();
    }
}

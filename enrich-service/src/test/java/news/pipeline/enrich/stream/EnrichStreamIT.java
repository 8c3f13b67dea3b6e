package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import news.pipeline.enrich.EnrichServiceApplication;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.enrich.Mp3Fixture;
import news.pipeline.events.AudioMetadata;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.events.RelatedArticle;
import news.pipeline.events.SourceLink;
import news.pipeline.schemas.topics.DeadLetterHeaders;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.TopicClient;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service against the real broker and registry, on topics of its own: a raw article in, an
 * enriched article out with every field; a poison record to the dead-letter topic with its reason,
 * stage and coordinates while the stream carries on; a kill passing through; reprocessing harmless.
 */
@RealServers
@SpringBootTest(classes = EnrichServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class EnrichStreamIT {

    private final TopicClient kafka = RealServersExtension.topicClient();

    private RecordMetadata send(RawArticle article) {
        return kafka.send(Topics.RAW_ARTICLES.named(RAW), article.getId(), article);
    }

    static final String RAW = TopicClient.unique("it-raw");
    static final String ENRICHED = TopicClient.unique("it-enriched");
    static final String DLT = TopicClient.unique("it-raw-dlt");
    static final Duration WAIT = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Endpoints endpoints = RealServersExtension.endpoints();
        registry.add("spring.kafka.bootstrap-servers", endpoints::kafkaBootstrapServers);
        registry.add("pipeline.schema-registry.url", endpoints::schemaRegistryUrl);
        registry.add("pipeline.topics.raw", () -> RAW);
        registry.add("pipeline.topics.enriched", () -> ENRICHED);
        registry.add("pipeline.topics.raw-dlt", () -> DLT);
        registry.add("enrich.consumer-group", () -> TopicClient.unique("it-enrich"));
        registry.add("enrich.audio.media-dir", () -> "src/test/resources/media");
        registry.add("enrich.enrichment-version", () -> "it-1");
    }

    @Autowired
    MeterRegistry meters;

    static RawArticle democracy(String id) {
        return SeedArticle.other(id, "vi", "Hội nghị Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tỉnh",
                "Ban Chỉ đạo thực hiện quy chế dân chủ ở cơ sở tổng kết năm 2019, triển khai nhiệm vụ năm 2020.",
                "Thực hiện quy chế dân chủ ở cơ sở, thực hành dân chủ, phát huy quyền làm chủ của nhân dân; cấp ủy, "
                        + "chính quyền các cấp quan tâm lãnh đạo, chỉ đạo.", Instant.parse("2019-12-20T02:00:00Z"));
    }

    @Test
    void aRawArticleComesOutEnrichedWithEveryField(Endpoints endpoints) throws Exception {
        String earlierId = TopicClient.unique("dem");
        String seedId = TopicClient.unique("seed");
        try (var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED))) {
            send(democracy(earlierId));
            await().atMost(WAIT).until(() -> !enriched.withKey(earlierId).isEmpty());

            RawArticle seed = SeedArticle.article(seedId);
            send(seed);
            await().atMost(WAIT).until(() -> !enriched.withKey(seedId).isEmpty());
            ConsumerRecord<String, EnrichedArticle> record = enriched.withKey(seedId).getFirst();
            EnrichedArticle out = record.value();

            assertThat(record.key()).isEqualTo(seedId);
            assertThat(out.getId()).isEqualTo(seedId);
            assertThat(out.getVersion()).isEqualTo(1L);
            assertThat(out.getArticle().getHeadline()).isEqualTo(SeedArticle.HEADLINE);
            assertThat(out.getArticle().getBodyText()).isEqualTo(seed.getBodyText());
            // the source's own links, normalised, kept apart from the computed ones
            List<SourceLink> links = out.getArticle().getSourceLinks();
            assertThat(links).hasSize(20);
            assertThat(links.getFirst().getList()).isEqualTo("same-section");
            assertThat(links.getFirst().getTitle()).doesNotContain("02.11.2024");
            assertThat(links.getFirst().getPublishedAt()).isEqualTo(Instant.parse("2024-11-02T10:55:00Z"));
            // categories
            Category first = out.getCategories().getFirst();
            assertThat(first.getCode()).isEqualTo("medtop:11000000");
            assertThat(first.getLabelEn()).isEqualTo("politics and government");
            assertThat(first.getLabelVi()).isEqualTo("chính trị và chính quyền");
            assertThat(first.getSource()).isEqualTo(CategorySource.LEXICON);
            assertThat(first.getScore()).isBetween(0.0, 1.0);
            // related: the earlier article, same language, never itself
            assertThat(out.getRelatedArticles()).extracting(RelatedArticle::getId).contains(earlierId)
                    .doesNotContain(seedId);
            RelatedArticle related = out.getRelatedArticles().stream().filter(r -> r.getId().equals(earlierId))
                    .findFirst().orElseThrow();
            assertThat(related.getTitle()).startsWith("Hội nghị Ban Chỉ đạo");
            assertThat(related.getUrl()).isEqualTo("https://news.example/" + earlierId);
            assertThat(related.getScore()).isBetween(0.1, 1.0);
            assertThat(related.getPublishedAt()).isEqualTo(Instant.parse("2019-12-20T02:00:00Z"));
            // audio, measured from the media directory
            AudioMetadata audio = out.getAudio();
            assertThat(audio.getFileName()).isEqualTo(SeedArticle.AUDIO_FILE);
            Mp3Fixture.assertMeasured(audio);
            assertThat(audio.getNarrator()).isEqualTo("thoia");
            assertThat(audio.getRecordingDate()).isEqualTo(LocalDate.of(2019, 12, 25));
            assertThat(audio.getSlug()).isEqualTo("day_manh_thuc_hien_quy_che_dan_chu");
            assertThat(audio.getSlugMatchesHeadline()).isTrue();
            // text
            assertThat(out.getDetectedLanguage()).isEqualTo("vi");
            assertThat(out.getWordCount()).isBetween(800, 1200);
            assertThat(out.getReadingTimeSeconds()).isEqualTo((int) Math.ceil(out.getWordCount() * 60.0 / 200));
            assertThat(out.getSlug()).isEqualTo("day-manh-thuc-hien-quy-che-dan-chu-o-cac-loai-hinh-co-so");
            assertThat(out.getEnrichedAt()).isEqualTo(seed.getReceivedAt());
            assertThat(out.getEnrichmentVersion()).isEqualTo("it-1");

            // processing the same event twice is harmless: the same record, still not related to itself
            send(seed);
            await().atMost(WAIT).until(() -> enriched.withKey(seedId).size() == 2);
            assertThat(enriched.withKey(seedId).get(1).value()).isEqualTo(out);
        }
        assertThat(meters.get("enrich.articles").tag("outcome", "enriched").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("enrich.enricher.latency").tag("enricher", "audio").timer().count()).isPositive();
        assertThat(meters.get("enrich.enricher.latency").tag("enricher", "categories").timer().count()).isPositive();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheStreamCarriesOn(Endpoints endpoints) throws Exception {
        String poisonKey = TopicClient.unique("poison");
        String goodId = TopicClient.unique("after-poison");
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        try (var dead = kafka.bytesReader(DLT); var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED))) {
            RecordMetadata sent = kafka.sendBytes(RAW, poisonKey, garbage, null);
            RawArticle good = RawArticle.newBuilder(democracy(goodId)).build();
            send(good);

            await().atMost(WAIT).until(() -> !dead.withKey(poisonKey).isEmpty());
            ConsumerRecord<String, byte[]> letter = dead.withKey(poisonKey).getFirst();
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo("deserialize");
            assertThat(header(letter, DeadLetterHeaders.REASON)).contains("not a RawArticle");
            // one encoding for every service's dead letters: text, one header each
            assertThat(letter.headers().headers(DeadLetterHeaders.ORIGINAL_TOPIC)).hasSize(1);
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TOPIC)).isEqualTo(RAW);
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_PARTITION)).isEqualTo(Integer.toString(sent.partition()));
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_OFFSET)).isEqualTo(Long.toString(sent.offset()));
            assertThat(header(letter, DeadLetterHeaders.ORIGINAL_TIMESTAMP)).isEqualTo(Long.toString(sent.timestamp()));
            assertThat(header(letter, "kafka_dlt-exception-message")).isNotBlank();

            await().atMost(WAIT).until(() -> !enriched.withKey(goodId).isEmpty());
            assertThat(enriched.withKey(goodId).getFirst().value().getCategories()).isNotEmpty();
        }
        assertThat(meters.get("pipeline.dead.letters").tag("stage", "deserialize").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aKillPassesThroughWithEmptyEnrichment(Endpoints endpoints) throws Exception {
        String id = TopicClient.unique("kill");
        RawArticle kill = RawArticle.newBuilder(democracy(id)).setVersion(2L).setPubStatus(PubStatus.canceled)
                .setHeadline(null).setBodyText(null).setSubheadline(null).build();
        try (var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED))) {
            send(kill);
            await().atMost(WAIT).until(() -> !enriched.withKey(id).isEmpty());
            EnrichedArticle out = enriched.withKey(id).getFirst().value();
            assertThat(out.getArticle().getPubStatus()).isEqualTo(PubStatus.canceled);
            assertThat(out.getVersion()).isEqualTo(2L);
            assertThat(out.getCategories()).isEmpty();
            assertThat(out.getRelatedArticles()).isEmpty();
            assertThat(out.getAudio()).isNull();
            assertThat(out.getWordCount()).isZero();
        }
    }

    /**
     * A replayed older version after a kill (a dead letter sent back, an old event re-sent) must not become
     * the last record of the compacted topic, which a reindex trusts: the killed article would come back.
     */
    @Test
    void anOlderVersionAfterANewerOneIsNeverWrittenSoAKillStaysLast(Endpoints endpoints) throws Exception {
        String id = TopicClient.unique("stale");
        RawArticle v3 = RawArticle.newBuilder(democracy(id)).setVersion(3L).build();
        RawArticle kill = RawArticle.newBuilder(democracy(id)).setVersion(5L).setPubStatus(PubStatus.canceled)
                .setHeadline(null).setBodyText(null).setSubheadline(null).build();
        RawArticle older = RawArticle.newBuilder(democracy(id)).setVersion(4L).build();
        double staleBefore = meters.get("enrich.articles").tag("outcome", "stale").counter().count();
        try (var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED))) {
            send(v3);
            send(kill);
            send(older); // older than the kill
            send(v3); // older still
            send(kill); // the same version again (a redelivery) is written again
            // records of one id share a partition: once the second kill is out, the two before it were decided
            await().atMost(WAIT).until(() -> enriched.withKey(id).size() >= 3);

            assertThat(enriched.withKey(id)).extracting(r -> r.value().getVersion()).containsExactly(3L, 5L, 5L);
            assertThat(enriched.withKey(id).getLast().value().getArticle().getPubStatus()).isEqualTo(PubStatus.canceled);
        }
        assertThat(meters.get("enrich.articles").tag("outcome", "stale").counter().count() - staleBefore).isEqualTo(2);
    }

    /**
     * A re-enrichment (the raw article again, with the revision its enrichment gets in a header) is written as a
     * newer enrichment of the same version; the first enrichment sent again afterwards is stale.
     */
    @Test
    void aReEnrichmentOfTheSameVersionIsNewerAndTheFirstEnrichmentAgainIsStale(Endpoints endpoints) throws Exception {
        String id = TopicClient.unique("again");
        RawArticle v2 = RawArticle.newBuilder(democracy(id)).setVersion(2L).build();
        RecordHeaders revision1 = new RecordHeaders();
        revision1.add(ArticleVersions.REVISION_HEADER, "1".getBytes(StandardCharsets.UTF_8));
        double staleBefore = meters.get("enrich.articles").tag("outcome", "stale").counter().count();
        try (var enriched = kafka.reader(Topics.ENRICHED_ARTICLES.named(ENRICHED))) {
            send(v2);
            kafka.send(Topics.RAW_ARTICLES.named(RAW), id, v2, revision1);
            send(v2); // the first enrichment's input again (a redelivery from before the re-enrichment)
            kafka.send(Topics.RAW_ARTICLES.named(RAW), id, v2, revision1); // the re-enrichment again: written again
            await().atMost(WAIT).until(() -> enriched.withKey(id).size() >= 3);

            assertThat(enriched.withKey(id)).extracting(r -> r.value().getVersion() + "/" + r.value().getEnrichmentRevision())
                    .containsExactly("2/0", "2/1", "2/1");
        }
        assertThat(meters.get("enrich.articles").tag("outcome", "stale").counter().count() - staleBefore).isEqualTo(1);
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package news.pipeline.enrich.stream;

import static news.pipeline.enrich.stream.KafkaTestClients.bytesReader;
import static news.pipeline.enrich.stream.KafkaTestClients.enrichedReader;
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
import news.pipeline.enrich.config.DeadLetterConfiguration;
import news.pipeline.events.AudioMetadata;
import news.pipeline.events.Category;
import news.pipeline.events.CategorySource;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.events.RelatedArticle;
import news.pipeline.events.SourceLink;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
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

    static final String RAW = KafkaTestClients.unique("it-raw");
    static final String ENRICHED = KafkaTestClients.unique("it-enriched");
    static final String DLT = KafkaTestClients.unique("it-raw-dlt");
    static final Duration WAIT = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        Endpoints endpoints = RealServersExtension.endpoints();
        registry.add("spring.kafka.bootstrap-servers", endpoints::kafkaBootstrapServers);
        registry.add("enrich.registry.url", endpoints::schemaRegistryUrl);
        registry.add("enrich.topics.raw", () -> RAW);
        registry.add("enrich.topics.enriched", () -> ENRICHED);
        registry.add("enrich.topics.dead-letter", () -> DLT);
        registry.add("enrich.consumer-group", () -> KafkaTestClients.unique("it-enrich"));
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
        String earlierId = KafkaTestClients.unique("dem");
        String seedId = KafkaTestClients.unique("seed");
        try (var enriched = enrichedReader(endpoints, ENRICHED)) {
            KafkaTestClients.send(endpoints, RAW, democracy(earlierId));
            await().atMost(WAIT).until(() -> !enriched.withKey(earlierId).isEmpty());

            RawArticle seed = SeedArticle.article(seedId);
            KafkaTestClients.send(endpoints, RAW, seed);
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
            assertThat(first.getLabelEn()).isEqualTo("politics");
            assertThat(first.getLabelVi()).isEqualTo("chính trị");
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
            KafkaTestClients.send(endpoints, RAW, seed);
            await().atMost(WAIT).until(() -> enriched.withKey(seedId).size() == 2);
            assertThat(enriched.withKey(seedId).get(1).value()).isEqualTo(out);
        }
        assertThat(meters.get("enrich.articles").tag("outcome", "enriched").counter().count()).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("enrich.enricher.latency").tag("enricher", "audio").timer().count()).isPositive();
        assertThat(meters.get("enrich.enricher.latency").tag("enricher", "categories").timer().count()).isPositive();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheStreamCarriesOn(Endpoints endpoints) throws Exception {
        String poisonKey = KafkaTestClients.unique("poison");
        String goodId = KafkaTestClients.unique("after-poison");
        byte[] garbage = "definitely not avro".getBytes(StandardCharsets.UTF_8);
        try (var dead = bytesReader(endpoints, DLT); var enriched = enrichedReader(endpoints, ENRICHED)) {
            RecordMetadata sent = KafkaTestClients.sendBytes(endpoints, RAW, poisonKey, garbage);
            RawArticle good = RawArticle.newBuilder(democracy(goodId)).build();
            KafkaTestClients.send(endpoints, RAW, good);

            await().atMost(WAIT).until(() -> !dead.withKey(poisonKey).isEmpty());
            ConsumerRecord<String, byte[]> letter = dead.withKey(poisonKey).getFirst();
            assertThat(letter.value()).isEqualTo(garbage);
            assertThat(header(letter, DeadLetterConfiguration.STAGE_HEADER)).isEqualTo("deserialize");
            assertThat(header(letter, DeadLetterConfiguration.REASON_HEADER)).contains("not a RawArticle");
            assertThat(header(letter, "kafka_dlt-original-topic")).isEqualTo(RAW);
            assertThat(intHeader(letter, "kafka_dlt-original-partition")).isEqualTo(sent.partition());
            assertThat(longHeader(letter, "kafka_dlt-original-offset")).isEqualTo(sent.offset());
            assertThat(header(letter, "kafka_dlt-exception-message")).isNotBlank();

            await().atMost(WAIT).until(() -> !enriched.withKey(goodId).isEmpty());
            assertThat(enriched.withKey(goodId).getFirst().value().getCategories()).isNotEmpty();
        }
        assertThat(meters.get("enrich.dead.letters").tag("stage", "deserialize").counter().count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aKillPassesThroughWithEmptyEnrichment(Endpoints endpoints) throws Exception {
        String id = KafkaTestClients.unique("kill");
        RawArticle kill = RawArticle.newBuilder(democracy(id)).setVersion(2L).setPubStatus(PubStatus.canceled)
                .setHeadline(null).setBodyText(null).setSubheadline(null).build();
        try (var enriched = enrichedReader(endpoints, ENRICHED)) {
            KafkaTestClients.send(endpoints, RAW, kill);
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

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    static int intHeader(ConsumerRecord<?, ?> record, String name) {
        return java.nio.ByteBuffer.wrap(record.headers().lastHeader(name).value()).getInt();
    }

    static long longHeader(ConsumerRecord<?, ?> record, String name) {
        return java.nio.ByteBuffer.wrap(record.headers().lastHeader(name).value()).getLong();
    }
}

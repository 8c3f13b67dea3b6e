package news.pipeline.publish.consume;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.events.RelatedArticle;
import news.pipeline.publish.support.TestArticles;
import news.pipeline.publish.support.TestSetup;
import news.pipeline.schemas.serde.AvroSerializer;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * The batch processor against the real Elasticsearch node, registry and broker, with batches put
 * together by hand so their exact make-up is known.
 */
@RealServers
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchProcessorIT {

    private TestSetup setup;
    private BatchProcessor processor;
    private MeterRegistry meters;
    private AvroSerializer<EnrichedArticle> serializer;
    private long nextOffset;

    @BeforeAll
    void start(Endpoints servers) {
        setup = TestSetup.create(servers, "batch");
        ConfigurableApplicationContext app = setup.startApp();
        processor = app.getBean("liveBatchProcessor", BatchProcessor.class);
        meters = app.getBean(MeterRegistry.class);
        serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", servers.schemaRegistryUrl()), false);
        setup.awaitIndexReady();
    }

    @AfterAll
    void cleanUp() {
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void aMixedBatchIndexesEveryGoodDocumentAndDeadLettersEachRefusedOneWithItsReason() {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            batch.add(record(TestArticles.article("mixed-" + i, 2)));
        }
        // Elasticsearch refuses an _id over 512 bytes for the whole bulk request (400 action_request_validation_exception)
        String longId = "mixed-" + "x".repeat(600);
        ConsumerRecord<String, byte[]> tooLongId = record(TestArticles.article(longId, 1));
        batch.add(2, tooLongId);
        // ... and a date it cannot parse for the one document (400 document_parsing_exception)
        EnrichedArticle badDate = EnrichedArticle.newBuilder(TestArticles.article("mixed-bad-date", 1))
                .setRelatedArticles(List.of(RelatedArticle.newBuilder().setId("r").setTitle("r").setScore(0.5)
                        .setPublishedAt(Instant.ofEpochMilli(Long.MAX_VALUE)).build()))
                .build();
        ConsumerRecord<String, byte[]> unparseableDate = record(badDate);
        batch.add(4, unparseableDate);
        ConsumerRecord<String, byte[]> garbage = raw("mixed-garbage", "not avro at all".getBytes(StandardCharsets.UTF_8));
        batch.add(garbage);
        batch.add(raw("mixed-tombstone", null));
        batch.add(record(TestArticles.canceled("mixed-never-indexed", 3)));

        BatchResult result = processor.process(batch, setup.alias, true);

        assertThat(result).isEqualTo(new BatchResult(10, 5, 1, 0, 1, 3));
        setup.es.refresh(setup.alias);
        assertThat(setup.es.countIdsStartingWith(setup.alias, "mixed-")).isEqualTo(5);
        for (int i = 1; i <= 5; i++) {
            assertThat(setup.es.doc(setup.alias, "mixed-" + i).get("_version").asLong()).isEqualTo(ArticleVersions.ordinal(2, 0));
        }

        List<ConsumerRecord<String, byte[]>> letters = setup.readDeadLetters(3, Duration.ofSeconds(30));
        assertThat(letters).hasSize(3);
        ConsumerRecord<String, byte[]> idLetter = letterFor(letters, tooLongId);
        assertThat(header(idLetter, DeadLetterWriter.ERROR_TYPE)).isEqualTo("action_request_validation_exception");
        assertThat(header(idLetter, DeadLetterWriter.REASON)).contains("is too long, must be no longer than 512 bytes");
        assertThat(header(idLetter, DeadLetterWriter.STATUS)).isEqualTo("400");
        assertThat(header(idLetter, DeadLetterWriter.STAGE)).isEqualTo("index");
        assertThat(idLetter.value()).isEqualTo(tooLongId.value());
        assertThat(idLetter.key()).isEqualTo(longId);

        ConsumerRecord<String, byte[]> dateLetter = letterFor(letters, unparseableDate);
        assertThat(header(dateLetter, DeadLetterWriter.ERROR_TYPE)).isEqualTo("document_parsing_exception");
        assertThat(header(dateLetter, DeadLetterWriter.REASON)).contains("related.publishedAt");
        assertThat(header(dateLetter, DeadLetterWriter.ARTICLE_ID)).isEqualTo("mixed-bad-date");
        assertThat(header(dateLetter, DeadLetterWriter.ARTICLE_VERSION)).isEqualTo("1");
        assertThat(header(dateLetter, DeadLetterWriter.ORIGINAL_TOPIC)).isEqualTo(setup.topic);
        assertThat(header(dateLetter, DeadLetterWriter.ORIGINAL_OFFSET))
                .isEqualTo(Long.toString(unparseableDate.offset()));
        assertThat(header(dateLetter, "trace-id")).isEqualTo("kept");

        ConsumerRecord<String, byte[]> garbageLetter = letterFor(letters, garbage);
        assertThat(header(garbageLetter, DeadLetterWriter.ERROR_TYPE)).isEqualTo("undecodable");
        assertThat(header(garbageLetter, DeadLetterWriter.REASON)).contains("magic byte");
        assertThat(header(garbageLetter, DeadLetterWriter.STAGE)).isEqualTo("deserialize");
        assertThat(garbageLetter.value()).isEqualTo(garbage.value());
    }

    @Test
    void aReplayedBatchChangesNothing() {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            batch.add(record(TestArticles.article("replay-" + i, 5)));
        }
        batch.add(record(TestArticles.canceled("replay-killed", 2)));
        assertThat(processor.process(batch, setup.alias, true)).isEqualTo(new BatchResult(5, 4, 1, 0, 0, 0));
        Map<String, String> before = snapshot(4);

        BatchResult replay = processor.process(batch, setup.alias, true);

        assertThat(replay).isEqualTo(new BatchResult(5, 0, 0, 5, 0, 0));
        assertThat(snapshot(4)).isEqualTo(before);
        assertThat(setup.es.doc(setup.alias, "replay-killed")).isNull();
    }

    @Test
    void eachArticleIndexedOrRemovedIsTimedFromItsReceiptPerFeed() {
        Instant receivedAt = Instant.now().minusSeconds(30);
        EnrichedArticle wire = received(TestArticles.article("fresh-wire", 1), "fresh-feed-a", receivedAt);
        EnrichedArticle local = received(TestArticles.article("fresh-local", 1), "fresh-feed-b", receivedAt);
        EnrichedArticle killed = received(TestArticles.canceled("fresh-killed", 2), "fresh-feed-b", receivedAt);
        List<ConsumerRecord<String, byte[]>> batch = List.of(record(wire), record(local), record(killed));

        processor.process(batch, setup.alias, true);
        double elapsed = Duration.between(receivedAt, Instant.now()).toMillis() / 1000.0;

        Timer indexedA = meters.get("publish.freshness").tag("feed", "fresh-feed-a").tag("action", "indexed").timer();
        assertThat(indexedA.count()).isEqualTo(1);
        assertThat(indexedA.totalTime(TimeUnit.SECONDS)).isBetween(30.0, elapsed);
        assertThat(meters.get("publish.freshness").tag("feed", "fresh-feed-b").tag("action", "indexed").timer().count())
                .isEqualTo(1);
        assertThat(meters.get("publish.freshness").tag("feed", "fresh-feed-b").tag("action", "deleted").timer().count())
                .isEqualTo(1);

        // a replay changes nothing in the index, and is not timed again
        processor.process(batch, setup.alias, true);
        assertThat(indexedA.count()).isEqualTo(1);
    }

    private static EnrichedArticle received(EnrichedArticle article, String feed, Instant at) {
        return EnrichedArticle.newBuilder(article)
                .setArticle(RawArticle.newBuilder(article.getArticle()).setFeed(feed).setReceivedAt(at).build())
                .build();
    }

    /** _version, _seq_no and _primary_term of replay-1..n: any write would change _seq_no. */
    private Map<String, String> snapshot(int n) {
        Map<String, String> state = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            JsonNode doc = setup.es.doc(setup.alias, "replay-" + i);
            state.put("replay-" + i, doc.get("_version") + "/" + doc.get("_seq_no") + "/" + doc.get("_primary_term")
                    + "/" + doc.get("_source").get("headline").asString());
        }
        return state;
    }

    private ConsumerRecord<String, byte[]> record(EnrichedArticle article) {
        return raw(article.getId(), serializer.serialize(setup.topic, article));
    }

    private ConsumerRecord<String, byte[]> raw(String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("trace-id", "kept".getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(setup.topic, 0, nextOffset++, System.currentTimeMillis(), TimestampType.CREATE_TIME,
                key.length(), value == null ? -1 : value.length, key, value, headers, Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> letterFor(List<ConsumerRecord<String, byte[]>> letters,
            ConsumerRecord<String, byte[]> original) {
        return letters.stream()
                .filter(l -> Long.toString(original.offset()).equals(header(l, DeadLetterWriter.ORIGINAL_OFFSET)))
                .findFirst().orElseThrow(() -> new AssertionError("no dead letter for offset " + original.offset()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}

package news.pipeline.enrich.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.util.function.Function;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.ArticleVersions;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.kafka.ValueDecoder;
import news.pipeline.support.kafka.ValueEncoder;
import news.pipeline.support.logging.LogFields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * The stream function ({@code enrich}): raw record bytes in, enriched article bytes out (the enriched
 * topic's format, {@link ValueEncoder}), keyed by the article id. The record's bytes arrive as a
 * {@link ByteBuffer} (Kafka's ByteBufferDeserializer, a view of the fetched array): Spring Cloud Function
 * decodes every {@code byte[]} payload as UTF-8 and parses it as JSON to see whether it holds a collection,
 * 4 % of enrich's CPU for an Avro record that never is one. Decoding and validation failures are poison
 * ({@link PoisonRecordException}); the container's error handler sends them to the dead-letter topic and the
 * stream carries on. A version older
 * than one already enriched ({@link LatestVersions}) is skipped: nothing is written for it.
 */
public class EnrichFunction implements Function<Message<ByteBuffer>, Message<byte[]>> {

    private static final Logger log = LoggerFactory.getLogger(EnrichFunction.class);

    private final ValueDecoder<RawArticle> decoder;
    private final ValueEncoder<EnrichedArticle> encoder;
    private final String enrichedTopic;
    private final ArticleEnricher enricher;
    private final LatestVersions versions;
    private final Counter stale;
    private final String origin;

    /** @param enrichedTopic where the binding sends the output: its registry subject names the schema */
    /** @param origin this instance's name, written on every output ({@link EnrichedTopicFollower#ORIGIN_HEADER}) */
    public EnrichFunction(ValueDecoder<RawArticle> decoder, ValueEncoder<EnrichedArticle> encoder, String enrichedTopic,
            ArticleEnricher enricher, LatestVersions versions, String origin, MeterRegistry meters) {
        this.origin = origin;
        this.decoder = decoder;
        this.encoder = encoder;
        this.enrichedTopic = enrichedTopic;
        this.enricher = enricher;
        this.versions = versions;
        this.stale = Counter.builder("enrich.articles").tag("outcome", "stale")
                .description("versions older than one already enriched, skipped").register(meters);
    }

    @Override
    public Message<byte[]> apply(Message<ByteBuffer> message) {
        String topic = message.getHeaders().get(KafkaHeaders.RECEIVED_TOPIC, String.class);
        Object partition = message.getHeaders().get(KafkaHeaders.RECEIVED_PARTITION);
        Object offset = message.getHeaders().get(KafkaHeaders.OFFSET);
        try (LogFields fields = LogFields.open().at(topic, partition, offset)) {
            RawArticle raw = decoder.decode(topic, RecordBytes.of(message.getPayload()));
            if (raw == null) {
                log.info("skipped tombstone topic={} partition={} offset={}", topic, partition, offset);
                return null;
            }
            fields.article(raw.getId()).feed(raw.getFeed());
            validate(raw);
            int revision = revision(message.getHeaders().get(ArticleVersions.REVISION_HEADER));
            if (!versions.offer(raw.getId(), ordinal(raw, revision))) {
                // written after the newer one, it would be the record the compacted topic keeps (and a reindex uses)
                stale.increment();
                log.info("skipped stale id={} version={} revision={} ({} already enriched) topic={} partition={} offset={}",
                        raw.getId(), raw.getVersion(), revision, ArticleVersions.describe(versions.latest(raw.getId())),
                        topic, partition, offset);
                return null;
            }
            long started = System.nanoTime();
            EnrichedArticle enriched = enricher.enrich(raw, revision);
            log.info("enriched id={} version={} revision={} status={} topic={} partition={} offset={} lang={} categories={} related={} audio={} in {} ms",
                    raw.getId(), raw.getVersion(), revision, raw.getPubStatus(), topic, partition, offset,
                    enriched.getDetectedLanguage(),
                    enriched.getCategories().stream().map(c -> c.getCode() + "/" + c.getSource() + "/" + c.getScore()).toList(),
                    enriched.getRelatedArticles().size(),
                    enriched.getAudio() == null ? "none" : enriched.getAudio().getDurationSource(),
                    (System.nanoTime() - started) / 1_000_000);
            return MessageBuilder.withPayload(encoder.encode(enrichedTopic, enriched))
                    .setHeader(KafkaHeaders.KEY, enriched.getId())
                    .setHeader(EnrichedTopicFollower.ORIGIN_HEADER, origin)
                    .build();
        }
    }

    private static long ordinal(RawArticle raw, int revision) {
        try {
            return ArticleVersions.ordinal(raw.getVersion(), revision);
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("validate", "article " + raw.getId() + ": " + e.getMessage(), e);
        }
    }

    /** A re-enrichment's revision ({@link ArticleVersions#REVISION_HEADER}); 0 for a record from ingest-service. */
    private static int revision(Object header) {
        try {
            return switch (header) {
                case null -> 0;
                case byte[] bytes -> ArticleVersions.revision(bytes);
                // a header mapper may have made it a number or text
                default -> ArticleVersions.revision(header.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            };
        } catch (IllegalArgumentException e) {
            throw new PoisonRecordException("validate", e.getMessage(), e);
        }
    }

    private static void validate(RawArticle raw) {
        if (raw.getId() == null || raw.getId().isBlank()) {
            throw new PoisonRecordException("validate", "article without id", null);
        }
        if (raw.getVersionCreated() == null || raw.getReceivedAt() == null) {
            throw new PoisonRecordException("validate", "article " + raw.getId() + " without versionCreated/receivedAt", null);
        }
    }
}

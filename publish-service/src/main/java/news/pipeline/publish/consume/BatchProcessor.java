package news.pipeline.publish.consume;

import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.publish.consume.DeadLetterWriter.DeadLetter;
import news.pipeline.publish.index.BulkIndexer;
import news.pipeline.publish.index.BulkIndexer.Entry;
import news.pipeline.publish.index.ItemResult;
import news.pipeline.publish.index.RelatedLinks;
import news.pipeline.publish.mapping.ArticleDocument;
import news.pipeline.publish.mapping.IndexAction;
import news.pipeline.publish.metrics.PublishMetrics;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.failure.TransientFailureException;
import news.pipeline.support.kafka.ValueDecoder;
import news.pipeline.support.logging.LogFields;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * One pass over a batch of consumed records: decode, map, bulk-index, and dead-letter what is not
 * readable or what Elasticsearch refused for good. When it returns, every record is safe: indexed,
 * deleted, ignored as stale (the index holds that version or a newer one), ignored as a tombstone, or
 * acknowledged on the dead-letter topic. When anything is not safe yet for a reason that may pass, it
 * throws {@link TransientFailureException} and the caller runs the whole batch again later; records that
 * were indexed meanwhile come back as stale (external versions), and dead letters are written only once
 * everything else succeeded, so a retry does not repeat them.
 */
public class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

    private final ValueDecoder<EnrichedArticle> decoder;
    private final BulkIndexer indexer;
    private final RelatedLinks relatedLinks;
    private final DeadLetterWriter deadLetters;
    private final PublishMetrics metrics;
    private final boolean logEveryArticle;

    public BatchProcessor(ValueDecoder<EnrichedArticle> decoder, BulkIndexer indexer, RelatedLinks relatedLinks,
            DeadLetterWriter deadLetters, PublishMetrics metrics, boolean logEveryArticle) {
        this.decoder = decoder;
        this.indexer = indexer;
        this.relatedLinks = relatedLinks;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.logEveryArticle = logEveryArticle;
    }

    /**
     * Processes the batch into {@code target} (the alias for the live listener, a concrete index for a
     * reindex).
     *
     * @throws TransientFailureException the registry, Elasticsearch (for some items) or the dead-letter
     *                                   topic is unavailable: nothing of the batch may be committed yet
     */
    public BatchResult process(List<ConsumerRecord<String, byte[]>> records, String target, boolean requireAlias) {
        metrics.batch(records.size());
        Counts counts = new Counts();
        List<DeadLetter> letters = new ArrayList<>();
        Map<ConsumerRecord<String, byte[]>, Received> received = new IdentityHashMap<>();
        List<Entry<ConsumerRecord<String, byte[]>>> entries = decode(records, counts, letters, received);

        ItemResult<ConsumerRecord<String, byte[]>> firstRetriable = null;
        int retriable = 0;
        List<ItemResult<ConsumerRecord<String, byte[]>>> results = indexer.execute(entries, target, requireAlias);
        Instant acknowledged = Instant.now();
        for (ItemResult<ConsumerRecord<String, byte[]>> result : results) {
            ConsumerRecord<String, byte[]> record = result.item();
            IndexAction action = result.action();
            switch (result.outcome()) {
                case INDEXED -> {
                    counts.indexed++;
                    metrics.indexed();
                    fresh(received.get(record), "indexed", acknowledged);
                    article(record, action, received.get(record), "indexed");
                }
                case DELETED, ALREADY_ABSENT -> {
                    counts.deleted++;
                    metrics.deleted();
                    fresh(received.get(record), "deleted", acknowledged);
                    article(record, action, received.get(record), result.outcome() == ItemResult.Outcome.DELETED
                            ? "deleted (" + ((IndexAction.Delete) action).reason() + ")"
                            : "deleted (" + ((IndexAction.Delete) action).reason() + ", was not in the index)");
                }
                case STALE -> {
                    counts.stale++;
                    metrics.ignoredStale();
                    article(record, action, received.get(record), "ignored as stale (the index holds this version or a newer one)");
                }
                case REFUSED -> letters.add(new DeadLetter(record, result.errorType(), result.status(),
                        result.describeError(), action.id(), action.version()));
                case RETRIABLE -> {
                    retriable++;
                    if (firstRetriable == null) {
                        firstRetriable = result;
                    }
                }
            }
        }
        if (firstRetriable != null) {
            throw new TransientFailureException("index", retriable + " of " + entries.size()
                    + " actions not accepted by Elasticsearch (" + abbreviate(firstRetriable.describeError()) + ")", null);
        }
        // a killed or withheld article also leaves the related lists of the others (each time: a retried batch's
        // delete comes back stale, and the lists may not have been rewritten yet)
        relatedLinks.unlink(entries.stream().filter(e -> e.action() instanceof IndexAction.Delete)
                .map(e -> e.action().id()).toList(), target);

        if (!letters.isEmpty()) {
            writeDeadLetters(letters);
            counts.deadLettered += letters.size();
        }
        return new BatchResult(records.size(), counts.indexed, counts.deleted, counts.stale, counts.tombstones,
                counts.deadLettered);
    }

    /**
     * The error handler's last resort for a record whose batch kept failing for a reason that is neither
     * transient nor the record's known fault: dead-lettered, counted and logged like every other dead letter.
     *
     * @throws TransientFailureException the dead letter could not be written: the batch is delivered again
     */
    public void deadLetterAfterRepeatedFailure(ConsumerRecord<?, ?> record, Exception failure) {
        writeDeadLetters(List.of(DeadLetterWriter.unexpected(record, failure)));
    }

    /** Writes the dead letters (all acknowledged, or a TransientFailureException), then counts and logs each. */
    private void writeDeadLetters(List<DeadLetter> letters) {
        deadLetters.write(letters);
        for (DeadLetter letter : letters) {
            metrics.deadLettered(letter.stage(), letter.kind());
            ConsumerRecord<String, byte[]> r = letter.record();
            try (LogFields fields = LogFields.open().at(r.topic(), r.partition(), r.offset())
                    .article(abbreviate(letter.articleId()))) {
                log.warn("dead-lettered id={} version={} topic={} partition={} offset={} to {}: {}",
                        abbreviate(letter.articleId()), letter.articleVersion(), r.topic(), r.partition(), r.offset(),
                        deadLetters.topic(), abbreviate(letter.reason()));
            }
        }
    }

    /** Where and when ingest-service received an article: what its freshness is measured from. */
    private record Received(String feed, Instant at) {
    }

    private void fresh(Received received, String action, Instant acknowledged) {
        if (received != null) {
            metrics.fresh(received.feed(), action, received.at(), acknowledged);
        }
    }

    /** Index actions for the readable articles; tombstones counted, the rest collected as dead letters. */
    private List<Entry<ConsumerRecord<String, byte[]>>> decode(List<ConsumerRecord<String, byte[]>> records,
            Counts counts, List<DeadLetter> letters, Map<ConsumerRecord<String, byte[]>, Received> received) {
        List<Entry<ConsumerRecord<String, byte[]>>> entries = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            EnrichedArticle article;
            try {
                // an unreachable registry throws TransientFailureException out of the batch
                article = decoder.decode(record.topic(), record.value());
            } catch (PoisonRecordException e) {
                letters.add(new DeadLetter(record, DeadLetterWriter.UNDECODABLE, 0, e.getMessage(), record.key(), null));
                continue;
            }
            if (article == null) {
                counts.tombstones++;
                metrics.ignoredTombstone();
                try (LogFields fields = LogFields.open().at(record.topic(), record.partition(), record.offset())) {
                    log.info("ignored tombstone key={} topic={} partition={} offset={}", record.key(), record.topic(),
                            record.partition(), record.offset());
                }
                continue;
            }
            try {
                IndexAction action = ArticleDocument.actionFor(article);
                if (action instanceof IndexAction.Upsert upsert) { // an enrichment in flight may still name a kill
                    action = new IndexAction.Upsert(upsert.id(), upsert.version(), upsert.revision(),
                            relatedLinks.strip(upsert.document()));
                }
                entries.add(new Entry<>(record, action, record.serializedValueSize()));
                RawArticle raw = article.getArticle();
                if (article.getEnrichmentRevision() == 0) { // a re-enrichment of the archive is not news arriving late
                    received.put(record, new Received(raw == null ? null : raw.getFeed(), raw == null ? null : raw.getReceivedAt()));
                }
            } catch (RuntimeException e) {
                letters.add(new DeadLetter(record, DeadLetterWriter.UNMAPPABLE, 0, "cannot map to a document: " + e,
                        article.getId(), article.getVersion()));
            }
        }
        return entries;
    }

    private void article(ConsumerRecord<String, byte[]> record, IndexAction action, Received received, String what) {
        if (!logEveryArticle && !log.isDebugEnabled()) {
            return;
        }
        try (LogFields fields = LogFields.open().at(record.topic(), record.partition(), record.offset())
                .article(abbreviate(action.id())).feed(received == null ? null : received.feed())) {
            log.atLevel(logEveryArticle ? Level.INFO : Level.DEBUG).log("{} id={} version={} revision={} topic={} partition={} offset={}",
                    what, abbreviate(action.id()), action.version(), action.revision(), record.topic(), record.partition(), record.offset());
        }
    }

    static String abbreviate(String text) {
        if (text == null || text.length() <= 300) {
            return text;
        }
        return text.substring(0, 300) + "…(" + text.length() + " chars)";
    }

    private static final class Counts {
        int indexed;
        int deleted;
        int stale;
        int tombstones;
        int deadLettered;
    }
}

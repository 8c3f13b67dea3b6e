package news.pipeline.publish.consume;

import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.publish.config.PublishProperties;
import news.pipeline.publish.consume.DeadLetterPublisher.DeadLetter;
import news.pipeline.publish.consume.DeadLetterPublisher.DeadLetterException;
import news.pipeline.publish.consume.RecordDecoder.Decoded;
import news.pipeline.publish.index.BulkIndexer;
import news.pipeline.publish.index.BulkIndexer.Entry;
import news.pipeline.publish.index.ItemResult;
import news.pipeline.publish.mapping.ArticleDocument;
import news.pipeline.publish.mapping.IndexAction;
import news.pipeline.publish.metrics.PublishMetrics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one batch of consumed records to a safe state: every record is indexed, deleted, ignored as
 * stale (the index holds that version or a newer one), ignored as a tombstone, or acknowledged on
 * the dead-letter topic. Retriable failures (Elasticsearch 429/5xx/unreachable, registry or DLT
 * unreachable) are retried with exponential backoff, as long as it takes; only then does
 * {@link #process} return and the caller may commit the batch's offsets.
 */
public class BatchProcessor {

    private static final Logger log = LoggerFactory.getLogger(BatchProcessor.class);

    private final RecordDecoder decoder;
    private final BulkIndexer indexer;
    private final DeadLetterPublisher deadLetters;
    private final PublishMetrics metrics;
    private final PublishProperties.Retry retry;
    private final boolean logEveryArticle;

    public BatchProcessor(RecordDecoder decoder, BulkIndexer indexer, DeadLetterPublisher deadLetters,
            PublishMetrics metrics, PublishProperties.Retry retry, boolean logEveryArticle) {
        this.decoder = decoder;
        this.indexer = indexer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.retry = retry;
        this.logEveryArticle = logEveryArticle;
    }

    /**
     * Processes the batch into {@code target} (the alias for the live consumer, a concrete index for a
     * reindex). Returns once the batch is safe; throws {@link BatchContext.StopRequestedException}
     * if the service stops first.
     */
    public BatchResult process(List<ConsumerRecord<String, byte[]>> records, String target, boolean requireAlias,
            BatchContext context) {
        metrics.batch(records.size());
        Backoff backoff = new Backoff(retry);
        Counts counts = new Counts();
        List<DeadLetter> letters = new ArrayList<>();
        List<Entry<ConsumerRecord<String, byte[]>>> entries = decode(records, context, backoff, counts, letters);

        List<Entry<ConsumerRecord<String, byte[]>>> toSend = entries;
        while (!toSend.isEmpty()) {
            toSend = owned(toSend, context, counts);
            Map<ConsumerRecord<String, byte[]>, Entry<ConsumerRecord<String, byte[]>>> byRecord = new IdentityHashMap<>();
            toSend.forEach(e -> byRecord.put(e.item(), e));
            List<Entry<ConsumerRecord<String, byte[]>>> again = new ArrayList<>();
            ItemResult<ConsumerRecord<String, byte[]>> firstRetriable = null;
            for (ItemResult<ConsumerRecord<String, byte[]>> result : indexer.execute(toSend, target, requireAlias)) {
                ConsumerRecord<String, byte[]> record = result.item();
                IndexAction action = result.action();
                switch (result.outcome()) {
                    case INDEXED -> {
                        counts.indexed++;
                        metrics.indexed();
                        article(record, action, "indexed");
                    }
                    case DELETED, ALREADY_ABSENT -> {
                        counts.deleted++;
                        metrics.deleted();
                        article(record, action, result.outcome() == ItemResult.Outcome.DELETED
                                ? "deleted (" + ((IndexAction.Delete) action).reason() + ")"
                                : "deleted (" + ((IndexAction.Delete) action).reason() + ", was not in the index)");
                    }
                    case STALE -> {
                        counts.stale++;
                        metrics.ignoredStale();
                        article(record, action, "ignored as stale (the index holds this version or a newer one)");
                    }
                    case REFUSED -> letters.add(new DeadLetter(record, result.errorType(), result.status(),
                            result.describeError(), action.id(), action.version()));
                    case RETRIABLE -> {
                        again.add(byRecord.get(record));
                        if (firstRetriable == null) {
                            firstRetriable = result;
                        }
                    }
                }
            }
            if (!again.isEmpty()) {
                waitBeforeRetry(context, backoff, again.size() + " of " + toSend.size()
                        + " actions not accepted by Elasticsearch (" + firstRetriable.describeError() + ")");
            }
            toSend = again;
        }

        publishDeadLetters(letters, context, backoff, counts);
        return new BatchResult(records.size(), counts.indexed, counts.deleted, counts.stale, counts.tombstones,
                counts.deadLettered, counts.abandoned);
    }

    private List<Entry<ConsumerRecord<String, byte[]>>> decode(List<ConsumerRecord<String, byte[]>> records,
            BatchContext context, Backoff backoff, Counts counts, List<DeadLetter> letters) {
        List<Entry<ConsumerRecord<String, byte[]>>> entries = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> toDecode = records;
        while (!toDecode.isEmpty()) {
            List<ConsumerRecord<String, byte[]>> unavailable = new ArrayList<>();
            String unavailableReason = null;
            for (ConsumerRecord<String, byte[]> record : toDecode) {
                if (!context.owns(partition(record))) {
                    counts.abandoned++;
                    continue;
                }
                Decoded decoded = decoder.decode(record);
                switch (decoded) {
                    case RecordDecoder.Article(EnrichedArticle article) -> {
                        try {
                            IndexAction action = ArticleDocument.actionFor(article);
                            entries.add(new Entry<>(record, action, record.serializedValueSize()));
                        } catch (RuntimeException e) {
                            letters.add(new DeadLetter(record, "unmappable", 0,
                                    "cannot map to a document: " + e, article.getId(), article.getVersion()));
                        }
                    }
                    case RecordDecoder.Tombstone() -> {
                        counts.tombstones++;
                        metrics.ignoredTombstone();
                        log.info("ignored tombstone key={} topic={} partition={} offset={}", record.key(),
                                record.topic(), record.partition(), record.offset());
                    }
                    case RecordDecoder.Undecodable(String reason) ->
                            letters.add(new DeadLetter(record, DeadLetterPublisher.UNDECODABLE, 0, reason, record.key(), null));
                    case RecordDecoder.Unavailable(String reason) -> {
                        unavailable.add(record);
                        unavailableReason = reason;
                    }
                }
            }
            if (!unavailable.isEmpty()) {
                waitBeforeRetry(context, backoff, "schema registry unavailable for " + unavailable.size()
                        + " records (" + unavailableReason + ")");
            }
            toDecode = unavailable;
        }
        return entries;
    }

    private void publishDeadLetters(List<DeadLetter> letters, BatchContext context, Backoff backoff, Counts counts) {
        List<DeadLetter> pending = letters;
        while (!pending.isEmpty()) {
            pending = pending.stream().filter(l -> {
                boolean owned = context.owns(partition(l.record()));
                if (!owned) {
                    counts.abandoned++;
                }
                return owned;
            }).toList();
            if (pending.isEmpty()) {
                return;
            }
            try {
                deadLetters.publish(pending);
            } catch (DeadLetterException e) {
                waitBeforeRetry(context, backoff, pending.size() + " dead letters not written (" + e.getMessage() + ")");
                continue;
            }
            for (DeadLetter letter : pending) {
                counts.deadLettered++;
                if (DeadLetterPublisher.UNDECODABLE.equals(letter.errorType()) || "unmappable".equals(letter.errorType())) {
                    metrics.deadLetteredUndecodable();
                } else {
                    metrics.deadLetteredRefused();
                }
                ConsumerRecord<String, byte[]> r = letter.record();
                log.warn("dead-lettered id={} version={} topic={} partition={} offset={} to {}: {}",
                        abbreviate(letter.articleId()), letter.articleVersion(), r.topic(), r.partition(), r.offset(),
                        deadLetters.topic(), abbreviate(letter.reason()));
            }
            pending = List.of();
        }
    }

    private void waitBeforeRetry(BatchContext context, Backoff backoff, String why) {
        Duration wait = backoff.next();
        metrics.retried();
        log.warn("{}; retry #{} in {} ms, offsets not committed", abbreviate(why), backoff.attempts(), wait.toMillis());
        metrics.waiting(true);
        try {
            context.await(wait, why);
        } finally {
            metrics.waiting(false);
        }
    }

    private List<Entry<ConsumerRecord<String, byte[]>>> owned(List<Entry<ConsumerRecord<String, byte[]>>> entries,
            BatchContext context, Counts counts) {
        List<Entry<ConsumerRecord<String, byte[]>>> owned = new ArrayList<>(entries.size());
        for (Entry<ConsumerRecord<String, byte[]>> entry : entries) {
            if (context.owns(partition(entry.item()))) {
                owned.add(entry);
            } else {
                counts.abandoned++;
            }
        }
        return owned;
    }

    private void article(ConsumerRecord<String, byte[]> record, IndexAction action, String what) {
        if (logEveryArticle) {
            log.info("{} id={} version={} topic={} partition={} offset={}", what, abbreviate(action.id()),
                    action.version(), record.topic(), record.partition(), record.offset());
        } else if (log.isDebugEnabled()) {
            log.debug("{} id={} version={} topic={} partition={} offset={}", what, abbreviate(action.id()),
                    action.version(), record.topic(), record.partition(), record.offset());
        }
    }

    static String abbreviate(String text) {
        if (text == null || text.length() <= 300) {
            return text;
        }
        return text.substring(0, 300) + "…(" + text.length() + " chars)";
    }

    private static TopicPartition partition(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private static final class Counts {
        int indexed;
        int deleted;
        int stale;
        int tombstones;
        int deadLettered;
        int abandoned;
    }
}

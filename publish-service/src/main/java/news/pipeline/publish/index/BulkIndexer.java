package news.pipeline.publish.index;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import news.pipeline.publish.index.ItemResult.Outcome;
import news.pipeline.publish.mapping.IndexAction;
import news.pipeline.publish.metrics.PublishMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends index actions as bulk requests with {@code version_type=external} and classifies what
 * Elasticsearch answered for every item.
 *
 * <ul>
 *   <li>2xx → INDEXED / DELETED; a delete answered 404 {@code not_found} → ALREADY_ABSENT;</li>
 *   <li>409 {@code version_conflict_engine_exception} → STALE (the index holds that version or newer);</li>
 *   <li>429, 5xx, 408, a missing alias or index, no connection → RETRIABLE;</li>
 *   <li>any other 4xx → REFUSED.</li>
 * </ul>
 * Elasticsearch refuses some problems for the whole request rather than per item (an {@code _id}
 * over 512 bytes fails the bulk with 400 {@code action_request_validation_exception}): such a
 * request is split in halves until the refused items stand alone, so the rest still gets indexed.
 */
public class BulkIndexer {

    private static final Logger log = LoggerFactory.getLogger(BulkIndexer.class);

    /** One action to send, with the caller's own item (e.g. the Kafka record) and its approximate size. */
    public record Entry<T>(T item, IndexAction action, long sizeBytes) {
    }

    private final ElasticsearchClient client;
    private final int maxActions;
    private final long maxBytes;
    private final PublishMetrics metrics;

    public BulkIndexer(ElasticsearchClient client, int maxActions, long maxBytes, PublishMetrics metrics) {
        this.client = client;
        this.maxActions = maxActions;
        this.maxBytes = maxBytes;
        this.metrics = metrics;
    }

    /**
     * Sends the entries in bulk requests of at most {@code maxActions} actions and {@code maxBytes}
     * bytes to {@code target}. With {@code requireAlias}, a target that is not an alias is refused
     * by Elasticsearch (retriable here) instead of being auto-created as an index.
     *
     * @return one result per entry, in order
     */
    public <T> List<ItemResult<T>> execute(List<Entry<T>> entries, String target, boolean requireAlias) {
        List<ItemResult<T>> results = new ArrayList<>(entries.size());
        List<Entry<T>> chunk = new ArrayList<>();
        long chunkBytes = 0;
        for (Entry<T> entry : entries) {
            if (!chunk.isEmpty() && (chunk.size() >= maxActions || chunkBytes + entry.sizeBytes() > maxBytes)) {
                results.addAll(send(chunk, target, requireAlias));
                chunk = new ArrayList<>();
                chunkBytes = 0;
            }
            chunk.add(entry);
            chunkBytes += entry.sizeBytes();
        }
        if (!chunk.isEmpty()) {
            results.addAll(send(chunk, target, requireAlias));
        }
        return results;
    }

    private <T> List<ItemResult<T>> send(List<Entry<T>> entries, String target, boolean requireAlias) {
        List<BulkOperation> operations = entries.stream().map(e -> operation(e.action(), target)).toList();
        long started = System.nanoTime();
        try {
            BulkResponse response = client.bulk(b -> b.operations(operations).requireAlias(requireAlias));
            metrics.bulk(Duration.ofNanos(System.nanoTime() - started), true);
            List<ItemResult<T>> results = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                results.add(classify(entries.get(i), response.items().get(i)));
            }
            return results;
        } catch (ElasticsearchException e) {
            metrics.bulk(Duration.ofNanos(System.nanoTime() - started), false);
            ErrorCause error = e.error();
            return wholeRequestFailed(entries, target, requireAlias, e.status(),
                    error == null ? null : error.type(), error == null ? e.getMessage() : error.reason());
        } catch (TransportException e) {
            metrics.bulk(Duration.ofNanos(System.nanoTime() - started), false);
            return wholeRequestFailed(entries, target, requireAlias, e.statusCode(), "transport_exception", e.getMessage());
        } catch (IOException | RuntimeException e) {
            // connection refused or reset, timeouts, a node that went away: no answer to classify
            metrics.bulk(Duration.ofNanos(System.nanoTime() - started), false);
            return all(entries, Outcome.RETRIABLE, 0, e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }

    private <T> List<ItemResult<T>> wholeRequestFailed(List<Entry<T>> entries, String target, boolean requireAlias,
            int status, String type, String reason) {
        if (isRetriable(status, type)) {
            return all(entries, Outcome.RETRIABLE, status, type, reason);
        }
        if (entries.size() == 1) {
            return all(entries, Outcome.REFUSED, status, type, reason);
        }
        log.info("bulk of {} refused as a whole ({} {}): splitting it to find the refused documents",
                entries.size(), status, type);
        int half = entries.size() / 2;
        List<ItemResult<T>> results = new ArrayList<>(send(entries.subList(0, half), target, requireAlias));
        results.addAll(send(entries.subList(half, entries.size()), target, requireAlias));
        return results;
    }

    private static BulkOperation operation(IndexAction action, String target) {
        return switch (action) {
            case IndexAction.Upsert upsert -> BulkOperation.of(o -> o.index(i -> i
                    .index(target)
                    .id(upsert.id())
                    .version(upsert.externalVersion())
                    .versionType(VersionType.External)
                    .document(upsert.document())));
            case IndexAction.Delete delete -> BulkOperation.of(o -> o.delete(d -> d
                    .index(target)
                    .id(delete.id())
                    .version(delete.externalVersion())
                    .versionType(VersionType.External)));
        };
    }

    private static <T> ItemResult<T> classify(Entry<T> entry, BulkResponseItem item) {
        int status = item.status();
        ErrorCause error = item.error();
        boolean delete = entry.action() instanceof IndexAction.Delete;
        if (error == null) {
            if (delete) {
                Outcome outcome = status == 404 || "not_found".equals(item.result()) ? Outcome.ALREADY_ABSENT : Outcome.DELETED;
                return new ItemResult<>(entry.item(), entry.action(), outcome, status, null, item.result());
            }
            return new ItemResult<>(entry.item(), entry.action(), Outcome.INDEXED, status, null, item.result());
        }
        String type = error.type();
        if (status == 409 && "version_conflict_engine_exception".equals(type)) {
            return new ItemResult<>(entry.item(), entry.action(), Outcome.STALE, status, type, error.reason());
        }
        Outcome outcome = isRetriable(status, type) ? Outcome.RETRIABLE : Outcome.REFUSED;
        return new ItemResult<>(entry.item(), entry.action(), outcome, status, type, error.reason());
    }

    /** Transient by nature, or a missing alias/index that the service (or an operator) will put back. */
    static boolean isRetriable(int status, String type) {
        return status == 0 || status == 408 || status == 429 || status >= 500
                || "index_not_found_exception".equals(type)
                || "cluster_block_exception".equals(type);
    }

    private static <T> List<ItemResult<T>> all(List<Entry<T>> entries, Outcome outcome, int status, String type,
            String reason) {
        return entries.stream()
                .map(e -> new ItemResult<>(e.item(), e.action(), outcome, status, type, reason))
                .toList();
    }
}

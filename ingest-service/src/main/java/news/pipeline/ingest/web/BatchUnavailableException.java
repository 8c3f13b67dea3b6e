package news.pipeline.ingest.web;

import java.util.List;
import news.pipeline.ingest.events.EventStoreUnavailableException;

/**
 * Kafka or the registry became unavailable during a batch: answered 503 with what happened to
 * each item. Re-posting the whole batch is safe: items already accepted come back unchanged.
 */
public class BatchUnavailableException extends RuntimeException {

    private final List<Receipts.BatchItem> items;

    public BatchUnavailableException(EventStoreUnavailableException cause, List<Receipts.BatchItem> items) {
        super(cause.getMessage(), cause);
        this.items = List.copyOf(items);
    }

    public List<Receipts.BatchItem> items() {
        return items;
    }
}

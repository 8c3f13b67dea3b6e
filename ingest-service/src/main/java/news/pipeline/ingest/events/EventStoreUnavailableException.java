package news.pipeline.ingest.events;

/** Kafka or the schema registry is unreachable: nothing was written, the feed should retry later (503). */
public class EventStoreUnavailableException extends RuntimeException {

    public EventStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

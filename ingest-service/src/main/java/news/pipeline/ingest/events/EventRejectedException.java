package news.pipeline.ingest.events;

/**
 * The event cannot be written however often it is retried: the record is larger than the topic
 * accepts (413), or the registry refuses the schema (500, a deployment problem, not the feed's).
 */
public class EventRejectedException extends RuntimeException {

    private final int status;

    public EventRejectedException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

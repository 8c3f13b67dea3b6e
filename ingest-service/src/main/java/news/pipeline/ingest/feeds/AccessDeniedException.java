package news.pipeline.ingest.feeds;

/**
 * A request refused before its body is read: no or unknown API key (401), a key of another feed (403),
 * or over the feed's rate (429, with the time to wait).
 */
public class AccessDeniedException extends RuntimeException {

    public enum Reason { MISSING_API_KEY, INVALID_API_KEY, WRONG_FEED, RATE_LIMITED }

    private final Reason reason;
    private final java.time.Duration retryAfter;

    public AccessDeniedException(Reason reason, String message, java.time.Duration retryAfter) {
        super(message);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() {
        return reason;
    }

    public java.time.Duration retryAfter() {
        return retryAfter;
    }
}

package news.pipeline.support.failure;

/**
 * A failure that is not the record's fault and may pass (registry, broker or Elasticsearch unreachable):
 * retried with backoff for as long as it lasts, never dead-lettered.
 */
public class TransientFailureException extends RuntimeException {

    private final String stage;

    public TransientFailureException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}

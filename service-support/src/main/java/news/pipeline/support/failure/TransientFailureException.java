package news.pipeline.support.failure;

/**
 * A failure that is not the record's fault and may pass (registry, broker or Elasticsearch unreachable):
 * retried with backoff for as long as it lasts, never dead-lettered.
 */
public final class TransientFailureException extends RecordFailure {

    public TransientFailureException(String stage, String message, Throwable cause) {
        super(stage, message, cause);
    }
}

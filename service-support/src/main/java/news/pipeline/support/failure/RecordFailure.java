package news.pipeline.support.failure;

/**
 * A failure to process one record, with the stage where it happened (deserialize, validate, enrich,
 * index, …), which travels with a dead letter. Either {@link PoisonRecordException} or {@link TransientFailureException}.
 */
public abstract sealed class RecordFailure extends RuntimeException
        permits PoisonRecordException, TransientFailureException {

    private final String stage;

    protected RecordFailure(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}

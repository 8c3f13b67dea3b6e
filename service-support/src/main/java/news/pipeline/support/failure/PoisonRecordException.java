package news.pipeline.support.failure;

/**
 * A record that will fail however often it is tried (not decodable, invalid, refused for good): it goes
 * to the dead-letter topic at once.
 */
public final class PoisonRecordException extends RecordFailure {

    public PoisonRecordException(String stage, String message, Throwable cause) {
        super(stage, message, cause);
    }
}

package news.pipeline.support.failure;

/**
 * A record that will fail however often it is tried (not decodable, invalid, refused for good): it goes
 * to the dead-letter topic at once. {@code stage} says where it failed (deserialize, validate, enrich,
 * index, …) and travels with the dead letter.
 */
public class PoisonRecordException extends RuntimeException {

    private final String stage;

    public PoisonRecordException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }
}

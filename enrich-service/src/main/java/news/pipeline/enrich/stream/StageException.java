package news.pipeline.enrich.stream;

/**
 * A failure in one stage of processing a record: {@code deserialize}, {@code validate} or {@code enrich}
 * (anything else failing after the function, e.g. writing the output, is reported as {@code produce}).
 * The stage travels to the dead-letter record in the {@code x-dead-letter-stage} header.
 */
public abstract class StageException extends RuntimeException {

    private final String stage;

    protected StageException(String stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public String stage() {
        return stage;
    }

    /** Will fail again however often it is retried: straight to the dead-letter topic. */
    public static final class Poison extends StageException {
        public Poison(String stage, String message, Throwable cause) {
            super(stage, message, cause);
        }
    }

    /** May succeed later (registry unreachable, I/O hiccup): retried with backoff first. */
    public static final class Transient extends StageException {
        public Transient(String stage, String message, Throwable cause) {
            super(stage, message, cause);
        }
    }
}

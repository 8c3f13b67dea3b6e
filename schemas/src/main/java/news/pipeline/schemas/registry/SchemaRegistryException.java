package news.pipeline.schemas.registry;

/**
 * The registry refused a request or could not be reached. {@link #status()} is the HTTP status
 * (0 when no answer came) and {@link #errorCode()} the registry's own error code (Confluent's
 * {@code error_code}; Apicurio answers 0 on conflicts).
 */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    public int status() {
        return status;
    }

    public int errorCode() {
        return errorCode;
    }

    /** The registry could not be reached or kept failing with 5xx after every retry: try again later. */
    public static final class Unavailable extends SchemaRegistryException {
        public Unavailable(String message, int status, Throwable cause) {
            super(message, status, -1, cause);
        }
    }

    /** The schema breaks the subject's compatibility rule (HTTP 409): a contract change that needs a decision. */
    public static final class IncompatibleSchema extends SchemaRegistryException {
        public IncompatibleSchema(String message, int errorCode) {
            super(message, 409, errorCode, null);
        }
    }

    /** Unknown subject, version or schema id (HTTP 404). */
    public static final class NotFound extends SchemaRegistryException {
        public NotFound(String message, int errorCode) {
            super(message, 404, errorCode, null);
        }
    }
}

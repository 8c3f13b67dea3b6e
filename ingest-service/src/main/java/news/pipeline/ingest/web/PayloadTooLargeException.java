package news.pipeline.ingest.web;

/** The body, or the number of articles in a batch, is over the configured limit (413). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}

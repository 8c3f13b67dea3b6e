package news.pipeline.enrich.audio;

/** The audio file could not be fetched or measured; the message says why (it ends up in measurementError). */
public class AudioFetchException extends Exception {
    public AudioFetchException(String message) {
        super(message);
    }

    public AudioFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}

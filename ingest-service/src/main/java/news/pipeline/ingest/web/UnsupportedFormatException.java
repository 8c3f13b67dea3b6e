package news.pipeline.ingest.web;

import java.util.List;
import org.springframework.http.MediaType;

/** The Content-Type is missing, malformed, or not one this endpoint reads (415). */
public class UnsupportedFormatException extends RuntimeException {

    private final List<MediaType> supported;

    public UnsupportedFormatException(String message, List<MediaType> supported) {
        super(message);
        this.supported = supported;
    }

    public List<MediaType> supported() {
        return supported;
    }
}

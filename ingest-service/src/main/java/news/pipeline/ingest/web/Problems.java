package news.pipeline.ingest.web;

import java.net.URI;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * The problem types this service answers with (RFC 9457). Each {@code type} is the configured base
 * URI plus a slug; the slug is also the {@code reason} tag of the refusal metric.
 */
@Component
public class Problems {

    public static final String MALFORMED_INPUT = "malformed-input";
    public static final String MISSING_API_KEY = "missing-api-key";
    public static final String INVALID_API_KEY = "invalid-api-key";
    public static final String WRONG_FEED = "wrong-feed";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String PAYLOAD_TOO_LARGE = "payload-too-large";
    public static final String UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type";
    public static final String STALE_VERSION = "stale-version";
    public static final String UNAVAILABLE = "unavailable";
    public static final String EVENT_REJECTED = "event-rejected";
    public static final String INTERNAL_ERROR = "internal-error";

    private final URI base;

    public Problems(WebSettings settings) {
        String text = settings.problemBaseUri().toString();
        this.base = URI.create(text.endsWith("/") ? text : text + "/");
    }

    public URI type(String slug) {
        return base.resolve(slug);
    }

    public ProblemDetail create(HttpStatusCode status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(slug));
        problem.setTitle(title);
        return problem;
    }

    /** The slug of a type this service minted, or a slug made from the status for Spring's own errors. */
    public String slugOf(ProblemDetail problem) {
        String type = problem.getType().toString();
        if (type.startsWith(base.toString())) {
            return type.substring(base.toString().length());
        }
        return slugForStatus(problem.getStatus());
    }

    static String slugForStatus(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : "http-" + status;
        };
    }
}

package news.pipeline.ingest.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import news.pipeline.ingest.events.EventRejectedException;
import news.pipeline.ingest.events.EventStoreUnavailableException;
import news.pipeline.ingest.feeds.AccessDeniedException;
import news.pipeline.ingest.feeds.FeedAccessInterceptor;
import news.pipeline.ingest.feeds.FeedContext;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.service.IngestMetrics;
import news.pipeline.ingest.service.StaleVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as an RFC 9457 problem detail ({@code application/problem+json}), Spring's own
 * (404, 405, ...) included, with a {@code type} of this service. Each refusal is one log line
 * (no stack trace: they are expected) and one count in {@code ingest.articles.refused}.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private final Problems problems;
    private final IngestMetrics metrics;
    private final Duration retryAfter;

    public ProblemHandler(Problems problems, IngestMetrics metrics, WebSettings settings) {
        this.problems = problems;
        this.metrics = metrics;
        this.retryAfter = settings.limits().retryAfter();
    }

    @ExceptionHandler(InvalidArticleException.class)
    ResponseEntity<ProblemDetail> malformed(InvalidArticleException e, HttpServletRequest request) {
        ProblemDetail problem = problems.create(HttpStatus.BAD_REQUEST, Problems.MALFORMED_INPUT, "Malformed article",
                e.getMessage());
        problem.setProperty("field", e.errors().getFirst().field());
        problem.setProperty("errors", e.errors());
        return refuse(request, problem, new HttpHeaders());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ProblemDetail> denied(AccessDeniedException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        ProblemDetail problem = switch (e.reason()) {
            case MISSING_API_KEY -> problems.create(HttpStatus.UNAUTHORIZED, Problems.MISSING_API_KEY, "API key required", e.getMessage());
            case INVALID_API_KEY -> problems.create(HttpStatus.UNAUTHORIZED, Problems.INVALID_API_KEY, "API key not valid", e.getMessage());
            case WRONG_FEED -> problems.create(HttpStatus.FORBIDDEN, Problems.WRONG_FEED, "Not allowed for this feed", e.getMessage());
            case RATE_LIMITED -> problems.create(HttpStatus.TOO_MANY_REQUESTS, Problems.RATE_LIMITED, "Too many requests", e.getMessage());
        };
        if (problem.getStatus() == 401) {
            headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"news-ingest\"");
        }
        if (e.retryAfter() != null) {
            headers.set(HttpHeaders.RETRY_AFTER, seconds(e.retryAfter()));
        }
        return refuse(request, problem, headers);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        return refuse(request, problems.create(HttpStatus.CONTENT_TOO_LARGE, Problems.PAYLOAD_TOO_LARGE,
                "Request body too large", e.getMessage()), new HttpHeaders());
    }

    @ExceptionHandler(UnsupportedFormatException.class)
    ResponseEntity<ProblemDetail> unsupported(UnsupportedFormatException e, HttpServletRequest request) {
        ProblemDetail problem = problems.create(HttpStatus.UNSUPPORTED_MEDIA_TYPE, Problems.UNSUPPORTED_MEDIA_TYPE,
                "Unsupported media type", e.getMessage());
        problem.setProperty("supported", e.supported().stream().map(MediaType::toString).toList());
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(e.supported());
        return refuse(request, problem, headers);
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<ProblemDetail> stale(StaleVersionException e, HttpServletRequest request) {
        ProblemDetail problem = problems.create(HttpStatus.CONFLICT, Problems.STALE_VERSION, "Stale version", e.getMessage());
        problem.setProperty("field", "version");
        problem.setProperty("articleId", e.articleId());
        problem.setProperty("currentVersion", e.currentVersion());
        return refuse(request, problem, new HttpHeaders());
    }

    @ExceptionHandler(EventStoreUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(EventStoreUnavailableException e, HttpServletRequest request) {
        return refuse(request, unavailableProblem(e.getMessage()), retryAfterHeaders());
    }

    @ExceptionHandler(BatchUnavailableException.class)
    ResponseEntity<ProblemDetail> batchUnavailable(BatchUnavailableException e, HttpServletRequest request) {
        ProblemDetail problem = unavailableProblem(e.getMessage()
                + "; items before the failure are listed, re-posting the whole batch is safe");
        problem.setProperty("items", e.items());
        return refuse(request, problem, retryAfterHeaders());
    }

    @ExceptionHandler(EventRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(EventRejectedException e, HttpServletRequest request) {
        ProblemDetail problem = problems.create(HttpStatusCode.valueOf(e.status()), Problems.EVENT_REJECTED,
                "Event rejected", e.getMessage());
        return refuse(request, problem, new HttpHeaders());
    }

    /** Anything unexpected: the one case that deserves a stack trace in the log. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = problems.create(HttpStatus.INTERNAL_SERVER_ERROR, Problems.INTERNAL_ERROR,
                "Internal error", "the request could not be processed; nothing was written");
        metrics.refused(feedOf(request), Problems.INTERNAL_ERROR);
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** Spring's own errors (404, 405, 406, ...) get a type of ours, are counted and logged like ours. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(problems.type(Problems.slugForStatus(status.value())));
            }
            if (request instanceof NativeWebRequest nativeRequest
                    && nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
                record(servletRequest, problem);
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private ProblemDetail unavailableProblem(String detail) {
        return problems.create(HttpStatus.SERVICE_UNAVAILABLE, Problems.UNAVAILABLE, "Event store unavailable",
                detail + "; nothing was written, retry later");
    }

    private HttpHeaders retryAfterHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, seconds(retryAfter));
        return headers;
    }

    private ResponseEntity<ProblemDetail> refuse(HttpServletRequest request, ProblemDetail problem, HttpHeaders headers) {
        record(request, problem);
        return ResponseEntity.status(problem.getStatus()).headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private void record(HttpServletRequest request, ProblemDetail problem) {
        String feed = feedOf(request);
        String reason = problems.slugOf(problem);
        if (request.getRequestURI().startsWith("/feeds/")) {
            metrics.refused(feed, reason);
        }
        log.warn("refused {} {} feed={} status={} reason={}: {}", request.getMethod(), request.getRequestURI(), feed,
                problem.getStatus(), reason, problem.getDetail());
    }

    private static String feedOf(HttpServletRequest request) {
        if (request.getAttribute(FeedAccessInterceptor.FEED_ATTRIBUTE) instanceof FeedContext feed) {
            return feed.name();
        }
        return "unauthenticated";
    }

    private static String seconds(Duration duration) {
        return Long.toString(Math.max(1, (duration.toMillis() + 999) / 1000));
    }
}

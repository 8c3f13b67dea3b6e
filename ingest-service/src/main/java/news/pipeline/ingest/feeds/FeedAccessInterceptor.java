package news.pipeline.ingest.feeds;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import news.pipeline.ingest.feeds.AccessDeniedException.Reason;
import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Runs before every {@code /feeds/{feed}/...} handler, before the body is read: authenticates the
 * API key ({@code X-Api-Key}, or {@code Authorization: Bearer <key>}), checks it belongs to the
 * feed in the path, applies the feed's rate limit, and hands the feed to the handler as a request
 * attribute. Refusals are thrown and rendered as problem details like every other error.
 */
public class FeedAccessInterceptor implements HandlerInterceptor {

    public static final String FEED_ATTRIBUTE = FeedContext.class.getName();
    public static final String API_KEY_HEADER = "X-Api-Key";

    private final FeedRegistry feeds;
    private final FeedRateLimiter rateLimiter;

    public FeedAccessInterceptor(FeedRegistry feeds, FeedRateLimiter rateLimiter) {
        this.feeds = feeds;
        this.rateLimiter = rateLimiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod)) {
            return true; // not an intake endpoint (an unknown path): let it answer 404
        }
        String key = apiKey(request).orElseThrow(() -> new AccessDeniedException(Reason.MISSING_API_KEY,
                "send the feed's API key in the X-Api-Key header or as Authorization: Bearer <key>", null));
        String keyFeed = feeds.feedForKey(key).orElseThrow(() -> new AccessDeniedException(Reason.INVALID_API_KEY,
                "the API key is not valid", null));
        String pathFeed = pathFeed(request);
        if (!keyFeed.equals(pathFeed)) {
            throw new AccessDeniedException(Reason.WRONG_FEED, "the API key does not allow posting for feed '" + pathFeed + "'", null);
        }
        FeedContext feed = feeds.feed(keyFeed).orElseThrow();
        request.setAttribute(FEED_ATTRIBUTE, feed);
        Optional<Duration> wait = rateLimiter.tryAcquire(feed);
        if (wait.isPresent()) {
            throw new AccessDeniedException(Reason.RATE_LIMITED, "feed '" + feed.name() + "' is limited to "
                    + feed.settings().rateLimitPerSecond() + " requests per second", wait.get());
        }
        return true;
    }

    static Optional<String> apiKey(HttpServletRequest request) {
        String header = request.getHeader(API_KEY_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(header.trim());
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && !authorization.substring(7).isBlank()) {
            return Optional.of(authorization.substring(7).trim());
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    static String pathFeed(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        return variables instanceof Map<?, ?> map && map.get("feed") != null ? map.get("feed").toString() : "";
    }
}

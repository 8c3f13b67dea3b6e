package news.pipeline.ingest.feeds;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per feed: {@code burst} requests at once, refilled at {@code rateLimitPerSecond}.
 * Counted per request (a batch is one request; its size is bounded separately), in memory, per
 * instance — behind several instances each allows the full rate.
 */
public final class FeedRateLimiter {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public FeedRateLimiter() {
        this(System::nanoTime);
    }

    public FeedRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Empty when allowed, else how long until the next request would be. */
    public java.util.Optional<Duration> tryAcquire(FeedContext feed) {
        Bucket bucket = buckets.computeIfAbsent(feed.name(),
                name -> new Bucket(feed.settings().effectiveBurst(), feed.settings().rateLimitPerSecond(), nanoClock.getAsLong()));
        return bucket.take(nanoClock.getAsLong());
    }

    private static final class Bucket {
        private final double capacity;
        private final double perNano;
        private double tokens;
        private long last;

        Bucket(int capacity, double perSecond, long now) {
            this.capacity = capacity;
            this.perNano = perSecond / 1e9;
            this.tokens = capacity;
            this.last = now;
        }

        synchronized java.util.Optional<Duration> take(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return java.util.Optional.empty();
            }
            long waitNanos = perNano <= 0 ? Duration.ofHours(1).toNanos() : (long) Math.ceil((1 - tokens) / perNano);
            return java.util.Optional.of(Duration.ofNanos(waitNanos));
        }
    }
}

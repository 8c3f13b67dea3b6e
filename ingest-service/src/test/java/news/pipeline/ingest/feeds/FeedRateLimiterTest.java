package news.pipeline.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeedRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong();
    private final FeedRateLimiter limiter = new FeedRateLimiter(nanos::get);
    private final FeedContext feed = new FeedContext("f", new FeedSettings(List.of("k"), ZoneId.of("UTC"), null, 2, 3, null, null));

    @Test
    void burstThenRate() {
        assertThat(limiter.tryAcquire(feed)).isEmpty();
        assertThat(limiter.tryAcquire(feed)).isEmpty();
        assertThat(limiter.tryAcquire(feed)).isEmpty();
        assertThat(limiter.tryAcquire(feed)).hasValueSatisfying(wait -> assertThat(wait).isEqualTo(Duration.ofMillis(500)));

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.tryAcquire(feed)).isEmpty();
        assertThat(limiter.tryAcquire(feed)).isPresent();
    }

    @Test
    void feedsHaveTheirOwnBuckets() {
        FeedContext other = new FeedContext("g", feed.settings());
        for (int i = 0; i < 3; i++) {
            limiter.tryAcquire(feed);
        }
        assertThat(limiter.tryAcquire(feed)).isPresent();
        assertThat(limiter.tryAcquire(other)).isEmpty();
    }
}

package news.pipeline.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class FeedActivityTest {

    private Instant now = Instant.parse("2026-12-03T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    @Test
    void aFeedWithNothingForLongerThanItsQuietAfterIsQuietUntilItsNextArticle() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        FeedActivity activity = new FeedActivity(new FeedProperties(Map.of(
                "wire", settings(Duration.ofHours(1)), "site", settings(null))), clock, meters);

        assertThat(activity.health().getStatus()).isEqualTo(Status.UP);
        now = now.plus(Duration.ofMinutes(59));
        activity.articleFrom("site");
        assertThat(activity.health().getStatus()).isEqualTo(Status.UP);

        now = now.plus(Duration.ofMinutes(1)); // an hour since the start, and nothing from "wire"
        Health quiet = activity.health();
        assertThat(quiet.getStatus().getCode()).isEqualTo(FeedActivity.QUIET);
        assertThat(quiet.getDetails()).extractingByKey("wire").asString().contains("quiet=true", "silentSeconds=3600");
        assertThat(quiet.getDetails()).extractingByKey("site").asString().contains("quiet=false", "silentSeconds=60",
                "quietAfterSeconds=never");
        assertThat(meters.get("ingest.feed.silence").tag("feed", "wire").gauge().value()).isEqualTo(3600.0);

        activity.articleFrom("wire");
        assertThat(activity.health().getStatus()).isEqualTo(Status.UP);
        assertThat(meters.get("ingest.feed.silence").tag("feed", "wire").gauge().value()).isZero();
        // a feed without quiet-after is never quiet
        now = now.plus(Duration.ofDays(30));
        activity.articleFrom("wire");
        assertThat(activity.health().getStatus()).isEqualTo(Status.UP);
    }

    private static FeedSettings settings(Duration quietAfter) {
        return new FeedSettings(List.of("k-" + quietAfter), ZoneId.of("UTC"), null, 10, null, quietAfter, null);
    }
}

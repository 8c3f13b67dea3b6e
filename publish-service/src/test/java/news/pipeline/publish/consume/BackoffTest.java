package news.pipeline.publish.consume;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import news.pipeline.publish.config.PublishProperties;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void growsExponentiallyWithJitterAndStopsAtTheCap() {
        Backoff backoff = new Backoff(new PublishProperties.Retry(Duration.ofMillis(100), Duration.ofSeconds(1), 2.0));

        Duration first = backoff.next();
        Duration second = backoff.next();
        Duration third = backoff.next();
        for (int i = 0; i < 10; i++) {
            backoff.next();
        }
        Duration late = backoff.next();

        assertThat(first).isBetween(Duration.ofMillis(100), Duration.ofMillis(120));
        assertThat(second).isBetween(Duration.ofMillis(200), Duration.ofMillis(240));
        assertThat(third).isBetween(Duration.ofMillis(400), Duration.ofMillis(480));
        assertThat(late).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.attempts()).isEqualTo(14);
    }
}

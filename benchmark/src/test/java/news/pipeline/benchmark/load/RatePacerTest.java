package news.pipeline.benchmark.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RatePacerTest {

    @Test
    void requestsAreDueAtIndexOverRate() {
        assertThat(RatePacer.intervalMs(50)).isEqualTo(20.0);
        assertThat(RatePacer.scheduledOffsetMs(0, 50)).isEqualTo(0.0);
        assertThat(RatePacer.scheduledOffsetMs(1, 50)).isEqualTo(20.0);
        assertThat(RatePacer.scheduledOffsetMs(250, 50)).isEqualTo(5000.0);
        assertThat(RatePacer.scheduledOffsetMs(3, 0.5)).isEqualTo(6000.0);
    }

    @Test
    void fullSpeedMeansNoPacing() {
        assertThat(RatePacer.paced(0)).isFalse();
        assertThat(RatePacer.paced(-1)).isFalse();
        assertThat(RatePacer.paced(Double.NaN)).isFalse();
        assertThat(RatePacer.scheduledOffsetMs(100, 0)).isZero();
    }

    @Test
    void waitIsRoundedUpAndNeverNegative() {
        assertThat(RatePacer.waitMs(1000.0, 1010.2)).isEqualTo(11);
        assertThat(RatePacer.waitMs(1000.0, 1000.0)).isZero();
        assertThat(RatePacer.waitMs(1000.0, 900.0)).isZero();
    }

    @Test
    void halfOfTheMeasuredRate() {
        assertThat(RatePacer.fractionOf(123.4, 0.5)).isCloseTo(61.7, within(1e-9));
        assertThatThrownBy(() -> RatePacer.fractionOf(Double.NaN, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RatePacer.fractionOf(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ratesOverAnInterval() {
        assertThat(RatePacer.perSecond(100, 0, 2000)).isEqualTo(50.0);
        assertThat(RatePacer.perSecond(100, 5000, 5000)).isNaN();
        assertThat(RatePacer.perSecond(0, 0, 1000)).isNaN();
        assertThat(RatePacer.durationSeconds(101, 50)).isEqualTo(2.0);
        assertThat(RatePacer.durationSeconds(1, 50)).isZero();
    }

    @Test
    void pacedScheduleAtHalfTheFullRateTakesTwiceAsLong() {
        double full = 80;
        double half = RatePacer.fractionOf(full, 0.5);
        int n = 401;
        assertThat(RatePacer.scheduledOffsetMs(n - 1, half)).isEqualTo(2 * RatePacer.scheduledOffsetMs(n - 1, full));
        assertThat(RatePacer.durationSeconds(n, half)).isEqualTo(10.0);
    }

    @Test
    void retryAfterHeaderInSeconds() {
        assertThat(HttpPoster.retryAfterMs("5")).isEqualTo(5000);
        assertThat(HttpPoster.retryAfterMs("0")).isEqualTo(50);
        assertThat(HttpPoster.retryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(200);
    }
}

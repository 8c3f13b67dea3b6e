package news.pipeline.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        double[] values = IntStream.rangeClosed(1, 100).mapToDouble(i -> 101 - i).toArray(); // unsorted on purpose
        Summary s = Summary.of(values);
        assertThat(s.count()).isEqualTo(100);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.p50()).isEqualTo(50);
        assertThat(s.p95()).isEqualTo(95);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.max()).isEqualTo(100);
        assertThat(s.mean()).isEqualTo(50.5);
    }

    @Test
    void smallSetsTakeAMeasuredValue() {
        assertThat(Summary.percentile(new double[] {300, 100, 200}, 50)).isEqualTo(200);
        assertThat(Summary.percentile(new double[] {300, 100, 200}, 99)).isEqualTo(300);
        assertThat(Summary.percentile(new double[] {5}, 1)).isEqualTo(5);
        assertThat(Summary.percentile(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2);
        assertThat(Summary.percentile(new double[] {1, 2, 3, 4}, 75)).isEqualTo(3);
        assertThat(Summary.percentile(new double[] {1, 2, 3, 4}, 100)).isEqualTo(4);
    }

    @Test
    void thousandValuesP99IsThe990th() {
        double[] values = IntStream.rangeClosed(1, 1000).mapToDouble(i -> i).toArray();
        assertThat(Summary.percentile(values, 99)).isEqualTo(990);
        assertThat(Summary.percentile(values, 99.9)).isEqualTo(999);
    }

    @Test
    void nonFiniteValuesAreIgnoredAndEmptyIsNaN() {
        Summary s = Summary.of(List.of(1.0, Double.NaN, 3.0));
        assertThat(s.count()).isEqualTo(2);
        assertThat(s.p50()).isEqualTo(1);
        assertThat(Summary.of(List.<Double>of()).count()).isZero();
        assertThat(Summary.of(List.<Double>of()).p99()).isNaN();
    }

    @Test
    void percentileOutsideRangeIsRefused() {
        assertThatThrownBy(() -> Summary.percentile(new double[] {1}, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Summary.percentile(new double[] {1}, 101)).isInstanceOf(IllegalArgumentException.class);
    }
}

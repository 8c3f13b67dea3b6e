package news.pipeline.benchmark.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Distribution of a set of values (milliseconds, usually): count, min, mean, p50, p95, p99, max.
 * Percentiles use the nearest-rank method: the p-th percentile of n sorted values is the value at
 * rank ceil(p/100 × n) (1-based), so it is always one of the measured values and p100 is the max.
 * An empty set gives count 0 and NaN for everything else.
 */
public record Summary(int count, double min, double mean, double p50, double p95, double p99, double max) {

    public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public static Summary of(Collection<? extends Number> values) {
        return of(values.stream().mapToDouble(Number::doubleValue).toArray());
    }

    public static Summary of(double[] values) {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            return EMPTY;
        }
        double sum = 0;
        for (double v : finite) {
            sum += v;
        }
        return new Summary(finite.length, finite[0], sum / finite.length,
                percentileOfSorted(finite, 50), percentileOfSorted(finite, 95), percentileOfSorted(finite, 99),
                finite[finite.length - 1]);
    }

    /** Nearest-rank percentile of values already sorted ascending; p in (0, 100]. */
    public static double percentileOfSorted(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + p);
        }
        // p × n first: exact for whole percentiles, so 95 % of 100 values is rank 95, not 96
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.clamp(rank, 1, sorted.length) - 1];
    }

    public static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, p);
    }
}

package news.pipeline.benchmark.load;

/**
 * Rate arithmetic: when the i-th request of a paced phase is due, how long to wait for it, and
 * rates measured over an interval. A rate of zero or less means "as fast as possible".
 */
public final class RatePacer {

    private RatePacer() {
    }

    public static boolean paced(double ratePerSecond) {
        return ratePerSecond > 0 && Double.isFinite(ratePerSecond);
    }

    /** Milliseconds between two requests at the rate. */
    public static double intervalMs(double ratePerSecond) {
        if (!paced(ratePerSecond)) {
            return 0;
        }
        return 1000.0 / ratePerSecond;
    }

    /** When request {@code index} (0-based) is due, in milliseconds after the phase started: index / rate. */
    public static double scheduledOffsetMs(int index, double ratePerSecond) {
        return index * intervalMs(ratePerSecond);
    }

    /** How long to sleep until the due time; zero when it is already due or overdue. */
    public static long waitMs(double nowMs, double dueMs) {
        double wait = dueMs - nowMs;
        return wait <= 0 ? 0 : (long) Math.ceil(wait);
    }

    /** The paced rate for a phase: a fraction of a measured rate (0.5 of the full-speed end-to-end rate). */
    public static double fractionOf(double measuredPerSecond, double fraction) {
        if (!(measuredPerSecond > 0) || !(fraction > 0)) {
            throw new IllegalArgumentException("need a positive measured rate and fraction, got " + measuredPerSecond
                    + " and " + fraction);
        }
        return measuredPerSecond * fraction;
    }

    /**
     * Events per second for {@code count} events between {@code startMs} and {@code endMs}: count
     * over the elapsed time (so 100 articles whose first was sent at 0 and last became searchable at
     * 2 s is 50/s). NaN when nothing happened or no time passed.
     */
    public static double perSecond(long count, double startMs, double endMs) {
        double seconds = (endMs - startMs) / 1000.0;
        if (count <= 0 || !(seconds > 0)) {
            return Double.NaN;
        }
        return count / seconds;
    }

    /** How long {@code count} requests take at the rate, in seconds (the first is sent at time 0). */
    public static double durationSeconds(int count, double ratePerSecond) {
        return count <= 1 ? 0 : (count - 1) / ratePerSecond;
    }
}

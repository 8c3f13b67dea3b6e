package news.pipeline.benchmark;

/**
 * One clock for the whole run: wall-clock milliseconds since the epoch (comparable with Kafka record
 * timestamps written by the services on this machine), but advanced by {@link System#nanoTime()} so
 * it never jumps backwards during the run. Fractional milliseconds are kept.
 */
public final class RunClock {

    private static final long ANCHOR_EPOCH_MS = System.currentTimeMillis();
    private static final long ANCHOR_NANOS = System.nanoTime();

    private RunClock() {
    }

    /** Now, in epoch milliseconds (fractional). */
    public static double nowMs() {
        return ANCHOR_EPOCH_MS + (System.nanoTime() - ANCHOR_NANOS) / 1e6;
    }

    public static void sleepMs(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}

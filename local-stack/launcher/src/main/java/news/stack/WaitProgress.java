package news.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * What a long wait prints, so a person starting the stack or the pipeline sees what is being waited
 * for and for how long instead of minutes of silence: a line every few seconds while waiting, and
 * one when the thing is ready.
 */
public final class WaitProgress {

    public static final Duration EVERY = Duration.ofSeconds(5);

    private final String what;
    private final String waitingFor;
    private final PrintStream out;
    private final long startedNanos;
    private long nextReportNanos;

    WaitProgress(String what, String waitingFor, PrintStream out, long startedNanos) {
        this.what = what;
        this.waitingFor = waitingFor;
        this.out = out;
        this.startedNanos = startedNanos;
        this.nextReportNanos = startedNanos + EVERY.toNanos();
    }

    public static WaitProgress toStdout(String what, String waitingFor, long startedNanos) {
        return new WaitProgress(what, waitingFor, System.out, startedNanos);
    }

    /** Called on every poll: prints a line when another {@link #EVERY} has passed. */
    public void stillWaiting() {
        long now = System.nanoTime();
        if (now >= nextReportNanos) {
            out.printf(Locale.ROOT, "  waiting for %s: %s (%d s)%n", what, waitingFor, seconds(now));
            nextReportNanos = now + EVERY.toNanos();
        }
    }

    public void ready() {
        out.printf(Locale.ROOT, "  %s ready after %.1f s%n", what, (System.nanoTime() - startedNanos) / 1e9);
    }

    private long seconds(long now) {
        return Duration.ofNanos(now - startedNanos).toSeconds();
    }
}

package news.pipeline.enrich.reenrich;

import java.io.PrintStream;
import java.time.Duration;

/**
 * Progress of a long phase on stderr: on a terminal a bar redrawn in place with count, rate and time left; elsewhere
 * (a log file, a CI job) one line every ten seconds, so the output stays readable.
 */
final class Progress implements Reenrichment.Listener {

    private static final long REDRAW_NANOS = Duration.ofMillis(200).toNanos();
    private static final long LINE_NANOS = Duration.ofSeconds(10).toNanos();

    private final PrintStream out;
    private final boolean terminal;
    private String phase;
    private long total;
    private long started;
    private long lastShown;
    private long done;

    Progress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void phase(String name, long total) {
        finish();
        this.phase = name;
        this.total = total;
        this.started = System.nanoTime();
        this.lastShown = 0;
        this.done = 0;
        show(true);
    }

    @Override
    public synchronized void progress(long done) {
        this.done = done;
        long now = System.nanoTime();
        if (now - lastShown >= (terminal ? REDRAW_NANOS : LINE_NANOS)) {
            show(false);
        }
    }

    /** Ends the current phase's line with its final figures. */
    synchronized void finish() {
        if (phase != null) {
            show(true);
            if (terminal) {
                out.println();
            }
            phase = null;
        }
    }

    private void show(boolean always) {
        lastShown = System.nanoTime();
        String line = line(phase, done, total, lastShown - started);
        if (terminal) {
            out.print("\r" + line + "\u001b[K");
            out.flush();
        } else if (always || done > 0) {
            out.println(line);
        }
    }

    /** "sending   [#########...........]  45%  12 345/27 300  850/s  ETA 0:17". */
    static String line(String phase, long done, long total, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder b = new StringBuilder(String.format("%-9s ", phase));
        if (total > 0) {
            int width = 24;
            int filled = (int) Math.min(width, done * width / total);
            b.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ")
                    .append(String.format("%3d%%  ", Math.min(100, done * 100 / total)));
            b.append(done).append('/').append(total);
        } else {
            b.append(done);
        }
        b.append(String.format("  %.0f/s", rate));
        if (total > 0 && rate > 0 && done < total) {
            b.append("  ETA ").append(clock((long) ((total - done) / rate)));
        } else if (done > 0) {
            b.append("  in ").append(clock((long) seconds));
        }
        return b.toString();
    }

    private static String clock(long seconds) {
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }
}

package news.pipeline.benchmark.resources;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What Linux's /proc says about a process (all its threads): CPU time from {@code /proc/<pid>/stat}
 * (utime + stime, fields 14 and 15, in clock ticks) and memory from {@code /proc/<pid>/status}
 * ({@code VmRSS} now, {@code VmHWM} the peak resident set since the process started), plus the
 * machine's own busy and idle time from {@code /proc/stat}.
 */
public final class ProcStats {

    /** CPU time of one process in clock ticks. */
    public record CpuTicks(long user, long system) {
        public long total() {
            return user + system;
        }
    }

    /** Machine-wide CPU time in ticks, summed over all cores: busy (everything but idle and iowait) and total. */
    public record MachineTicks(long busy, long total) {
    }

    /**
     * CPU time of a JVM's own machinery among a process's threads, by thread id: its JIT compiler threads
     * ({@code C1/C2 CompilerThread}) and its garbage collector's ({@code GC Thread#}, {@code G1 ...}).
     */
    public record JvmThreads(Map<Long, Long> jitTicks, Map<Long, Long> gcTicks) {

        /**
         * Ticks spent since {@code earlier} by the threads of a kind: a thread seen in both counts its
         * difference, a new one all of its time. A thread that ended in between (the JVM retires idle compiler
         * threads) takes its last ticks with it, so this is a lower bound.
         */
        static long since(Map<Long, Long> now, Map<Long, Long> earlier) {
            long ticks = 0;
            for (Map.Entry<Long, Long> thread : now.entrySet()) {
                ticks += Math.max(0, thread.getValue() - earlier.getOrDefault(thread.getKey(), 0L));
            }
            return ticks;
        }

        public double jitSecondsSince(JvmThreads earlier) {
            return since(jitTicks, earlier.jitTicks) / (double) CLOCK_TICKS;
        }

        public double gcSecondsSince(JvmThreads earlier) {
            return since(gcTicks, earlier.gcTicks) / (double) CLOCK_TICKS;
        }
    }

    /** What a thread of a JVM does, from its name ({@code /proc/<pid>/task/<tid>/stat} field 2, 15 characters). */
    enum ThreadKind { JIT, GC, OTHER }

    static ThreadKind kindOf(String threadName) {
        if (threadName.startsWith("C1 CompilerThre") || threadName.startsWith("C2 CompilerThre")) {
            return ThreadKind.JIT;
        }
        if (threadName.startsWith("GC Thread") || threadName.startsWith("G1 ")) {
            return ThreadKind.GC;
        }
        return ThreadKind.OTHER;
    }

    private static final long CLOCK_TICKS = clockTicks();

    private ProcStats() {
    }

    public static long clockTicksPerSecond() {
        return CLOCK_TICKS;
    }

    /**
     * Parses a {@code /proc/<pid>/stat} line. The command name (field 2) is in parentheses and may
     * itself hold spaces and parentheses, so fields are counted from the last ')'.
     */
    public static CpuTicks parseStat(String statLine) {
        int close = statLine.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + statLine);
        }
        String[] f = statLine.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so field n is f[n - 3]: utime (14) = f[11], stime (15) = f[12]
        return new CpuTicks(Long.parseLong(f[11]), Long.parseLong(f[12]));
    }

    /** A {@code kB} value of {@code /proc/<pid>/status} ({@code VmRSS}, {@code VmHWM}, ...), or -1 if absent. */
    public static long parseStatusKb(String status, String key) {
        for (String line : status.split("\n")) {
            if (line.startsWith(key + ":")) {
                String digits = line.substring(key.length() + 1).replaceAll("[^0-9]", "");
                return digits.isEmpty() ? -1 : Long.parseLong(digits);
            }
        }
        return -1;
    }

    /** Parses the first ("cpu ") line of {@code /proc/stat}: user nice system idle iowait irq softirq steal ... */
    public static MachineTicks parseMachineStat(String procStat) {
        String line = procStat.lines().filter(l -> l.startsWith("cpu ")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no cpu line in /proc/stat"));
        String[] f = line.substring(4).trim().split("\\s+");
        long total = 0;
        // guest and guest_nice (fields 9 and 10) are already counted in user and nice
        for (int i = 0; i < Math.min(f.length, 8); i++) {
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[3]) + (f.length > 4 ? Long.parseLong(f[4]) : 0);
        return new MachineTicks(total - idle, total);
    }

    public static Optional<CpuTicks> cpu(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "stat")).map(ProcStats::parseStat);
    }

    public static double cpuSeconds(long pid) {
        return cpu(pid).map(t -> t.total() / (double) CLOCK_TICKS).orElse(Double.NaN);
    }

    /** The JIT compiler and garbage collector threads of a process now (empty maps when it is gone). */
    public static JvmThreads jvmThreads(long pid) {
        Map<Long, Long> jit = new HashMap<>();
        Map<Long, Long> gc = new HashMap<>();
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                Optional<String> stat = read(thread.resolve("stat"));
                if (stat.isEmpty()) {
                    continue; // ended meanwhile
                }
                String line = stat.get();
                ThreadKind kind = kindOf(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')));
                if (kind != ThreadKind.OTHER) {
                    (kind == ThreadKind.JIT ? jit : gc).put(Long.parseLong(thread.getFileName().toString()),
                            parseStat(line).total());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the process is gone: nothing to count
        }
        return new JvmThreads(jit, gc);
    }

    public static long rssKb(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status")).map(s -> parseStatusKb(s, "VmRSS")).orElse(-1L);
    }

    public static long peakRssKb(long pid) {
        return read(Path.of("/proc", Long.toString(pid), "status")).map(s -> parseStatusKb(s, "VmHWM")).orElse(-1L);
    }

    public static Optional<MachineTicks> machine() {
        return read(Path.of("/proc/stat")).map(ProcStats::parseMachineStat);
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** {@code getconf CLK_TCK}; 100 (the value on every mainstream Linux) when it cannot be asked. */
    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
                long ticks = Long.parseLong(out);
                if (ticks > 0) {
                    return ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}

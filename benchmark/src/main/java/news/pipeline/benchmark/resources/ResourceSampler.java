package news.pipeline.benchmark.resources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import news.pipeline.benchmark.RunClock;

/**
 * CPU and memory of each process of the run (the three services, the three stack servers, the
 * benchmark itself). CPU seconds are read at each {@link #mark} (phase boundaries) and differenced;
 * resident memory is sampled every {@code intervalMillis}, so the peak of a phase is the highest
 * sample within it. {@code VmHWM} (the kernel's own peak since the process started) is reported
 * too: for a stack that was already running it may come from before this run.
 */
public final class ResourceSampler implements AutoCloseable {

    /**
     * CPU and memory of one process over a phase; of its CPU, what the JVM's JIT compilers and garbage
     * collector threads used (0 for a process that is not a JVM; lower bounds, see {@link ProcStats.JvmThreads}).
     */
    public record Usage(String process, long pid, double cpuSeconds, double cpuPercentOfOneCore, double jitCpuSeconds,
            double gcCpuSeconds, long peakRssMb, long lifetimePeakRssMb) {
    }

    /** A phase's resources: each process, and the whole machine's busy share of all its cores. */
    public record PhaseUsage(String phase, double seconds, double machineBusyPercent, List<Usage> processes) {
    }

    private record Mark(String label, double atMs, Map<String, Double> cpuSeconds, Map<String, ProcStats.JvmThreads> jvm,
            ProcStats.MachineTicks machine) {
    }

    private record RssSample(double atMs, String process, long rssKb) {
    }

    private final Map<String, Long> pids;
    private final List<Mark> marks = new CopyOnWriteArrayList<>();
    private final List<RssSample> rss = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    public ResourceSampler(Map<String, Long> pids, long intervalMillis) {
        this.pids = new LinkedHashMap<>(pids);
        this.thread = Thread.ofPlatform().daemon().name("resource-sampler").unstarted(() -> {
            while (running) {
                sampleRss();
                try {
                    Thread.sleep(intervalMillis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        thread.start();
    }

    public Map<String, Long> pids() {
        return pids;
    }

    private void sampleRss() {
        double at = RunClock.nowMs();
        pids.forEach((name, pid) -> {
            long kb = ProcStats.rssKb(pid);
            if (kb >= 0) {
                rss.add(new RssSample(at, name, kb));
            }
        });
    }

    /** Records CPU time of every process (and the machine) now, under a label. */
    public void mark(String label) {
        sampleRss();
        Map<String, Double> cpu = new HashMap<>();
        Map<String, ProcStats.JvmThreads> jvm = new HashMap<>();
        pids.forEach((name, pid) -> {
            cpu.put(name, ProcStats.cpuSeconds(pid));
            jvm.put(name, ProcStats.jvmThreads(pid));
        });
        marks.add(new Mark(label, RunClock.nowMs(), cpu, jvm, ProcStats.machine().orElse(null)));
    }

    /** Usage between two marks, under a phase name. */
    public PhaseUsage between(String phase, String fromLabel, String toLabel) {
        Mark from = find(fromLabel);
        Mark to = find(toLabel);
        double seconds = (to.atMs() - from.atMs()) / 1000.0;
        List<Usage> usages = new ArrayList<>();
        for (var entry : pids.entrySet()) {
            String name = entry.getKey();
            double cpu = to.cpuSeconds().getOrDefault(name, Double.NaN) - from.cpuSeconds().getOrDefault(name, Double.NaN);
            long peakKb = rss.stream()
                    .filter(s -> s.process().equals(name) && s.atMs() >= from.atMs() && s.atMs() <= to.atMs())
                    .mapToLong(RssSample::rssKb).max().orElse(-1);
            long hwm = ProcStats.peakRssKb(entry.getValue());
            ProcStats.JvmThreads jvmFrom = from.jvm().get(name);
            ProcStats.JvmThreads jvmTo = to.jvm().get(name);
            usages.add(new Usage(name, entry.getValue(), round(cpu), round(seconds > 0 ? cpu / seconds * 100 : Double.NaN),
                    round(jvmTo.jitSecondsSince(jvmFrom)), round(jvmTo.gcSecondsSince(jvmFrom)),
                    peakKb < 0 ? -1 : peakKb / 1024, hwm < 0 ? -1 : hwm / 1024));
        }
        double busy = Double.NaN;
        if (from.machine() != null && to.machine() != null && to.machine().total() > from.machine().total()) {
            busy = 100.0 * (to.machine().busy() - from.machine().busy()) / (to.machine().total() - from.machine().total());
        }
        return new PhaseUsage(phase, round(seconds), round(busy), usages);
    }

    private Mark find(String label) {
        return marks.stream().filter(m -> m.label().equals(label)).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalArgumentException("no mark " + label));
    }

    static double round(double v) {
        return Double.isFinite(v) ? Math.round(v * 100) / 100.0 : v;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}

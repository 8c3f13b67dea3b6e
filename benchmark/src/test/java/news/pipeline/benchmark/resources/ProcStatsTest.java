package news.pipeline.benchmark.resources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcStatsTest {

    private static final long SELF = ProcessHandle.current().pid();

    @Test
    void parsesAStatLineWhoseCommandHoldsSpacesAndParentheses() {
        String line = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 12345 0 3 0 1500 250 0 0 20 0 42 0 777 "
                + "5000000000 120000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0";
        ProcStats.CpuTicks ticks = ProcStats.parseStat(line);
        assertThat(ticks.user()).isEqualTo(1500);
        assertThat(ticks.system()).isEqualTo(250);
        assertThat(ticks.total()).isEqualTo(1750);
    }

    @Test
    void parsesStatusValuesInKilobytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000000 kB\nVmHWM:\t  512000 kB\nVmRSS:\t  400000 kB\nThreads:\t42\n";
        assertThat(ProcStats.parseStatusKb(status, "VmRSS")).isEqualTo(400000);
        assertThat(ProcStats.parseStatusKb(status, "VmHWM")).isEqualTo(512000);
        assertThat(ProcStats.parseStatusKb(status, "VmSwap")).isEqualTo(-1);
    }

    @Test
    void sortsAJvmsThreadsByTheirNames() {
        assertThat(ProcStats.kindOf("C2 CompilerThre")).isEqualTo(ProcStats.ThreadKind.JIT);
        assertThat(ProcStats.kindOf("C1 CompilerThre")).isEqualTo(ProcStats.ThreadKind.JIT);
        assertThat(ProcStats.kindOf("GC Thread#1")).isEqualTo(ProcStats.ThreadKind.GC);
        assertThat(ProcStats.kindOf("G1 Conc#0")).isEqualTo(ProcStats.ThreadKind.GC);
        assertThat(ProcStats.kindOf("G1 Refine#0")).isEqualTo(ProcStats.ThreadKind.GC);
        assertThat(ProcStats.kindOf("tomcat-handler-")).isEqualTo(ProcStats.ThreadKind.OTHER);
        assertThat(ProcStats.kindOf("kafka-producer-")).isEqualTo(ProcStats.ThreadKind.OTHER);
    }

    @Test
    void countsTheTicksOfThreadsThatGoOnAndOfNewOnes() {
        Map<Long, Long> earlier = Map.of(1L, 100L, 2L, 50L, 3L, 70L);
        // thread 3 ended (its ticks since are lost: a lower bound), thread 4 is new
        Map<Long, Long> now = Map.of(1L, 130L, 2L, 50L, 4L, 20L);
        assertThat(ProcStats.JvmThreads.since(now, earlier)).isEqualTo(50);
    }

    @Test
    void findsThisJvmsCollectorThreads() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");
        ProcStats.JvmThreads threads = ProcStats.jvmThreads(SELF);
        // every HotSpot collector names its worker threads "GC Thread#n" (G1 adds "G1 ..." ones)
        assertThat(threads.gcTicks()).isNotEmpty();
        assertThat(ProcStats.jvmThreads(Long.MAX_VALUE).jitTicks()).isEmpty();
    }

    @Test
    void parsesTheMachineLineOfProcStat() {
        String stat = "cpu  100 5 50 800 20 3 2 0 0 0\ncpu0 50 2 25 400 10 1 1 0 0 0\n";
        ProcStats.MachineTicks m = ProcStats.parseMachineStat(stat);
        assertThat(m.total()).isEqualTo(980);
        assertThat(m.busy()).isEqualTo(160);
    }

    @Test
    void readsThisJvmsOwnCpuAndMemory() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux /proc only");
        String stat = Files.readString(Path.of("/proc", Long.toString(SELF), "stat"));
        ProcStats.CpuTicks parsed = ProcStats.parseStat(stat);
        assertThat(parsed.total()).isPositive();
        double before = ProcStats.cpuSeconds(SELF);
        long spin = System.nanoTime() + 300_000_000L;
        double x = 0;
        while (System.nanoTime() < spin) {
            x += Math.sqrt(x + 1);
        }
        assertThat(x).isPositive();
        double after = ProcStats.cpuSeconds(SELF);
        assertThat(after).isGreaterThan(before);
        assertThat(after - before).isLessThan(5);
        long rss = ProcStats.rssKb(SELF);
        long peak = ProcStats.peakRssKb(SELF);
        assertThat(rss).isPositive();
        assertThat(peak).isGreaterThanOrEqualTo(rss);
        assertThat(ProcStats.clockTicksPerSecond()).isPositive();
        assertThat(ProcStats.machine()).isPresent();
    }

    @Test
    void findsAProcessByItsCommandLineMarker() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/cmdline")), "Linux /proc only");
        Path state = Files.createTempFile("stack", ".state");
        Files.writeString(state, "kafka " + SELF + " 127.0.0.1:9092\n");
        assertThat(ProcessFinder.fromStateFile(state, "kafka")).contains(SELF);
        assertThat(ProcessFinder.fromStateFile(state, "elasticsearch")).isEmpty();
        // this JVM has no -Dstack.server=kafka argument, so the state file entry alone is not trusted
        assertThat(ProcessFinder.commandLineHas(SELF, "-Dstack.server=kafka")).isFalse();
        Files.delete(state);
    }
}

package news.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A started server process with its log file and how long it took to become ready. */
public final class RunningServer {

    private final Server server;
    private final ProcessHandle process;
    private final Path logFile;
    private final long startedNanos;
    private volatile Duration readyAfter;

    RunningServer(Server server, ProcessHandle process, Path logFile) {
        this.server = server;
        this.process = process;
        this.logFile = logFile;
        this.startedNanos = System.nanoTime();
    }

    public String name() {
        return server.name();
    }

    public String url() {
        return server.url();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Time from spawning the process to the readiness probe answering, or null while starting. */
    public Duration readyAfter() {
        return readyAfter;
    }

    Server server() {
        return server;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void markReady() {
        readyAfter = Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    /** Resident memory in MiB from /proc (Linux), or -1 where unavailable. */
    public long residentMegabytes() {
        return residentMegabytes(process.pid());
    }

    public static long residentMegabytes(long pid) {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return lines.stream().filter(l -> l.startsWith("VmRSS:"))
                    .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024)
                    .findFirst().orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** SIGTERM first so the server shuts down cleanly (Kafka flushes, Elasticsearch closes), then SIGKILL. */
    void stop(Duration grace) {
        stop(process, grace);
    }

    public static void stop(ProcessHandle process, Duration grace) {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOut) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, java.nio.charset.StandardCharsets.ISO_8859_1);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}

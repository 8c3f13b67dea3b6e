package news.pipeline.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import news.stack.JavaProcess;
import news.stack.Probes;
import news.stack.RunningServer;
import news.stack.WaitProgress;

/**
 * One pipeline service (a Spring Boot jar) run as its own process ({@link JavaProcess}), so it
 * ends with the process that started it. Configuration goes in as environment variables
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code SCHEMA_REGISTRY_URL}, {@code ELASTICSEARCH_URL}, {@code PORT}, ...).
 */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final Process process;
    private final Path logFile;
    private final long startedNanos = System.nanoTime();

    private ServiceProcess(String name, int port, Process process, Path logFile) {
        this.name = name;
        this.port = port;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code <module>/target/<module>-*.jar} of the repository with the given environment.
     */
    public static ServiceProcess start(Path repoRoot, String module, int port, Map<String, String> environment,
            List<String> jvmArgs, Path logDir) {
        Path jar = serviceJar(repoRoot, module);
        Path log = logDir.resolve(module + ".log");
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("PORT", Integer.toString(port));
        env.put("MANAGEMENT_PORT", Integer.toString(managementPort(port)));
        Process process = JavaProcess.of("org.springframework.boot.loader.launch.JarLauncher")
                .classpath(jar.toString())
                .jvmArgs(jvmArgs)
                .environment(env)
                .logTo(log, false)
                .start();
        return new ServiceProcess(module, port, process, log);
    }

    static Path serviceJar(Path repoRoot, String module) {
        Path target = repoRoot.resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().matches(module + "-[0-9].*\\.jar"))
                    .filter(p -> !p.getFileName().toString().endsWith("-plain.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(module + " is not built: run ./mvnw -DskipTests package"));
        } catch (IOException e) {
            throw new IllegalStateException(module + " is not built (" + target + "): run ./mvnw -DskipTests package", e);
        }
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where its actuator answers: a port of its own, on 127.0.0.1. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort(port);
    }

    /** A service's management port: its port + 1000 (8080 → 9080), as in its application.yml. */
    public static int managementPort(int port) {
        return port + 1000;
    }

    public Path logFile() {
        return logFile;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /actuator/health} on the management port answers 200 (every dependency up). */
    public Duration awaitHealthy(Duration timeout) {
        WaitProgress progress = WaitProgress.toStdout(name, "GET " + managementUrl() + "/actuator/health to answer UP",
                startedNanos);
        while (!Probes.httpOk(managementUrl() + "/actuator/health")) {
            progress.stillWaiting();
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited before it was healthy; see " + logFile);
            }
            if (System.nanoTime() - startedNanos > timeout.toNanos()) {
                throw new IllegalStateException(name + " not healthy after " + timeout.toSeconds() + " s; see " + logFile);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        progress.ready();
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public long residentMegabytes() {
        return RunningServer.residentMegabytes(process.pid());
    }

    @Override
    public void close() {
        RunningServer.stop(process.toHandle(), Duration.ofSeconds(20));
    }
}

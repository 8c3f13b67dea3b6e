package news.pipeline.ingest.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import news.stack.StackConfig;
import news.stack.JavaProcess;

/**
 * A Kafka broker of the test's own, in a separate JVM, on free ports: the local stack's broker
 * distribution ({@code local-stack/kafka-broker/target/dist}) started the way the launcher starts it,
 * under the launcher's watchdog ({@link JavaProcess}) so it dies with the test JVM whatever happens. The test can
 * stop it (SIGTERM, like a crash of the broker host) and start it again on the same ports and data,
 * without touching the shared stack other tests use.
 */
public final class StandaloneKafkaBroker implements AutoCloseable {

    private static final String READY_MARKER = "news-stack: kafka broker ready";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private Process process;
    private int starts;

    private StandaloneKafkaBroker(Path dataDir, int port, int controllerPort) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public static StandaloneKafkaBroker start() {
        try {
            StandaloneKafkaBroker broker = new StandaloneKafkaBroker(Files.createTempDirectory("ingest-test-broker-"),
                    freePort(), freePort());
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker process and waits until it is gone; its data stays. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Starts it again on the same ports and data directory (topics and records survive). */
    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dataDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }

    private void startProcess() {
        starts++;
        Path log = dataDir.resolve("broker-" + starts + ".log");
        Path lib = StackConfig.fromEnvironment().repoRoot().resolve("local-stack/kafka-broker/target/dist/lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException(lib + " is missing: build it with ./mvnw -q -DskipTests package -pl local-stack/kafka-broker -am");
        }
        // attached: the watchdog ends the broker when the test JVM ends
        process = JavaProcess.of("news.stack.kafka.KafkaBrokerMain")
                .classpath(lib.resolve("*").toString())
                .jvmArgs("-Xms128m", "-Xmx384m", "-XX:+UseSerialGC")
                .args("--data", dataDir.resolve("kafka").toString(), "--host", "127.0.0.1",
                        "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort))
                .logTo(log, false)
                .start();
        await("test broker ready on port " + port).atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("test broker exited:\n" + Files.readString(log, StandardCharsets.UTF_8));
                    }
                    return Files.readString(log, StandardCharsets.ISO_8859_1).contains(READY_MARKER);
                });
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}

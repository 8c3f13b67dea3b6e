package news.pipeline.publish.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import news.stack.JavaProcess;

/**
 * An Elasticsearch node of this test's own, in its own JVM (the local stack's node distribution),
 * on free ports and a temporary home, so a test can stop and start it without touching the shared
 * node. It runs under the launcher's watchdog ({@link JavaProcess}): it exits if this test JVM dies.
 */
public final class ElasticsearchNodeProcess implements AutoCloseable {

    private final Path home;
    private final Path lib;
    private final int httpPort;
    private final int transportPort;
    private Process process;

    private ElasticsearchNodeProcess(Path home, Path lib, int httpPort, int transportPort) {
        this.home = home;
        this.lib = lib;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /** Copies the node distribution into a temporary home (so a rebuild cannot change it underneath) and picks ports. */
    public static ElasticsearchNodeProcess create() {
        try {
            Path dist = repoRoot().resolve("local-stack/elasticsearch-node/target/dist/lib");
            if (!Files.isDirectory(dist)) {
                throw new IllegalStateException(dist + " is missing: build local-stack/elasticsearch-node first");
            }
            Path home = Files.createTempDirectory("publish-es-node-");
            Path lib = home.resolve("dist-lib");
            Files.createDirectories(lib);
            try (Stream<Path> jars = Files.list(dist)) {
                for (Path jar : (Iterable<Path>) jars::iterator) {
                    Files.copy(jar, lib.resolve(jar.getFileName()));
                }
            }
            return new ElasticsearchNodeProcess(home.resolve("node"), lib, freePort(), freePort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public long pid() {
        return process.pid();
    }

    /** Starts the node (again, on the same home and ports) and waits until it answers yellow. */
    public void start() {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        try {
            Files.createDirectories(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // attached: the watchdog ends the node when this JVM goes away
        process = JavaProcess.of("news.stack.elasticsearch.ElasticsearchNodeMain")
                .classpath(lib.resolve("*").toString())
                .jvmArgs("-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED")
                .args("--home", home.toString(), "--http-port", Integer.toString(httpPort),
                        "--transport-port", Integer.toString(transportPort), "--cluster-name", "publish-outage-test")
                .logTo(home.resolve("node.log"), true)
                .start();
        Es es = new Es(url());
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .failFast("the node exited; see " + home.resolve("node.log"), () -> !process.isAlive())
                .ignoreExceptions()
                .until(() -> es.get("/_cluster/health?wait_for_status=yellow&timeout=1s").status() == 200);
    }

    /** SIGTERM, as an operator or an orchestrator would stop it; waits until the JVM has exited. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(home.getParent())) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }


    private static Path repoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("local-stack")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}

package news.stack.elasticsearch;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configurator;
import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.InternalSettingsPreparer;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a single-node Elasticsearch in this JVM:
 * {@code --home DIR --http-port 9200 --transport-port 9300 [--cluster-name news-local]}.
 * DIR holds data/, logs/, config/ and native/. Logs go to stdout. SIGTERM closes the node.
 */
public final class ElasticsearchNodeMain {

    // where distributions keep libzstd.so.1; Elasticsearch looks for "libzstd.so" in es.nativelibs.path
    private static final List<String> ZSTD_CANDIDATES = List.of(
        "/usr/lib/x86_64-linux-gnu/libzstd.so.1",
        "/lib/x86_64-linux-gnu/libzstd.so.1",
        "/usr/lib/aarch64-linux-gnu/libzstd.so.1",
        "/lib/aarch64-linux-gnu/libzstd.so.1",
        "/usr/lib64/libzstd.so.1",
        "/lib64/libzstd.so.1",
        "/usr/lib/libzstd.so.1",
        "/usr/local/lib/libzstd.so.1"
    );

    private static final String LOG4J_CONFIG = """
        # Written by ElasticsearchNodeMain on every start: compact INFO logging to stdout.
        status = error
        appender.console.type = Console
        appender.console.name = console
        appender.console.target = SYSTEM_OUT
        appender.console.layout.type = PatternLayout
        appender.console.layout.pattern = [%d{HH:mm:ss.SSS}][%-5p][%c{1.}] [%node_name]%marker %m%n
        rootLogger.level = info
        rootLogger.appenderRef.console.ref = console
        # deprecation warnings also become HTTP Warning headers, as in the distribution
        appender.header_warning.type = HeaderWarningAppender
        appender.header_warning.name = header_warning
        logger.deprecation.name = org.elasticsearch.deprecation
        logger.deprecation.level = WARN
        logger.deprecation.appenderRef.console.ref = console
        logger.deprecation.appenderRef.header_warning.ref = header_warning
        logger.deprecation.additivity = false
        """;

    private ElasticsearchNodeMain() {}

    public static void main(String[] args) throws Exception {
        Path home = null;
        int httpPort = 9200;
        int transportPort = 9300;
        String clusterName = "news-local";
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--home" -> home = Path.of(require(args[i], value)).toAbsolutePath().normalize();
                case "--http-port" -> httpPort = Integer.parseInt(require(args[i], value));
                case "--transport-port" -> transportPort = Integer.parseInt(require(args[i], value));
                case "--cluster-name" -> clusterName = require(args[i], value);
                default -> usage("unknown argument " + args[i]);
            }
            i++;
        }
        if (home == null) {
            usage("--home is required");
        }
        for (String dir : List.of("data", "logs", "config", "native")) {
            Files.createDirectories(home.resolve(dir));
        }

        // Must happen before any Elasticsearch, log4j or Netty class initialises: they read these once.
        // Values passed as -D flags win.
        setIfAbsent("es.path.home", home.toString());
        setIfAbsent("es.nativelibs.path", linkZstd(home.resolve("native")).toString());
        setIfAbsent("org.elasticsearch.nativeaccess.enableVectorLibrary", "false"); // the native vector lib is not on Central
        setIfAbsent("log4j.shutdownHookEnabled", "false"); // our hook logs the close, then stops log4j
        setIfAbsent("log4j2.disable.jmx", "true");
        setIfAbsent("io.netty.noUnsafe", "true"); // as the distribution's jvm.options
        setIfAbsent("io.netty.noKeySetOptimization", "true");
        setIfAbsent("io.netty.recycler.maxCapacityPerThread", "0");

        run(home, httpPort, transportPort, clusterName);
    }

    private static void run(Path home, int httpPort, int transportPort, String clusterName) throws Exception {
        LogConfigurator.registerErrorListener();
        LogConfigurator.configureESLogging();

        Settings settings = Settings.builder()
            .put("path.home", home.toString())
            .put("path.data", home.resolve("data").toString())
            .put("path.logs", home.resolve("logs").toString())
            .put("cluster.name", clusterName)
            .put("node.name", "local")
            .put("discovery.type", "single-node")
            .put("network.host", "127.0.0.1")
            .put("http.port", httpPort)
            .put("transport.port", transportPort)
            .put("cluster.routing.allocation.disk.threshold_enabled", false)
            .build();
        Path configDir = home.resolve("config");
        // regenerated on every start, so a changed pattern reaches existing homes
        Files.writeString(configDir.resolve("log4j2.properties"), LOG4J_CONFIG);
        // also reads DIR/config/elasticsearch.yml if present; the settings above take precedence
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), configDir, () -> "local");
        LogConfigurator.setNodeName("local");
        LogConfigurator.configure(environment, true);
        Logger logger = LogManager.getLogger(ElasticsearchNodeMain.class);

        Node node;
        try {
            node = new ClasspathPluginsNode(
                environment,
                List.of(Netty4Plugin.class, RootEndpointPlugin.class, FoldingAnalysisPlugin.class)
            );
        } catch (Exception | Error e) {
            logger.error("node construction failed", e);
            System.exit(1);
            return;
        }

        // Elasticsearch's threads are daemons: the main thread waits here until the hook has closed the node.
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                logger.info("stopping");
                node.prepareForClose();
                node.close();
                if (node.awaitClose(20, TimeUnit.SECONDS) == false) {
                    logger.warn("node did not close within 20s");
                }
                logger.info("stopped");
            } catch (Exception e) {
                logger.error("error while closing the node", e);
            } finally {
                closed.countDown();
                Configurator.shutdown((LoggerContext) LogManager.getContext(false));
            }
        }, "node-shutdown"));

        try {
            node.start();
        } catch (Exception | Error e) {
            logger.error("node start failed", e);
            System.exit(1);
        }
        logger.info(
            "ready: http 127.0.0.1:{} transport 127.0.0.1:{} home {} ({} ms after JVM start)",
            httpPort,
            transportPort,
            home,
            ManagementFactory.getRuntimeMXBean().getUptime()
        );
        closed.await();
    }

    /** DIR/native/libzstd.so -> the system libzstd.so.1 (Elasticsearch's zstd binding, e.g. for best_compression). */
    private static Path linkZstd(Path nativeDir) throws IOException {
        Path link = nativeDir.resolve("libzstd.so");
        for (String candidate : ZSTD_CANDIDATES) {
            Path target = Path.of(candidate);
            if (Files.exists(target)) {
                if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(target)) {
                    return nativeDir;
                }
                Files.deleteIfExists(link);
                Files.createSymbolicLink(link, target);
                return nativeDir;
            }
        }
        // not fatal: only zstd-backed features (e.g. index.codec: best_compression) will fail
        System.err.println("warning: no system libzstd.so.1 found; install libzstd1 for zstd-backed features");
        return nativeDir;
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String require(String flag, String value) {
        if (value == null) {
            usage(flag + " needs a value");
        }
        return value;
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: ElasticsearchNodeMain --home DIR [--http-port 9200] [--transport-port 9300] [--cluster-name news-local]");
        System.exit(2);
    }
}

package news.pipeline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import news.stack.Endpoints;
import news.stack.LocalStack;
import news.stack.StackConfig;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides real servers to integration tests, started once for the whole test JVM, as {@link Endpoints}
 * and as a {@link TopicClient} (parameters of a test method, or {@link #endpoints()} / {@link #topicClient()}).
 *
 * <p>{@code stack.mode} (system property or {@code STACK_MODE}) chooses how: {@code local} uses the
 * local stack of processes — reusing one already running on the configured ports (as CI and
 * {@code bin/stack start} leave it), else starting one in a temporary directory that stops with
 * the JVM; {@code testcontainers} starts Kafka, Confluent Schema Registry and Elasticsearch
 * containers; {@code auto} (default) takes Testcontainers where a Docker engine answers, else local.
 */
public final class RealServersExtension implements BeforeAllCallback, ParameterResolver {

    private static Endpoints endpoints;
    private static AutoCloseable servers;
    private static TopicClient topicClient;

    @Override
    public void beforeAll(ExtensionContext context) {
        endpoints();
    }

    /** The servers' addresses, starting them on first use. */
    public static synchronized Endpoints endpoints() {
        if (endpoints == null) {
            String mode = System.getProperty("stack.mode", System.getenv().getOrDefault("STACK_MODE", "auto"))
                    .toLowerCase(Locale.ROOT);
            boolean containers = switch (mode) {
                case "local" -> false;
                case "testcontainers" -> true;
                case "auto" -> ContainerServers.dockerAvailable();
                default -> throw new IllegalArgumentException("stack.mode must be auto, local or testcontainers: " + mode);
            };
            if (containers) {
                ContainerServers started = ContainerServers.start();
                servers = started;
                endpoints = started.endpoints();
            } else {
                endpoints = localStack();
            }
            Runtime.getRuntime().addShutdownHook(new Thread(RealServersExtension::stop, "real-servers-stop"));
        }
        return endpoints;
    }

    private static Endpoints localStack() {
        StackConfig config = StackConfig.fromEnvironment();
        if (LocalStack.isRunning(config)) {
            System.out.println("[real-servers] reusing the local stack already running at " + config.endpoints());
            return config.endpoints();
        }
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("news-stack-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println("[real-servers] starting the local stack in " + dataDir);
        LocalStack stack = LocalStack.start(config.withDataDir(dataDir), true);
        System.out.println("[real-servers] ready:\n" + stack.report());
        servers = () -> {
            stack.close();
            deleteRecursively(dataDir); // a throwaway stack's data would pile up in the temp directory
        };
        return stack.endpoints();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** One {@link TopicClient} on the real servers for the whole test JVM; closed with them. */
    public static synchronized TopicClient topicClient() {
        if (topicClient == null) {
            topicClient = new TopicClient(endpoints());
        }
        return topicClient;
    }

    private static synchronized void stop() {
        if (topicClient != null) {
            topicClient.close();
            topicClient = null;
        }
        if (servers != null) {
            try {
                servers.close();
            } catch (Exception e) {
                System.err.println("[real-servers] stopping failed: " + e);
            }
            servers = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == Endpoints.class || type == TopicClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TopicClient.class ? topicClient() : endpoints();
    }
}

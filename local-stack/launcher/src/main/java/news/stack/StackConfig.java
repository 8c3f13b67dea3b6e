package news.stack;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the local stack listens and keeps its data. Every value can be overridden by a system
 * property ({@code stack.kafka.port}) or an environment variable ({@code STACK_KAFKA_PORT});
 * the defaults are the usual ports of each server on 127.0.0.1.
 */
public record StackConfig(
        Path repoRoot,
        Path dataDir,
        String host,
        int kafkaPort,
        int kafkaControllerPort,
        int registryPort,
        int elasticsearchHttpPort,
        int elasticsearchTransportPort,
        String kafkaHeap,
        String registryHeap,
        String elasticsearchHeap) {

    public static StackConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static StackConfig fromEnvironment(Map<String, String> env) {
        Path root = RepoLayout.findRepoRoot();
        Path data = Path.of(setting(env, "stack.data.dir", root.resolve(".local-stack").toString()))
                .toAbsolutePath().normalize();
        return new StackConfig(
                root,
                data,
                "127.0.0.1",
                intSetting(env, "stack.kafka.port", 9092),
                intSetting(env, "stack.kafka.controller.port", 9093),
                intSetting(env, "stack.registry.port", 8081),
                intSetting(env, "stack.elasticsearch.port", 9200),
                intSetting(env, "stack.elasticsearch.transport.port", 9300),
                setting(env, "stack.kafka.heap", "512m"),
                setting(env, "stack.registry.heap", "256m"),
                setting(env, "stack.elasticsearch.heap", "1g"));
    }

    public StackConfig withDataDir(Path dir) {
        return new StackConfig(repoRoot, dir, host, kafkaPort, kafkaControllerPort, registryPort,
                elasticsearchHttpPort, elasticsearchTransportPort, kafkaHeap, registryHeap, elasticsearchHeap);
    }

    public Endpoints endpoints() {
        return new Endpoints(
                host + ":" + kafkaPort,
                "http://" + host + ":" + registryPort + "/apis/ccompat/v7",
                "http://" + host + ":" + elasticsearchHttpPort);
    }

    public Path stateFile() {
        return dataDir.resolve("stack.state");
    }

    /** Reads {@code stack.x.y} as a system property, then {@code STACK_X_Y} from the environment. */
    static String setting(Map<String, String> env, String key, String defaultValue) {
        String fromProperty = System.getProperty(key);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty.trim();
        }
        String envKey = key.toUpperCase().replace('.', '_');
        return Optional.ofNullable(env.get(envKey)).filter(v -> !v.isBlank()).map(String::trim).orElse(defaultValue);
    }

    static int intSetting(Map<String, String> env, String key, int defaultValue) {
        String value = setting(env, key, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a port number, got '" + value + "'");
        }
    }
}

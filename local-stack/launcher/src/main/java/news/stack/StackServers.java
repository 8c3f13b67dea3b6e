package news.stack;

import java.time.Duration;
import java.util.List;

/** The three servers of the local stack, built from the modules under {@code local-stack/}. */
final class StackServers {

    /** Printed by the broker's main class once the broker answers metadata requests. */
    static final String KAFKA_READY_MARKER = "news-stack: kafka broker ready";

    private StackServers() {
    }

    static List<Server> all(StackConfig config) {
        return List.of(kafka(config), registry(config), elasticsearch(config));
    }

    static Server kafka(StackConfig config) {
        return new Server(
                "kafka",
                config.endpoints().kafkaBootstrapServers(),
                config.repoRoot().resolve("local-stack/kafka-broker/target/dist"),
                List.of("-Xms256m", "-Xmx" + config.kafkaHeap(), "-XX:+UseG1GC"),
                List.of("lib/*"),
                "news.stack.kafka.KafkaBrokerMain",
                List.of("--data", config.dataDir().resolve("kafka").toString(),
                        "--host", config.host(),
                        "--port", Integer.toString(config.kafkaPort()),
                        "--controller-port", Integer.toString(config.kafkaControllerPort())),
                log -> Probes.logContains(log, KAFKA_READY_MARKER) && Probes.tcpOpen(config.host(), config.kafkaPort()),
                Duration.ofSeconds(90));
    }

    static Server registry(StackConfig config) {
        return new Server(
                "schema-registry",
                config.endpoints().schemaRegistryUrl(),
                config.repoRoot().resolve("local-stack/schema-registry/target/quarkus-app"),
                List.of("-Xmx" + config.registryHeap(),
                        "-Dquarkus.http.host=" + config.host(),
                        "-Dquarkus.http.port=" + config.registryPort()),
                List.of("quarkus-run.jar"),
                "io.quarkus.bootstrap.runner.QuarkusEntryPoint",
                List.of(),
                log -> Probes.httpOk(config.endpoints().schemaRegistryUrl() + "/subjects"),
                Duration.ofSeconds(90));
    }

    static Server elasticsearch(StackConfig config) {
        String url = config.endpoints().elasticsearchUrl();
        return new Server(
                "elasticsearch",
                url,
                config.repoRoot().resolve("local-stack/elasticsearch-node/target/dist"),
                List.of("-Xms" + config.elasticsearchHeap(), "-Xmx" + config.elasticsearchHeap(), "-XX:+UseG1GC",
                        "--enable-native-access=ALL-UNNAMED"),
                List.of("lib/*"),
                "news.stack.elasticsearch.ElasticsearchNodeMain",
                List.of("--home", config.dataDir().resolve("elasticsearch").toString(),
                        "--http-port", Integer.toString(config.elasticsearchHttpPort()),
                        "--transport-port", Integer.toString(config.elasticsearchTransportPort())),
                log -> Probes.httpOk(url + "/_cluster/health?wait_for_status=yellow&timeout=1s"),
                Duration.ofSeconds(120));
    }
}

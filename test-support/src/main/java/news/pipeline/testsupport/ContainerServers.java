package news.pipeline.testsupport;

import news.stack.Endpoints;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.elasticsearch.ElasticsearchContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same three servers as the local stack, as containers, for machines with a Docker engine:
 * Apache Kafka (KRaft), Confluent Schema Registry and Elasticsearch 9 with security off.
 */
final class ContainerServers implements AutoCloseable {

    private static final DockerImageName KAFKA = DockerImageName.parse("apache/kafka:4.1.2");
    private static final DockerImageName REGISTRY = DockerImageName.parse("confluentinc/cp-schema-registry:8.1.0");
    private static final DockerImageName ELASTICSEARCH =
            DockerImageName.parse("docker.elastic.co/elasticsearch/elasticsearch:9.5.3");

    private final Network network = Network.newNetwork();
    private final KafkaContainer kafka = new KafkaContainer(KAFKA)
            .withNetwork(network)
            .withNetworkAliases("kafka")
            .withListener("kafka:19092");
    private final GenericContainer<?> registry = new GenericContainer<>(REGISTRY)
            .withNetwork(network)
            .withExposedPorts(8081)
            .withEnv("SCHEMA_REGISTRY_HOST_NAME", "schema-registry")
            .withEnv("SCHEMA_REGISTRY_LISTENERS", "http://0.0.0.0:8081")
            .withEnv("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS", "PLAINTEXT://kafka:19092")
            // Subjects run under BACKWARD compatibility, as on the local stack.
            .withEnv("SCHEMA_REGISTRY_SCHEMA_COMPATIBILITY_LEVEL", "backward")
            .waitingFor(Wait.forHttp("/subjects").forStatusCode(200));
    private final ElasticsearchContainer elasticsearch = new ElasticsearchContainer(ELASTICSEARCH)
            .withEnv("xpack.security.enabled", "false")
            .withEnv("ES_JAVA_OPTS", "-Xms1g -Xmx1g");

    static boolean dockerAvailable() {
        // With no DOCKER_HOST, socket or Testcontainers config there is nothing to ask; asking would log a noisy error.
        String home = System.getProperty("user.home");
        boolean hint = System.getenv("DOCKER_HOST") != null
                || java.util.stream.Stream.of("/var/run/docker.sock", home + "/.docker/run/docker.sock",
                        home + "/.testcontainers.properties").anyMatch(p -> java.nio.file.Files.exists(java.nio.file.Path.of(p)));
        if (!hint) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerServers start() {
        ContainerServers servers = new ContainerServers();
        servers.kafka.start();
        servers.registry.dependsOn(servers.kafka).start();
        servers.elasticsearch.start();
        return servers;
    }

    Endpoints endpoints() {
        return new Endpoints(
                kafka.getBootstrapServers(),
                "http://" + registry.getHost() + ":" + registry.getMappedPort(8081),
                "http://" + elasticsearch.getHttpHostAddress());
    }

    @Override
    public void close() {
        elasticsearch.stop();
        registry.stop();
        kafka.stop();
        network.close();
    }
}

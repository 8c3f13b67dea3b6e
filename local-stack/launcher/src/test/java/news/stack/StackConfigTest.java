package news.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StackConfigTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("stack.kafka.port");
    }

    @Test
    void defaultsAreTheUsualPortsOnLoopback() {
        StackConfig config = StackConfig.fromEnvironment(Map.of());

        assertThat(config.endpoints()).isEqualTo(new Endpoints("127.0.0.1:9092",
                "http://127.0.0.1:8081/apis/ccompat/v7", "http://127.0.0.1:9200"));
        assertThat(config.dataDir()).isEqualTo(config.repoRoot().resolve(".local-stack"));
    }

    @Test
    void environmentOverridesAndASystemPropertyWinsOverIt() {
        StackConfig fromEnv = StackConfig.fromEnvironment(Map.of("STACK_KAFKA_PORT", "19092",
                "STACK_ELASTICSEARCH_PORT", "19200", "STACK_DATA_DIR", "/tmp/some-stack"));
        assertThat(fromEnv.kafkaPort()).isEqualTo(19092);
        assertThat(fromEnv.endpoints().elasticsearchUrl()).isEqualTo("http://127.0.0.1:19200");
        assertThat(fromEnv.stateFile()).hasToString("/tmp/some-stack/stack.state");

        System.setProperty("stack.kafka.port", "29092");
        assertThat(StackConfig.fromEnvironment(Map.of("STACK_KAFKA_PORT", "19092")).kafkaPort()).isEqualTo(29092);
    }

    @Test
    void aPortThatIsNotANumberIsRefusedByName() {
        assertThatThrownBy(() -> StackConfig.fromEnvironment(Map.of("STACK_REGISTRY_PORT", "eighty")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("stack.registry.port");
    }
}

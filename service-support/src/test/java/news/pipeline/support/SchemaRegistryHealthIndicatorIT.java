package news.pipeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import news.pipeline.support.registry.SchemaRegistrySettings;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

@RealServers
class SchemaRegistryHealthIndicatorIT {

    private final PipelineAutoConfiguration configuration = new PipelineAutoConfiguration();

    @Test
    void upWithTheCompatibilityLevelWhenTheRegistryAnswers(Endpoints servers) {
        Health health = configuration.schemaRegistryHealthIndicator(new SchemaRegistrySettings(servers.schemaRegistryUrl(), null)).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("compatibility", "BACKWARD");
    }

    @Test
    void downWithTheReasonWhenItDoesNot() {
        Health health = configuration.schemaRegistryHealthIndicator(new SchemaRegistrySettings("http://127.0.0.1:1/apis/ccompat/v7", null)).health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("unreachable");
    }
}

package news.pipeline.support;

import static org.assertj.core.api.Assertions.assertThat;

import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

@RealServers
class SchemaRegistryHealthIndicatorIT {

    private final PipelineHealthAutoConfiguration configuration = new PipelineHealthAutoConfiguration();

    @Test
    void upWithTheCompatibilityLevelWhenTheRegistryAnswers(Endpoints servers) {
        Health health = configuration.schemaRegistryHealthIndicator(servers.schemaRegistryUrl()).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsEntry("compatibility", "BACKWARD");
    }

    @Test
    void downWithTheReasonWhenItDoesNot() {
        Health health = configuration.schemaRegistryHealthIndicator("http://127.0.0.1:1/apis/ccompat/v7").health();

        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("unreachable");
    }
}

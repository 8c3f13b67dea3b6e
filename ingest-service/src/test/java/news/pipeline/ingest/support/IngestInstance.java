package news.pipeline.ingest.support;

import java.util.ArrayList;
import java.util.List;
import news.pipeline.ingest.IngestApplication;
import news.stack.Endpoints;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** ingest-service started in the test's JVM on a free port, on the real servers, writing to a raw topic of the test's. */
public final class IngestInstance {

    private IngestInstance() {
    }

    /** @param more further command-line arguments ({@code --name=value}) */
    public static ConfigurableApplicationContext start(Endpoints servers, String rawTopic, String... more) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--pipeline.topics.raw=" + rawTopic,
                "--spring.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
                "--pipeline.schema-registry.url=" + servers.schemaRegistryUrl()));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(IngestApplication.class).run(args.toArray(String[]::new));
    }

    public static int managementPort(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}

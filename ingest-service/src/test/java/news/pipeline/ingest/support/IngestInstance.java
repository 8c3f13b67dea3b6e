package news.pipeline.ingest.support;

import news.pipeline.ingest.IngestApplication;
import news.stack.Endpoints;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** ingest-service started in the test's JVM on a free port, on the real servers, writing to a raw topic of the test's. */
public final class IngestInstance {

    private IngestInstance() {
    }

    public static ConfigurableApplicationContext start(Endpoints servers, String rawTopic) {
        return new SpringApplicationBuilder(IngestApplication.class).run(
                "--server.port=0",
                "--pipeline.topics.raw=" + rawTopic,
                "--spring.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
                "--pipeline.schema-registry.url=" + servers.schemaRegistryUrl());
    }

    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}

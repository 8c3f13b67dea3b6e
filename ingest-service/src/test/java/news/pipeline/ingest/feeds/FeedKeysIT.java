package news.pipeline.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import news.pipeline.ingest.IngestApplication;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.TopicClient;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The development keys exist under the dev profile only; without it and without keys the service does not start. */
@RealServers
class FeedKeysIT {

    @Test
    void startedForRealWithoutKeysTheServiceRefusesToStartAndSaysWhatToSet(Endpoints servers) {
        assertThatThrownBy(() -> start(servers, "production").close())
                .rootCause()
                .hasMessageContaining("no feed has an API key")
                .hasMessageContaining("BAOTHAIBINH_API_KEYS");
    }

    @Test
    void theDevProfileHasTheDevelopmentKeys(Endpoints servers) {
        try (ConfigurableApplicationContext context = start(servers, "dev")) {
            FeedRegistry feeds = context.getBean(FeedRegistry.class);
            assertThat(feeds.feedForKey("dev-key-baothaibinh")).contains("baothaibinh");
            assertThat(feeds.feedForKey("dev-key-wire-en")).contains("wire-en");
        }
    }

    private static ConfigurableApplicationContext start(Endpoints servers, String profile) {
        return new SpringApplicationBuilder(IngestApplication.class).run(
                "--spring.profiles.active=" + profile,
                "--server.port=0",
                "--pipeline.topics.raw=" + TopicClient.unique("it-keys-raw"),
                "--spring.kafka.bootstrap-servers=" + servers.kafkaBootstrapServers(),
                "--pipeline.schema-registry.url=" + servers.schemaRegistryUrl());
    }
}

package news.pipeline.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import news.pipeline.enrich.SeedArticle;
import news.pipeline.enrich.audio.AudioEnricher;
import news.pipeline.enrich.audio.AudioSettings;
import news.pipeline.enrich.category.CategoryData;
import news.pipeline.enrich.category.CategoryEnricher;
import news.pipeline.enrich.category.CategorySettings;
import news.pipeline.enrich.related.RelatedIndex;
import news.pipeline.enrich.related.RelatedSettings;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.support.PipelineAutoConfiguration;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.kafka.ValueDecoder;
import news.pipeline.support.kafka.ValueEncoder;
import news.pipeline.testsupport.RealServers;
import news.pipeline.testsupport.RealServersExtension;
import news.stack.Endpoints;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.cloud.stream.binder.test.InputDestination;
import org.springframework.cloud.stream.binder.test.OutputDestination;
import org.springframework.cloud.stream.binder.test.TestChannelBinderConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;

/**
 * {@link EnrichFunction} bound the way the service binds it ({@code enrich-in-0} → {@code enrich-out-0}),
 * on Spring Cloud Stream's in-memory test binder instead of Kafka: raw record bytes in the Confluent wire
 * format in (the real registry resolves the schema id), an enriched article in the same format keyed by its id out.
 */
@RealServers
class EnrichFunctionBinderIT {

    // the destinations application.yml binds enrich-in-0 and enrich-out-0 to
    private static final TopicSpec<RawArticle> RAW = Topics.RAW_ARTICLES;
    private static final String ENRICHED = Topics.ENRICHED_ARTICLES.name();

    @Test
    void aRawRecordComesOutAsAnEnrichedArticleKeyedByItsId(Endpoints servers) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
                TestChannelBinderConfiguration.getCompleteConfiguration(FunctionOnly.class))
                .web(WebApplicationType.NONE)
                .run("--spring.cloud.function.definition=enrich",
                        "--spring.cloud.stream.default-binder=integration",
                        "--spring.main.banner-mode=off")) {
            InputDestination in = context.getBean(InputDestination.class);
            OutputDestination out = context.getBean(OutputDestination.class);

            RawArticle seed = SeedArticle.article("binder-seed-1");
            in.send(record(servers, seed), RAW.name());
            Message<?> message = out.receive(10_000, ENRICHED);

            assertThat(message).isNotNull();
            assertThat(message.getHeaders().get(KafkaHeaders.KEY)).isEqualTo("binder-seed-1");
            // the enriched topic's format: what publish-service and the rebuild decode
            EnrichedArticle enriched = new ValueDecoder<>(Topics.ENRICHED_ARTICLES,
                    Map.of("schema.registry.url", servers.schemaRegistryUrl())).decode(ENRICHED, (byte[]) message.getPayload());
            assertThat(enriched.getId()).isEqualTo("binder-seed-1");
            assertThat(enriched.getVersion()).isEqualTo(seed.getVersion());
            assertThat(enriched.getDetectedLanguage()).isEqualTo("vi");
            assertThat(enriched.getCategories()).isNotEmpty();
            assertThat(enriched.getEnrichmentVersion()).isEqualTo("binder-test");

            // a tombstone passes nothing on
            in.send(MessageBuilder.withPayload(ByteBuffer.wrap(new byte[0])).setHeader(KafkaHeaders.RECEIVED_TOPIC, RAW.name()).build(),
                    RAW.name());
            assertThat(out.receive(500, ENRICHED)).isNull();
        }
    }

    @Test
    void bytesThatAreNotARawArticleArePoisonAtTheDeserializeStage() {
        EnrichFunction function = new FunctionOnly().enrich(new FunctionOnly().articleEnricher());
        Message<ByteBuffer> garbage = MessageBuilder.withPayload(ByteBuffer.wrap("{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, RAW.name()).build();

        assertThatThrownBy(() -> function.apply(garbage))
                .isInstanceOfSatisfying(PoisonRecordException.class, e -> assertThat(e.stage()).isEqualTo("deserialize"));
    }

    private static Message<ByteBuffer> record(Endpoints servers, RawArticle article) {
        byte[] bytes = RAW.valueSerde(Map.of("schema.registry.url", servers.schemaRegistryUrl()))
                .serializer().serialize(RAW.name(), article);
        return MessageBuilder.withPayload(ByteBuffer.wrap(bytes))
                .setHeader(KafkaHeaders.RECEIVED_TOPIC, RAW.name())
                .setHeader(KafkaHeaders.RECEIVED_PARTITION, 0)
                .setHeader(KafkaHeaders.OFFSET, 0L)
                .build();
    }

    /** Only the function and the enrichers behind it: no Kafka, no topic provisioning. */
    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = {KafkaAutoConfiguration.class, PipelineAutoConfiguration.class})
    static class FunctionOnly {

        @Bean
        ArticleEnricher articleEnricher() {
            RelatedIndex related = new RelatedIndex(RelatedSettings.defaults());
            AudioEnricher audio = new AudioEnricher(AudioSettings.withoutMedia());
            return ArticleEnricher.standalone(related, new CategoryEnricher(CategoryData.load(new DefaultResourceLoader(), "classpath:categories/",
                    List.of("vi", "en")), CategorySettings.defaults()), audio, "binder-test", new SimpleMeterRegistry());
        }

        @Bean
        EnrichFunction enrich(ArticleEnricher articleEnricher) {
            String registry = RealServersExtension.endpoints().schemaRegistryUrl();
            return new EnrichFunction(new ValueDecoder<>(RAW, Map.of("schema.registry.url", registry)),
                    new ValueEncoder<>(Topics.ENRICHED_ARTICLES, Map.of("schema.registry.url", registry)), ENRICHED,
                    articleEnricher, new LatestVersions(), "binder-test", new SimpleMeterRegistry());
        }
    }
}

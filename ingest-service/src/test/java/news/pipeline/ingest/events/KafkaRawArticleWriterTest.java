package news.pipeline.ingest.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.pipeline.events.PubStatus;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.registry.SchemaRegistryException;
import news.pipeline.schemas.serde.AvroSerializer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.mock.MockProducerFactory;

/** How send outcomes become answers: acknowledged, try later (503), or never (413/500); and the send-timeout rule. */
class KafkaRawArticleWriterTest {

    private static final Node NODE = new Node(1, "127.0.0.1", 9092);
    private static final Cluster CLUSTER = new Cluster("c", List.of(NODE),
            List.of(new PartitionInfo("raw", 0, NODE, new Node[] {NODE}, new Node[] {NODE}),
                    new PartitionInfo("raw", 1, NODE, new Node[] {NODE}, new Node[] {NODE})), Set.of(), Set.of());

    private static final Serializer<RawArticle> NO_REGISTRY = (topic, article) -> new byte[] {0, 0, 0, 0, 1};

    @Test
    void acknowledgedSendGivesWhereTheEventIs() {
        MockProducer<String, RawArticle> producer = new MockProducer<>(CLUSTER, true, null, new StringSerializer(), NO_REGISTRY);

        Delivery delivery = writer(producer).write(article());

        assertThat(delivery.topic()).isEqualTo("raw");
        assertThat(delivery.partition()).isBetween(0, 1);
        assertThat(producer.history()).singleElement().satisfies(r -> assertThat(r.key()).isEqualTo("f-1"));
    }

    @Test
    void brokerTimeoutIsUnavailable() {
        MockProducer<String, RawArticle> producer = new MockProducer<>(CLUSTER, true, null, new StringSerializer(), NO_REGISTRY);
        producer.sendException = new TimeoutException("Expiring 1 record(s) for raw-0");

        assertThatThrownBy(() -> writer(producer).write(article()))
                .isInstanceOf(EventStoreUnavailableException.class).hasMessageContaining("Kafka unavailable");
    }

    @Test
    void unreachableRegistryIsUnavailable() {
        AvroSerializer<RawArticle> serializer = new AvroSerializer<>();
        serializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1", "schema.registry.max.retries", "0"), false);
        MockProducer<String, RawArticle> producer = new MockProducer<>(CLUSTER, true, null, new StringSerializer(), serializer);

        assertThatThrownBy(() -> writer(producer).write(article()))
                .isInstanceOf(EventStoreUnavailableException.class).hasMessageContaining("schema registry unavailable");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void refusedSchemaAndOversizedRecordAreRejectedForGood() {
        MockProducer<String, RawArticle> producer = new MockProducer<>(CLUSTER, true, null, new StringSerializer(), NO_REGISTRY);
        producer.sendException = new SerializationException("no schema id",
                new SchemaRegistryException.IncompatibleSchema("incompatible with version 3", 409));
        assertThatThrownBy(() -> writer(producer).write(article()))
                .isInstanceOfSatisfying(EventRejectedException.class, e -> assertThat(e.status()).isEqualTo(500));

        producer.sendException = new RecordTooLargeException("too large");
        assertThatThrownBy(() -> writer(producer).write(article()))
                .isInstanceOfSatisfying(EventRejectedException.class, e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void producerTimeoutsMustEndWithinTheSendTimeout() {
        Duration send = Duration.ofSeconds(5);
        KafkaRawArticleWriter.requireVerdictWithin(Map.of("max.block.ms", 5000, "delivery.timeout.ms", "5000"), send);

        assertThatThrownBy(() -> KafkaRawArticleWriter.requireVerdictWithin(Map.of("max.block.ms", "5000",
                "delivery.timeout.ms", "8000"), send))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("delivery.timeout.ms=8000");
        // unset: Kafka's defaults (60 s, 120 s) would hold a request for minutes
        assertThatThrownBy(() -> KafkaRawArticleWriter.requireVerdictWithin(Map.of("delivery.timeout.ms", "5000"), send))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("max.block.ms=60000");
    }

    private static KafkaRawArticleWriter writer(MockProducer<String, RawArticle> producer) {
        return new KafkaRawArticleWriter(new KafkaTemplate<>(new MockProducerFactory<>(() -> producer)), "raw",
                Duration.ofSeconds(5), new SimpleMeterRegistry());
    }

    private static RawArticle article() {
        return RawArticle.newBuilder().setId("f-1").setFeed("f").setVersion(1).setVersionCreated(Instant.EPOCH)
                .setPubStatus(PubStatus.usable).setHeadline("h").setReceivedAt(Instant.EPOCH).setContentHash("x")
                .setSourceFormat("json").build();
    }
}

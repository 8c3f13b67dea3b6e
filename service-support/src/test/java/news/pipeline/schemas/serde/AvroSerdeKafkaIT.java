package news.pipeline.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.schemas.topics.Topics;
import news.pipeline.testsupport.TopicClient;
import news.pipeline.schemas.TestArticles;
import news.pipeline.schemas.registry.SchemaRegistryClient;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The serde against the real broker and registry. */
@RealServers
class AvroSerdeKafkaIT {

    @Test
    void aRawArticleGoesThroughKafkaAndComesBackEqual(Endpoints servers) throws Exception {
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", servers.schemaRegistryUrl(),
                "specific.avro.reader", "true");
        RawArticle sent = TestArticles.rawArticle("baothaibinh-" + UUID.randomUUID());
        List<ConsumerRecord<String, RawArticle>> received;
        String topic;
        try (TopicClient kafka = new TopicClient(servers)) {
            TopicSpec<RawArticle> spec = kafka.create(Topics.RAW_ARTICLES, TopicClient.unique("serde-roundtrip"));
            topic = spec.name();
            kafka.send(spec, sent.getId(), sent);
            received = kafka.read(spec, 1, Duration.ofSeconds(30));
        }

        assertThat(received).hasSize(1);
        assertThat(received.getFirst().key()).isEqualTo(sent.getId());
        assertThat(received.getFirst().value()).isEqualTo(sent);
        // registered under Confluent's default subject name
        SchemaRegistryClient registry = new SchemaRegistryClient(serdeConfig);
        assertThat(registry.latest(topic + "-value").schema()).isEqualTo(RawArticle.getClassSchema());
    }

    /** Bytes that end too early are a bad record (dead letter), not an outage to retry for ever. */
    @Test
    void aTruncatedPayloadIsPoisonNotAnOutage(Endpoints servers) {
        Map<String, Object> serdeConfig = Map.of("schema.registry.url", servers.schemaRegistryUrl(),
                "specific.avro.reader", "true");
        TopicSpec<RawArticle> spec = Topics.RAW_ARTICLES.named(TopicClient.unique("serde-truncated"));
        byte[] whole = spec.valueSerde(serdeConfig).serializer().serialize(spec.name(),
                TestArticles.rawArticle("baothaibinh-" + UUID.randomUUID()));
        byte[] truncated = java.util.Arrays.copyOf(whole, whole.length / 2);

        try (var decoder = new news.pipeline.support.kafka.ValueDecoder<>(spec, serdeConfig)) {
            assertThat(decoder.decode(spec.name(), whole)).isNotNull();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> decoder.decode(spec.name(), truncated))
                    .isInstanceOf(news.pipeline.support.failure.PoisonRecordException.class)
                    .hasMessageContaining("malformed");
        }
    }

    @Test
    void handAssembledConfluentFramedBytesDecode(Endpoints servers) throws Exception {
        Schema schema = SchemaBuilder.record("Headline").namespace("test.handmade").fields()
                .requiredString("text").requiredLong("version").endRecord();
        SchemaRegistryClient registry = new SchemaRegistryClient(Map.of("schema.registry.url", servers.schemaRegistryUrl()));
        int id = registry.register("handmade-" + UUID.randomUUID() + "-value", schema);

        GenericRecord record = new GenericData.Record(schema);
        record.put("text", "Tin cùng chuyên mục");
        record.put("version", 7L);
        ByteArrayOutputStream avro = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(avro, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(message);
        out.writeByte(0);        // magic byte
        out.writeInt(id);        // schema id, big-endian
        out.write(avro.toByteArray());

        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(Map.of("schema.registry.url", servers.schemaRegistryUrl()), false);
        GenericRecord decoded = deserializer.deserialize("any-topic", message.toByteArray());

        assertThat(decoded.get("text").toString()).isEqualTo("Tin cùng chuyên mục");
        assertThat(decoded.get("version")).isEqualTo(7L);
        // and our serializer writes exactly those bytes for the same record under the same subject
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, AvroSerdeConfig.from(Map.of(
                "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy")), false);
        registry.register("test.handmade.Headline", schema);
        byte[] ours = serializer.serialize("any-topic", record);
        assertThat(ConfluentWireFormat.parse(ours).payload()).isEqualTo(java.nio.ByteBuffer.wrap(avro.toByteArray()));
    }

    @Test
    void schemaIdsAreCachedSoSteadyTrafficCostsNoRegistryCalls(Endpoints servers) {
        SchemaRegistryClient registry = new SchemaRegistryClient(Map.of("schema.registry.url", servers.schemaRegistryUrl()));
        AvroSerializer<RawArticle> serializer = new AvroSerializer<>(registry, AvroSerdeConfig.from(Map.of()), false);
        String topic = "cache-" + UUID.randomUUID();

        for (int i = 0; i < 50; i++) {
            serializer.serialize(topic, TestArticles.rawArticle("a-" + i));
        }

        assertThat(registry.requestCount()).isEqualTo(1);
    }
}

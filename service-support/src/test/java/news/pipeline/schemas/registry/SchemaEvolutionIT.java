package news.pipeline.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.pipeline.schemas.serde.AvroDeserializer;
import news.pipeline.schemas.serde.AvroSerdeConfig;
import news.pipeline.schemas.serde.AvroSerializer;
import news.pipeline.testsupport.RealServers;
import news.stack.Endpoints;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Subjects run under BACKWARD compatibility on the real registry. */
@RealServers
class SchemaEvolutionIT {

    private static final Schema V1 = SchemaBuilder.record("Article").namespace("test.evolution").fields()
            .requiredString("id").requiredString("headline").endRecord();
    /** Backward compatible: a new optional field with a default. */
    private static final Schema V2 = SchemaBuilder.record("Article").namespace("test.evolution").fields()
            .requiredString("id").requiredString("headline")
            .name("section").type().stringType().stringDefault("unsectioned").endRecord();
    /** Incompatible: a new required field without a default cannot be read from old records. */
    private static final Schema V3 = SchemaBuilder.record("Article").namespace("test.evolution").fields()
            .requiredString("id").requiredString("headline").requiredString("section")
            .requiredInt("wordCount").endRecord();

    @Test
    void compatibleChangeRegistersAndOldRecordsDecodeWithTheNewReaderSchema(Endpoints servers) {
        SchemaRegistryClient registry = client(servers);
        String topic = "evolution-" + UUID.randomUUID();
        String subject = topic + "-value";
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, AvroSerdeConfig.from(Map.of()), false);

        GenericRecord old = new GenericData.Record(V1);
        old.put("id", "a-1");
        old.put("headline", "Quy chế dân chủ");
        byte[] writtenWithV1 = serializer.serialize(topic, old);

        assertThat(registry.globalCompatibility()).isEqualTo("BACKWARD");
        assertThat(registry.isCompatible(subject, V2)).isTrue();
        int v1Id = registry.lookUpId(subject, V1);
        int v2Id = registry.register(subject, V2);
        assertThat(v2Id).isNotEqualTo(v1Id);
        assertThat(registry.latest(subject).schema()).isEqualTo(V2);

        AvroDeserializer<GenericRecord> newReader = new AvroDeserializer<>(client(servers),
                AvroSerdeConfig.from(Map.of(AvroSerdeConfig.READER_SCHEMA, V2.toString())));
        GenericRecord decoded = newReader.deserialize(topic, writtenWithV1);

        assertThat(decoded.getSchema()).isEqualTo(V2);
        assertThat(decoded.get("headline").toString()).isEqualTo("Quy chế dân chủ");
        assertThat(decoded.get("section").toString()).isEqualTo("unsectioned");
    }

    @Test
    void incompatibleChangeIsRefusedWithAClearError(Endpoints servers) {
        SchemaRegistryClient registry = client(servers);
        String topic = "evolution-" + UUID.randomUUID();
        String subject = topic + "-value";
        registry.register(subject, V2);

        assertThat(registry.isCompatible(subject, V3)).isFalse();
        assertThatThrownBy(() -> registry.register(subject, V3))
                .isInstanceOf(SchemaRegistryException.IncompatibleSchema.class)
                .hasMessageContaining("incompatible")
                .satisfies(e -> assertThat(((SchemaRegistryException) e).status()).isEqualTo(409));

        // through the serializer, producers see a SerializationException carrying the registry's refusal
        GenericRecord record = new GenericData.Record(V3);
        record.put("id", "a-2");
        record.put("headline", "h");
        record.put("section", "s");
        record.put("wordCount", 3);
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>(registry, AvroSerdeConfig.from(Map.of()), false);
        assertThatThrownBy(() -> serializer.serialize(topic, record))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(subject)
                .hasCauseInstanceOf(SchemaRegistryException.IncompatibleSchema.class);
        assertThat(registry.latest(subject).schema()).isEqualTo(V2);
    }

    @Test
    void withoutAutoRegistrationAnUnknownSchemaIsNotFound(Endpoints servers) {
        SchemaRegistryClient registry = client(servers);
        String subject = "unregistered-" + UUID.randomUUID() + "-value";

        assertThatThrownBy(() -> registry.lookUpId(subject, V1))
                .isInstanceOf(SchemaRegistryException.NotFound.class);
    }

    @Test
    void anUnreachableRegistryFailsAfterItsRetriesAsUnavailable() {
        SchemaRegistryClient registry = new SchemaRegistryClient(Map.of(
                "schema.registry.url", "http://127.0.0.1:1",
                "schema.registry.max.retries", "2",
                "schema.registry.retry.backoff.ms", "10"));

        assertThatThrownBy(() -> registry.register("any-value", V1))
                .isInstanceOf(SchemaRegistryException.Unavailable.class)
                .hasMessageContaining("unreachable");
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void clientsRegisteringANewSubjectAtTheSameMomentAllGetItsId(Endpoints servers) throws Exception {
        // the first articles of a new topic: several senders register its schema at once (seen in the benchmark
        // as one article refused with 500 when the registry answered the loser of the race with 409)
        for (int round = 0; round < 10; round++) {
            String subject = "race-" + UUID.randomUUID() + "-value";
            List<Callable<Integer>> registrations = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                registrations.add(() -> client(servers).register(subject, V1));
            }
            Set<Integer> ids = new HashSet<>();
            try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
                for (Future<Integer> id : senders.invokeAll(registrations)) {
                    ids.add(id.get());
                }
            }
            assertThat(ids).as("round %d", round).hasSize(1);
        }
    }

    private static SchemaRegistryClient client(Endpoints servers) {
        return new SchemaRegistryClient(Map.of("schema.registry.url", servers.schemaRegistryUrl()));
    }
}

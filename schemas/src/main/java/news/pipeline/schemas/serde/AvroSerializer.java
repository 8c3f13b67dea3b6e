package news.pipeline.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import news.pipeline.schemas.registry.SchemaRegistryClient;
import news.pipeline.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records (generated or generic) in the Confluent wire format, registering or looking
 * up the schema under the configured subject ({@code <topic>-value} by default). Byte for byte what
 * Confluent's KafkaAvroSerializer writes. A null value stays null (a tombstone).
 *
 * <p>Registry failures surface as a {@link SerializationException} whose cause is the
 * {@link SchemaRegistryException}, so a caller can tell "registry unavailable" from "incompatible".
 */
public class AvroSerializer<T> implements Serializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private boolean isKey;

    /** For Kafka's reflective instantiation; {@link #configure} supplies the registry. */
    public AvroSerializer() {
    }

    public AvroSerializer(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey) {
        this.registry = registry;
        this.config = config;
        this.isKey = isKey;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.registry = new SchemaRegistryClient(configs);
        this.isKey = isKey;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (!(data instanceof GenericContainer record)) {
            throw new SerializationException("AvroSerializer writes Avro records only, got " + data.getClass().getName());
        }
        Schema schema = record.getSchema();
        int schemaId = schemaId(topic, schema);
        return encode(data, schema, schemaId);
    }

    private int schemaId(String topic, Schema schema) {
        String subject = config.strategy(isKey).subject(topic, isKey, schema);
        try {
            if (config.useLatestVersion()) {
                return registry.latest(subject).id();
            }
            return config.autoRegisterSchemas() ? registry.register(subject, schema) : registry.lookUpId(subject, schema);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot get a schema id for subject " + subject + ": " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> byte[] encode(T data, Schema schema, int schemaId) {
        // A generated class carries its own model with the logical-type conversions (Instant, LocalDate).
        DatumWriter<T> writer = data instanceof SpecificRecordBase specific
                ? new SpecificDatumWriter<>(schema, specific.getSpecificData())
                : (DatumWriter<T>) new GenericDatumWriter<>(schema);
        // header and payload in one buffer, written by a buffered encoder: an article is several kilobytes
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        ConfluentWireFormat.writeHeader(out, schemaId);
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot encode " + schema.getFullName() + " as Avro: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    public SchemaRegistryClient registry() {
        return registry;
    }
}

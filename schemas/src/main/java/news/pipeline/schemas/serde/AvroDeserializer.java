package news.pipeline.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import news.pipeline.schemas.registry.SchemaRegistryClient;
import news.pipeline.schemas.registry.SchemaRegistryException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads the Confluent wire format: looks up the writer schema by the id in the header and decodes
 * with a reader schema, so records written with an older schema decode with the current one.
 *
 * <p>With {@code specific.avro.reader=true} the reader schema is that of the generated class
 * named like the writer schema (as Confluent's deserializer does); otherwise a GenericRecord is
 * returned, read with {@code avro.reader.schema} when set, else with the writer schema.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private SchemaRegistryClient registry;
    private AvroSerdeConfig config;
    private final Map<Integer, DatumReader<Object>> readersBySchemaId = new ConcurrentHashMap<>();

    public AvroDeserializer() {
    }

    public AvroDeserializer(SchemaRegistryClient registry, AvroSerdeConfig config) {
        this.registry = registry;
        this.config = config;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.from(configs);
        this.registry = new SchemaRegistryClient(configs);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        ConfluentWireFormat.Framed framed = ConfluentWireFormat.parse(data);
        DatumReader<Object> reader = readersBySchemaId.computeIfAbsent(framed.schemaId(), this::datumReader);
        ByteBuffer payload = framed.payload();
        try {
            return (T) reader.read(null, DecoderFactory.get().binaryDecoder(
                    payload.array(), payload.arrayOffset() + payload.position(), payload.remaining(), null));
        } catch (IOException e) {
            // bytes in memory that end too early are malformed, never an outage: no I/O cause for a classifier to retry
            throw new SerializationException("Cannot decode Avro payload of topic " + topic + " with schema id "
                    + framed.schemaId() + ": malformed (" + e + ")");
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot decode Avro payload of topic " + topic + " with schema id "
                    + framed.schemaId() + ": " + e, e);
        }
    }

    private DatumReader<Object> datumReader(int schemaId) {
        Schema writer;
        try {
            writer = registry.byId(schemaId);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Cannot fetch writer schema id " + schemaId + ": " + e.getMessage(), e);
        }
        if (config.specificAvroReader()) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null || generated == Object.class) {
                throw new SerializationException("No generated class for " + writer.getFullName()
                        + " on the classpath (specific.avro.reader=true)");
            }
            Schema reader = SpecificData.get().getSchema(generated);
            // the generated class's own model carries its logical-type conversions (Instant, LocalDate)
            return new PlainListSpecificDatumReader(writer, reader, readerModel(generated));
        }
        return new GenericDatumReader<>(writer, config.readerSchema() == null ? writer : config.readerSchema());
    }

    /**
     * The generated class's conversions (Instant, LocalDate) on a model of our own, with Avro's fast
     * reader off: the fast reader builds arrays itself and would bypass {@link PlainListSpecificDatumReader}.
     */
    private static SpecificData readerModel(Class<?> generated) {
        SpecificData model = new SpecificData(generated.getClassLoader());
        SpecificData.getForClass(generated).getConversions().forEach(model::addLogicalTypeConversion);
        model.setFastReaderEnabled(false);
        return model;
    }

    /**
     * Decodes arrays into plain {@link ArrayList}s instead of Avro's GenericData.Array, whose
     * equals() compares with a model that lacks the generated classes' logical-type conversions
     * (it throws on an Instant inside a nested record). Decoded records then equal the ones sent.
     */
    private static final class PlainListSpecificDatumReader extends SpecificDatumReader<Object> {

        PlainListSpecificDatumReader(Schema writer, Schema reader, SpecificData data) {
            super(writer, reader, data);
        }

        @Override
        protected Object newArray(Object old, int size, Schema schema) {
            if (old instanceof Collection<?> reusable) {
                reusable.clear();
                return reusable;
            }
            return new ArrayList<>(size);
        }
    }
}

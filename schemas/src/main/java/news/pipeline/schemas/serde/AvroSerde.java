package news.pipeline.schemas.serde;

import java.util.Map;
import news.pipeline.schemas.registry.SchemaRegistryClient;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** The serializer and deserializer as one Kafka {@link Serde}, sharing one registry client and its cache. */
public class AvroSerde<T> implements Serde<T> {

    private AvroSerializer<T> serializer = new AvroSerializer<>();
    private AvroDeserializer<T> deserializer = new AvroDeserializer<>();

    public AvroSerde() {
    }

    public AvroSerde(SchemaRegistryClient registry, AvroSerdeConfig config, boolean isKey) {
        this.serializer = new AvroSerializer<>(registry, config, isKey);
        this.deserializer = new AvroDeserializer<>(registry, config);
    }

    /** A value serde configured from Kafka-style properties (schema.registry.url, specific.avro.reader, ...). */
    public static <T> AvroSerde<T> forValues(Map<String, ?> configs) {
        return new AvroSerde<>(new SchemaRegistryClient(configs), AvroSerdeConfig.from(configs), false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}

package news.pipeline.publish.consume;

import java.util.HashMap;
import java.util.Map;
import news.pipeline.events.EnrichedArticle;
import news.pipeline.schemas.registry.SchemaRegistryException;
import news.pipeline.schemas.serde.AvroDeserializer;
import news.pipeline.schemas.serde.AvroSerdeConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Decodes the raw bytes the consumer reads into an {@link EnrichedArticle}. The consumer itself
 * reads bytes, so one record that is not a readable article (wrong format, unknown schema) becomes a
 * dead letter with its original bytes instead of stopping the loop. A registry that cannot be
 * reached is not the record's fault: that is reported as retriable.
 */
public class RecordDecoder implements AutoCloseable {

    /** The outcome for one record. */
    public sealed interface Decoded permits Article, Tombstone, Undecodable, Unavailable {
    }

    public record Article(EnrichedArticle article) implements Decoded {
    }

    /** A Kafka tombstone (null value): nothing to index; kills come as pubStatus canceled. */
    public record Tombstone() implements Decoded {
    }

    public record Undecodable(String reason) implements Decoded {
    }

    /** The schema registry could not be reached: try again later. */
    public record Unavailable(String reason) implements Decoded {
    }

    private final AvroDeserializer<Object> deserializer = new AvroDeserializer<>();

    public RecordDecoder(String schemaRegistryUrl, Map<String, String> extraProperties) {
        Map<String, Object> config = new HashMap<>(extraProperties);
        config.put("schema.registry.url", schemaRegistryUrl);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        deserializer.configure(config, false);
    }

    public Decoded decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return new Tombstone();
        }
        try {
            Object value = deserializer.deserialize(record.topic(), record.value());
            if (value instanceof EnrichedArticle article) {
                return new Article(article);
            }
            return new Undecodable("not an EnrichedArticle: " + (value == null ? "null" : value.getClass().getName()));
        } catch (RuntimeException e) {
            if (causedBy(e, SchemaRegistryException.Unavailable.class)) {
                return new Unavailable(e.getMessage());
            }
            return new Undecodable(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() {
        deserializer.close();
    }
}

package news.pipeline.enrich.stream;

import java.util.HashMap;
import java.util.Map;
import news.pipeline.events.RawArticle;
import news.pipeline.schemas.registry.SchemaRegistryException;
import news.pipeline.schemas.serde.AvroDeserializer;
import news.pipeline.schemas.serde.AvroSerdeConfig;

/**
 * Decodes a raw record's bytes with the project's registry-aware {@link AvroDeserializer}.
 *
 * <p>The binding consumes bytes and decoding happens here, in the function, rather than in the
 * Kafka consumer, for two reasons: a dead letter then always carries the record's original bytes
 * (as {@code news.articles.raw.dlt} promises), and a registry outage is told apart from a garbage
 * record — the first is retried with backoff, only the second is poison.
 */
public class RawArticleDecoder {

    private final AvroDeserializer<RawArticle> deserializer = new AvroDeserializer<>();

    public RawArticleDecoder(Map<String, ?> registryConfig) {
        Map<String, Object> config = new HashMap<>(registryConfig);
        config.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        deserializer.configure(config, false);
    }

    public RawArticle decode(String topic, byte[] bytes) {
        Object value;
        try {
            value = deserializer.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            if (hasCause(e, SchemaRegistryException.Unavailable.class)) {
                throw new StageException.Transient("deserialize", "schema registry unavailable: " + e.getMessage(), e);
            }
            throw new StageException.Poison("deserialize", "not a RawArticle in Confluent Avro format: " + e.getMessage(), e);
        }
        if (value != null && !(value instanceof RawArticle)) {
            throw new StageException.Poison("deserialize", "expected a RawArticle, got " + value.getClass().getName(), null);
        }
        return (RawArticle) value;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}

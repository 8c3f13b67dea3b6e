package news.pipeline.support.kafka;

import java.util.Map;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.failure.Failures;
import news.pipeline.support.failure.PoisonRecordException;
import news.pipeline.support.failure.TransientFailureException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Decodes a record's value bytes with its topic's serde. Consumers read bytes and decode here rather than
 * in the Kafka client, so a record that is not readable becomes a dead letter with its original bytes,
 * and an unreachable registry is told apart from a garbage record.
 */
public final class ValueDecoder<V> implements AutoCloseable {

    private final TopicSpec<V> spec;
    private final Deserializer<V> deserializer;

    public ValueDecoder(TopicSpec<V> spec, Map<String, ?> registryConfig) {
        this.spec = spec;
        this.deserializer = spec.valueSerde(registryConfig).deserializer();
    }

    /**
     * The value, or null for a tombstone.
     *
     * @throws TransientFailureException the registry cannot be reached: try again later
     * @throws PoisonRecordException     the bytes are not a {@code V} in the topic's format
     */
    public V decode(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        Object value;
        try {
            value = deserializer.deserialize(topic, bytes);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw new TransientFailureException("deserialize", "schema registry unavailable: " + e.getMessage(), e);
            }
            throw new PoisonRecordException("deserialize", "not a " + spec.valueType().getSimpleName()
                    + " in the topic's format: " + e.getMessage(), e);
        }
        if (value != null && !spec.valueType().isInstance(value)) {
            throw new PoisonRecordException("deserialize", "expected a " + spec.valueType().getSimpleName() + ", got "
                    + value.getClass().getName(), null);
        }
        return spec.valueType().cast(value);
    }

    @Override
    public void close() {
        deserializer.close();
    }
}

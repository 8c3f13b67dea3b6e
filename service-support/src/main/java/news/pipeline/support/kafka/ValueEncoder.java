package news.pipeline.support.kafka;

import java.util.Map;
import news.pipeline.schemas.topics.TopicSpec;
import news.pipeline.support.failure.Failures;
import news.pipeline.support.failure.TransientFailureException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encodes a value with its topic's serde, the counterpart of {@link ValueDecoder} for a producer that hands
 * the Kafka client bytes: the same wire format, and an unreachable registry told apart from anything else.
 * enrich-service encodes its output in the stream function, so the message the binding carries is bytes
 * (Spring Integration renders a message's payload into a debug line it then discards, on every send).
 */
public final class ValueEncoder<V> implements AutoCloseable {

    private final Serializer<V> serializer;

    public ValueEncoder(TopicSpec<V> spec, Map<String, ?> registryConfig) {
        this.serializer = spec.valueSerde(registryConfig).serializer();
    }

    /**
     * The value's bytes in the topic's format.
     *
     * @throws TransientFailureException the registry cannot be reached: try again later
     * @throws RuntimeException          the value cannot be written (the registry refused its schema, ...)
     */
    public byte[] encode(String topic, V value) {
        try {
            return serializer.serialize(topic, value);
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw new TransientFailureException("serialize", "schema registry unavailable: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        serializer.close();
    }
}

package news.pipeline.schemas.topics;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import news.pipeline.schemas.serde.AvroSerde;
import news.pipeline.schemas.serde.AvroSerdeConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One topic: its name, how keys and values are serialised, and its policy (partitions, retention,
 * compaction). Keys are always the article id as a UTF-8 string.
 *
 * @param valueType the generated Avro class of the values, or {@code byte[]} for dead-letter topics
 *                  that keep the original bytes untouched
 */
public record TopicSpec<V>(String name, Class<V> valueType, int partitions, Map<String, String> configs) {

    /** The same topic (serdes and policy) under another name: a deployment's or a test's own. */
    public TopicSpec<V> named(String otherName) {
        return new TopicSpec<>(otherName, valueType, partitions, configs);
    }

    public Serde<String> keySerde() {
        return Serdes.String();
    }

    public boolean isAvro() {
        return valueType != byte[].class;
    }

    /**
     * The value serde, configured from Kafka-style registry properties ({@code schema.registry.url}
     * and friends). Avro values are read into their generated class.
     */
    @SuppressWarnings("unchecked")
    public Serde<V> valueSerde(Map<String, ?> registryConfigs) {
        if (!isAvro()) {
            return (Serde<V>) Serdes.ByteArray();
        }
        Map<String, Object> configs = new HashMap<>(registryConfigs);
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");
        return AvroSerde.forValues(configs);
    }

    public String valueSubject() {
        return name + "-value";
    }

    /** The topic as the admin client creates it, with this spec's partitions and configs. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, Optional.of(partitions), Optional.of(replicationFactor)).configs(configs);
    }
}

package news.pipeline.schemas.serde;

import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/** Confluent's three subject naming strategies; configured by simple or Confluent class name. */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: Confluent's default, one schema lineage per topic. */
    TOPIC_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + (isKey ? "-key" : "-value");
        }
    },
    /** The record's full name, shared across topics. */
    RECORD_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return schema.getFullName();
        }
    },
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD_NAME {
        @Override
        public String subject(String topic, boolean isKey, Schema schema) {
            return topic + "-" + schema.getFullName();
        }
    };

    public abstract String subject(String topic, boolean isKey, Schema schema);

    static SubjectNameStrategy fromConfig(Object value) {
        if (value == null) {
            return TOPIC_NAME;
        }
        String name = value instanceof Class<?> c ? c.getSimpleName() : value.toString().trim();
        String simple = name.substring(name.lastIndexOf('.') + 1);
        return switch (simple) {
            case "TopicNameStrategy", "TOPIC_NAME" -> TOPIC_NAME;
            case "RecordNameStrategy", "RECORD_NAME" -> RECORD_NAME;
            case "TopicRecordNameStrategy", "TOPIC_RECORD_NAME" -> TOPIC_RECORD_NAME;
            default -> throw new ConfigException("Unknown subject name strategy " + name
                    + " (expected TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy)");
        };
    }
}

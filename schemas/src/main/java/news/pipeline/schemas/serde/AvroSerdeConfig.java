package news.pipeline.schemas.serde;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.ConfigException;

/**
 * The serde settings, under Confluent's names so a deployment can swap in Confluent's serde by
 * configuration alone: {@code auto.register.schemas} (default true), {@code use.latest.version},
 * {@code specific.avro.reader}, {@code key.subject.name.strategy} / {@code value.subject.name.strategy}
 * (TopicNameStrategy by default, giving {@code <topic>-value} subjects).
 * {@code avro.reader.schema} (ours) gives a generic reader an explicit reader schema.
 */
public record AvroSerdeConfig(
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        boolean specificAvroReader,
        SubjectNameStrategy keySubjectStrategy,
        SubjectNameStrategy valueSubjectStrategy,
        Schema readerSchema) {

    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    public static final String READER_SCHEMA = "avro.reader.schema";

    public static AvroSerdeConfig from(Map<String, ?> configs) {
        Object reader = configs.get(READER_SCHEMA);
        return new AvroSerdeConfig(
                bool(configs, AUTO_REGISTER_SCHEMAS, true),
                bool(configs, USE_LATEST_VERSION, false),
                bool(configs, SPECIFIC_AVRO_READER, false),
                SubjectNameStrategy.fromConfig(configs.get(KEY_SUBJECT_NAME_STRATEGY)),
                SubjectNameStrategy.fromConfig(configs.get(VALUE_SUBJECT_NAME_STRATEGY)),
                reader == null ? null : reader instanceof Schema s ? s : new Schema.Parser().parse(reader.toString()));
    }

    SubjectNameStrategy strategy(boolean isKey) {
        return isKey ? keySubjectStrategy : valueSubjectStrategy;
    }

    private static boolean bool(Map<String, ?> configs, String key, boolean defaultValue) {
        Object value = configs.get(key);
        if (value == null) {
            return defaultValue;
        }
        String text = value.toString().trim();
        if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
            throw new ConfigException(key, value, "must be true or false");
        }
        return Boolean.parseBoolean(text);
    }
}

package news.pipeline.support.logging;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.MDC;

/**
 * The fields operators filter logs by: article id, feed, and the Kafka topic, partition and offset of the
 * record. They go into SLF4J's MDC while one article or record is handled, so every line written in that time
 * carries them, including lines from libraries. Spring Boot's structured logging
 * ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs} or {@code logstash}) writes them as JSON fields. Text logs keep
 * them in the message, as before. Use with try-with-resources: {@link #close()} removes what this added.
 */
public final class LogFields implements AutoCloseable {

    public static final String ARTICLE_ID = "article_id";
    public static final String FEED = "feed";
    public static final String TOPIC = "topic";
    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";

    private final List<String> added = new ArrayList<>(5);

    private LogFields() {
    }

    public static LogFields open() {
        return new LogFields();
    }

    public LogFields article(String id) {
        return put(ARTICLE_ID, id);
    }

    public LogFields feed(String feed) {
        return put(FEED, feed);
    }

    /** Where the record being handled was read from, or where an article was written to. */
    public LogFields at(String topic, Object partition, Object offset) {
        return put(TOPIC, topic).put(PARTITION, partition).put(OFFSET, offset);
    }

    private LogFields put(String key, Object value) {
        if (value != null) {
            MDC.put(key, value.toString());
            added.add(key);
        }
        return this;
    }

    @Override
    public void close() {
        added.forEach(MDC::remove);
        added.clear();
    }
}

package news.pipeline.publish.config;

import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What the wiring itself needs under {@code publish.*}: the mode and the batch size (the Elasticsearch client
 * is Spring Boot's, from {@code spring.elasticsearch.*}). The index, retry and reindex settings belong to the packages that use them
 * ({@code IndexSettings}, {@code RetrySettings}, {@code ReindexSettings}). Defaults live in
 * {@code application.yml}; every value can be overridden by an environment variable (relaxed binding:
 * {@code PUBLISH_BATCH_MAX_RECORDS}, ...).
 *
 * @param mode {@code live} runs the listener; {@code reindex} rebuilds the index from the topic and exits
 */
@ConfigurationProperties("publish")
public record PublishProperties(Mode mode, Batch batch) {

    public PublishProperties {
        Objects.requireNonNull(mode, "publish.mode");
        Objects.requireNonNull(batch, "publish.batch");
    }

    public enum Mode { LIVE, REINDEX }

    /**
     * @param maxRecords records per batch (the listener's {@code max-poll-records}, the reindex's chunks) and
     *                   documents per bulk request
     * @param maxBytes   bytes per bulk request
     */
    public record Batch(int maxRecords, DataSize maxBytes) {
        public Batch {
            Objects.requireNonNull(maxBytes, "publish.batch.max-bytes");
            if (maxRecords < 1) {
                throw new IllegalArgumentException("publish.batch.max-records must be at least 1");
            }
        }
    }
}

package news.pipeline.publish.config;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Everything publish-service can be told, under {@code publish.*}. The defaults live in
 * {@code application.yml} and need no set-up on the local stack; every value can be overridden by
 * an environment variable (relaxed binding: {@code PUBLISH_INDEX_ALIAS}, {@code PUBLISH_BATCH_MAX_RECORDS}, ...).
 *
 * @param mode {@code live} runs the consumer; {@code reindex} rebuilds the index from the topic and exits
 */
@ConfigurationProperties("publish")
public record PublishProperties(
        Mode mode,
        Elasticsearch elasticsearch,
        Kafka kafka,
        Index index,
        Batch batch,
        Retry retry,
        Reindex reindex) {

    public PublishProperties {
        Objects.requireNonNull(mode, "publish.mode");
        Objects.requireNonNull(elasticsearch, "publish.elasticsearch");
        Objects.requireNonNull(kafka, "publish.kafka");
        Objects.requireNonNull(index, "publish.index");
        Objects.requireNonNull(batch, "publish.batch");
        Objects.requireNonNull(retry, "publish.retry");
        Objects.requireNonNull(reindex, "publish.reindex");
    }

    public enum Mode { LIVE, REINDEX }

    /**
     * @param url            the node (or load balancer) the client talks to
     * @param connectTimeout TCP connect timeout
     * @param socketTimeout  how long one request may wait for its answer (a bulk included)
     */
    public record Elasticsearch(String url, Duration connectTimeout, Duration socketTimeout) {
        public Elasticsearch {
            Objects.requireNonNull(url, "publish.elasticsearch.url");
            Objects.requireNonNull(connectTimeout, "publish.elasticsearch.connect-timeout");
            Objects.requireNonNull(socketTimeout, "publish.elasticsearch.socket-timeout");
        }
    }

    /**
     * @param topic             the enriched articles (compacted, kept forever)
     * @param deadLetterTopic   where documents Elasticsearch refused for good go, with the reason in headers
     * @param groupId           consumer group of the live consumer (the reindex reads without a group)
     * @param provisionTopics   create both topics with the pipeline's policy when they are missing
     * @param replicationFactor replication factor of provisioned topics
     * @param properties        extra Kafka client properties (security, client.rack, ...), for every client
     */
    public record Kafka(
            String bootstrapServers,
            String schemaRegistryUrl,
            String topic,
            String deadLetterTopic,
            String groupId,
            boolean provisionTopics,
            short replicationFactor,
            Map<String, String> properties) {
        public Kafka {
            Objects.requireNonNull(bootstrapServers, "publish.kafka.bootstrap-servers");
            Objects.requireNonNull(schemaRegistryUrl, "publish.kafka.schema-registry-url");
            Objects.requireNonNull(topic, "publish.kafka.topic");
            Objects.requireNonNull(deadLetterTopic, "publish.kafka.dead-letter-topic");
            Objects.requireNonNull(groupId, "publish.kafka.group-id");
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * @param alias            what readers (and the live consumer) use
     * @param indexPrefix      versioned indices are {@code <prefix><n>}: articles-v1, articles-v2, ...
     * @param templateName     the index template that gives every versioned index its settings and mapping
     * @param templatePriority index-template priority (templates with overlapping patterns need distinct ones)
     * @param gcDeletes        how long delete tombstones keep refusing older versions ({@code index.gc_deletes})
     * @param codec            {@code default} or {@code best_compression}
     */
    public record Index(
            String alias,
            String indexPrefix,
            String templateName,
            int templatePriority,
            int shards,
            int replicas,
            String refreshInterval,
            String codec,
            String gcDeletes) {
        public Index {
            Objects.requireNonNull(alias, "publish.index.alias");
            Objects.requireNonNull(indexPrefix, "publish.index.index-prefix");
            Objects.requireNonNull(templateName, "publish.index.template-name");
            Objects.requireNonNull(refreshInterval, "publish.index.refresh-interval");
            Objects.requireNonNull(codec, "publish.index.codec");
            Objects.requireNonNull(gcDeletes, "publish.index.gc-deletes");
            if (alias.equals(indexPrefix) || alias.startsWith(indexPrefix)) {
                throw new IllegalArgumentException("publish.index.alias must not match publish.index.index-prefix*");
            }
        }

        public String indexName(int generation) {
            return indexPrefix + generation;
        }
    }

    /**
     * @param maxRecords  records per batch and documents per bulk request
     * @param maxBytes    bytes per batch (Kafka record sizes) and per bulk request
     * @param linger      how long a batch waits for more records after its first one
     * @param pollTimeout the longest single poll
     */
    public record Batch(int maxRecords, DataSize maxBytes, Duration linger, Duration pollTimeout) {
        public Batch {
            Objects.requireNonNull(maxBytes, "publish.batch.max-bytes");
            Objects.requireNonNull(linger, "publish.batch.linger");
            Objects.requireNonNull(pollTimeout, "publish.batch.poll-timeout");
            if (maxRecords < 1) {
                throw new IllegalArgumentException("publish.batch.max-records must be at least 1");
            }
        }
    }

    /** Exponential backoff for retriable failures (429, 5xx, connection refused, registry or DLT unreachable). */
    public record Retry(Duration initialBackoff, Duration maxBackoff, double multiplier) {
        public Retry {
            Objects.requireNonNull(initialBackoff, "publish.retry.initial-backoff");
            Objects.requireNonNull(maxBackoff, "publish.retry.max-backoff");
            if (multiplier < 1.0) {
                throw new IllegalArgumentException("publish.retry.multiplier must be >= 1");
            }
        }
    }

    /**
     * @param deleteOldIndex delete the previous versioned index once the alias has moved
     * @param catchUpRounds  how many times the reindex re-reads the topic's new end before it swaps
     */
    public record Reindex(boolean deleteOldIndex, int catchUpRounds) {
    }
}

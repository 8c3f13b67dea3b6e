package news.pipeline.ingest.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import news.pipeline.schemas.topics.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Everything the ingest service can be told, under {@code ingest.*}. Every value has a default
 * that works on a developer machine with the local stack, and every value can be overridden
 * by the environment (see application.yml for the variable names).
 *
 * @param topic         the raw-article topic; tests point it at a topic of their own
 * @param problemBaseUri base of the RFC 9457 {@code type} URIs of the problems this service answers
 */
@ConfigurationProperties("ingest")
public record IngestProperties(
        String topic,
        @DefaultValue Kafka kafka,
        @DefaultValue Limits limits,
        Map<String, Feed> feeds,
        @DefaultValue("https://news-pipeline.example/problems/") URI problemBaseUri) {

    public IngestProperties {
        topic = topic == null || topic.isBlank() ? Topics.RAW_ARTICLES.name() : topic.trim();
        feeds = feeds == null ? Map.of() : Map.copyOf(feeds);
    }

    /**
     * Kafka and schema-registry clients.
     *
     * @param sendTimeout        longest wait for Kafka's acknowledgement (and for metadata when the
     *                           broker is gone) before the feed is told 503: short, so a dead broker
     *                           is reported quickly instead of holding connections
     * @param replicationFactor  replication of the raw topic when this service creates it
     * @param startupTimeout     bound on topic creation and the state rebuild at startup
     * @param properties         extra client and serde properties passed through as they are
     *                           (e.g. {@code schema.registry.max.retries}, {@code compression.type})
     */
    public record Kafka(
            @DefaultValue("127.0.0.1:9092") String bootstrapServers,
            @DefaultValue("http://127.0.0.1:8081/apis/ccompat/v7") String schemaRegistryUrl,
            @DefaultValue("5s") Duration sendTimeout,
            @DefaultValue("1") short replicationFactor,
            @DefaultValue("true") boolean createTopic,
            @DefaultValue("60s") Duration startupTimeout,
            Map<String, String> properties) {

        public Kafka {
            properties = properties == null ? Map.of() : Map.copyOf(properties);
        }
    }

    /**
     * Protection limits.
     *
     * @param retryAfter what a 503 and a 429 tell the feed to wait (at least), as Retry-After
     */
    public record Limits(
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("10MB") DataSize maxBatchSize,
            @DefaultValue("500") int maxBatchItems,
            @DefaultValue("5s") Duration retryAfter) {
    }

    /**
     * One wire feed: who may post for it and how to read what it sends.
     *
     * @param apiKeys            keys that authenticate as this feed (several, so keys can be rotated)
     * @param sourceTimeZone     zone of times the feed writes without an offset (page text, HTML)
     * @param defaultLanguage    BCP 47 tag used when an article does not state its language
     * @param rateLimitPerSecond sustained requests per second this feed may make
     * @param burst              requests it may make at once before the rate applies (default: the rate, at least 1)
     */
    public record Feed(
            List<String> apiKeys,
            @DefaultValue("UTC") ZoneId sourceTimeZone,
            String defaultLanguage,
            @DefaultValue("20") double rateLimitPerSecond,
            Integer burst) {

        public Feed {
            apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
        }

        public int effectiveBurst() {
            return burst != null && burst > 0 ? burst : Math.max(1, (int) Math.ceil(rateLimitPerSecond));
        }
    }
}

package news.pipeline.enrich.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything enrich-service can be told ({@code enrich.*}); the defaults live in application.yml and
 * need no set-up on a developer machine, every one can be overridden by environment variable.
 */
@ConfigurationProperties("enrich")
public record EnrichProperties(
        String enrichmentVersion,
        String consumerGroup,
        Topics topics,
        Registry registry,
        Text text,
        Categories categories,
        Related related,
        Audio audio,
        SourceLinks sourceLinks) {

    /** Topic names; created with the policy of {@code news.pipeline.schemas.topics.Topics} when missing. */
    public record Topics(String raw, String enriched, String deadLetter, boolean provision, short replicationFactor) {
    }

    /** Schema registry: URL plus any further serde/client settings under Confluent's names. */
    public record Registry(String url, Map<String, String> properties) {
        public Map<String, Object> config() {
            Map<String, Object> config = new java.util.HashMap<>(properties == null ? Map.of() : properties);
            config.put("schema.registry.url", url);
            return config;
        }
    }

    public record Text(int readingWordsPerMinute) {
    }

    /** {@code location}: classpath:categories/ or e.g. file:/etc/enrich/categories/ (mediatopics.tsv, sections.tsv, lexicon/*.tsv). */
    public record Categories(String location, List<String> languages, int maxCategories, double lexiconMinRaw,
            double lexiconMinShare, double secondLevelMinRaw, double secondLevelMinShare, int similarMinNeighbours,
            double similarMinVote) {
    }

    /** {@code indexDir}: empty for an in-memory index (rebuilt from Kafka at start-up either way). */
    public record Related(int maxResults, double halfLifeDays, double minScore, Duration refreshInterval,
            Path indexDir, Duration rebuildTimeout) {
    }

    /** {@code mediaDir}: empty for none. */
    public record Audio(Path mediaDir, List<String> allowedHosts, long maxBytes, Duration timeout, int wordsPerMinute) {
    }

    public record SourceLinks(ZoneId zone) {
    }
}

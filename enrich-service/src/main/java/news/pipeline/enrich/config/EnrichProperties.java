package news.pipeline.enrich.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything enrich-service can be told ({@code enrich.*}); the defaults live in application.yml and
 * need no set-up on a developer machine, every one can be overridden by environment variable. Topic names
 * and the registry are the pipeline's ({@code pipeline.*}, service-support).
 */
@ConfigurationProperties("enrich")
public record EnrichProperties(
        String enrichmentVersion,
        String consumerGroup,
        Text text,
        Categories categories,
        Related related,
        Audio audio,
        SourceLinks sourceLinks) {

    public record Text(int readingWordsPerMinute) {
    }

    /** {@code location}: classpath:categories/ or e.g. file:/etc/enrich/categories/ (mediatopics.tsv, sections.tsv, lexicon/*.tsv). */
    public record Categories(String location, List<String> languages, int maxCategories, double lexiconMinRaw,
            double lexiconMinShare, double secondLevelMinRaw, double secondLevelMinShare, int similarMinNeighbours,
            double similarMinVote) {
    }

    /**
     * The related index is held in memory, rebuilt from the whole enriched topic at start-up (the service does not
     * start if it cannot be within {@code rebuildTimeout}) and then kept in step with it.
     */
    public record Related(int maxResults, double halfLifeDays, double minScore, Duration rebuildTimeout) {
    }

    /** {@code mediaDir}: empty for none. */
    public record Audio(Path mediaDir, List<String> allowedHosts, long maxBytes, Duration timeout, int wordsPerMinute) {
    }

    public record SourceLinks(ZoneId zone) {
    }
}

package news.pipeline.enrich.related;

import java.time.Instant;
import java.util.List;

/** A related article found in the index, with its blended score and the top-level topics it carries. */
public record RelatedHit(String id, String title, String url, double score, Instant publishedAt,
        List<String> topLevelCodes) {
}

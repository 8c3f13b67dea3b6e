package news.pipeline.enrich.category;

import java.util.List;

/** A similar article already seen: its similarity score (0..1) and the top-level topics it was given. */
public record Neighbour(String id, double score, List<String> topLevelCodes) {
}

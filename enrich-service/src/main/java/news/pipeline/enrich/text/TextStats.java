package news.pipeline.enrich.text;

/** What the text enricher computes: detected language (BCP 47 primary tag, or "und"), word count, reading time, slug. */
public record TextStats(String language, int wordCount, int readingTimeSeconds, String slug) {
}

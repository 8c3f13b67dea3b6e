package news.pipeline.ingest.service;

import news.pipeline.ingest.model.ParsedArticle;

/**
 * Identity the feed gives beside the body (query parameters {@code sourceId} and {@code url}),
 * for formats that carry none (page text) or may lack one (HTML without a canonical link).
 * What the body itself says wins.
 */
public record SourceHints(String sourceId, String url) {

    public static final SourceHints NONE = new SourceHints(null, null);

    public ParsedArticle applyTo(ParsedArticle article) {
        ParsedArticle.Builder b = article.toBuilder();
        if (isBlank(article.sourceId()) && !isBlank(sourceId)) {
            b.sourceId(sourceId.trim());
        }
        if (isBlank(article.uri()) && !isBlank(url)) {
            b.uri(url.trim());
        }
        return b.build();
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}

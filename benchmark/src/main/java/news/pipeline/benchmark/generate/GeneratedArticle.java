package news.pipeline.benchmark.generate;

/**
 * One article ready to post: where to ({@code feed}, {@code apiKey}), as what ({@code contentType}),
 * and the body bytes. The other fields describe it for the report.
 *
 * @param index       position in its batch (0-based)
 * @param sourceUri   the source's own id / URL (unique per run: it carries the run tag)
 * @param format      {@code ninjs-2}, {@code ninjs-1} or {@code json} (the project's own format, which carries source links)
 */
public record GeneratedArticle(
        int index,
        String language,
        String feed,
        String apiKey,
        String format,
        String contentType,
        String sourceUri,
        String headline,
        String mediaTopic,
        int wordCount,
        boolean hasAudio,
        int sourceLinks,
        int images,
        byte[] body) {

    public int bodyBytes() {
        return body.length;
    }
}

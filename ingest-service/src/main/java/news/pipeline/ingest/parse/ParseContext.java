package news.pipeline.ingest.parse;

import java.time.ZoneId;

/**
 * What a parser needs to know besides the body.
 *
 * @param feed       the authenticated feed
 * @param sourceZone zone of times written without an offset (the site's local time)
 * @param baseUri    the article's address when the feed named it (query parameter {@code url}); resolves
 *                   relative links in HTML, may be null
 */
public record ParseContext(String feed, ZoneId sourceZone, String baseUri) {

    public static ParseContext of(String feed, ZoneId zone) {
        return new ParseContext(feed, zone, null);
    }
}

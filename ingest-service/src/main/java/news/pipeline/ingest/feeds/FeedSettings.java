package news.pipeline.ingest.feeds;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * One wire feed ({@code ingest.feeds.<name>.*}): who may post for it and how to read what it sends.
 *
 * @param apiKeys            keys that authenticate as this feed (several, so keys can be rotated)
 * @param sourceTimeZone     zone of times the feed writes without an offset (page text, HTML)
 * @param defaultLanguage    BCP 47 tag used when an article does not state its language
 * @param rateLimitPerSecond sustained requests per second this feed may make
 * @param burst              requests it may make at once before the rate applies (default: the rate, at least 1)
 * @param quietAfter         the feed is reported quiet (health {@code feeds}) when no article came for this long;
 *                           unset: never
 */
public record FeedSettings(
        List<String> apiKeys,
        @DefaultValue("UTC") ZoneId sourceTimeZone,
        String defaultLanguage,
        @DefaultValue("20") double rateLimitPerSecond,
        Integer burst,
        Duration quietAfter) {

    public FeedSettings {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
    }

    public int effectiveBurst() {
        return burst != null && burst > 0 ? burst : Math.max(1, (int) Math.ceil(rateLimitPerSecond));
    }
}

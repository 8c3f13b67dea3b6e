package news.pipeline.ingest.feeds;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

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
 * @param poll               an RSS or Atom feed to pull the feed's articles from, besides what it pushes; unset: none
 */
public record FeedSettings(
        List<String> apiKeys,
        @DefaultValue("UTC") ZoneId sourceTimeZone,
        String defaultLanguage,
        @DefaultValue("20") double rateLimitPerSecond,
        Integer burst,
        Duration quietAfter,
        Poll poll) {

    public FeedSettings {
        apiKeys = apiKeys == null ? List.of() : apiKeys.stream().map(String::trim).filter(k -> !k.isEmpty()).toList();
    }

    /**
     * Pulling a feed ({@code ingest.feeds.<name>.poll.*}): its entries go through the same path as pushed articles.
     *
     * @param url          the RSS 2.0 or Atom document
     * @param interval     time from the end of one poll to the start of the next
     * @param allowedHosts hosts that may be fetched (the feed and, with fetchPages, the entries' pages); empty: the
     *                     feed URL's host. A host resolving to a non-public address must also be listed by address,
     *                     as for narration audio (service-support's GuardedHttp)
     * @param fetchPages   when an entry carries only a summary, fetch its page and read the article with the HTML parser
     * @param timeout      per request, to connect and to answer
     * @param maxBytes     per response
     */
    public record Poll(
            URI url,
            @DefaultValue("5m") Duration interval,
            List<String> allowedHosts,
            @DefaultValue("false") boolean fetchPages,
            @DefaultValue("10s") Duration timeout,
            @DefaultValue("5MB") DataSize maxBytes) {

        public Poll {
            Objects.requireNonNull(url, "poll.url is required");
            allowedHosts = allowedHosts == null || allowedHosts.isEmpty() ? List.of(url.getHost()) : List.copyOf(allowedHosts);
        }
    }

    public int effectiveBurst() {
        return burst != null && burst > 0 ? burst : Math.max(1, (int) Math.ceil(rateLimitPerSecond));
    }
}

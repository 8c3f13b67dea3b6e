package news.pipeline.ingest.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.normalize.TextNormalizer;

/**
 * The stable article id: {@code <feed>-<32 hex digits>}, the digits being the first 128 bits of
 * SHA-256 over what identifies the article at its source, chosen in this order:
 *
 * <ol>
 * <li>the source's own id (own JSON {@code sourceId}, ninjs {@code uri}, query parameter {@code sourceId});</li>
 * <li>its canonical URL (own JSON {@code uri}, the HTML page's canonical link, query parameter {@code url}),
 *     with scheme and host lower-cased, default port, fragment and trailing slash removed;</li>
 * <li>its headline, NFC, lower-cased and with whitespace collapsed — for page text that comes with
 *     neither. A corrected headline then makes a new article (the old one stays until killed by
 *     headline), which is why feeds should send an id or URL when they can: both outlive edits.</li>
 * </ol>
 *
 * <p>The feed is part of the id, so two feeds can never overwrite each other's articles, and the
 * prefix shows whose article an id is. Hashing gives ids of fixed length and safe characters
 * whatever the source uses (URLs, URNs, Vietnamese headlines), usable as Kafka key and index id.
 */
public final class ArticleIds {

    public enum Basis { SOURCE_ID, URL, HEADLINE }

    public record Identity(String id, Basis basis, String key) {
    }

    private ArticleIds() {
    }

    public static Identity of(String feed, String sourceId, String uri, String headline) {
        if (sourceId != null && !sourceId.isBlank()) {
            return identity(feed, Basis.SOURCE_ID, sourceId.trim());
        }
        if (uri != null && !uri.isBlank()) {
            return identity(feed, Basis.URL, canonicalUrl(uri));
        }
        if (headline != null && !headline.isBlank()) {
            return identity(feed, Basis.HEADLINE, normalizedHeadline(headline));
        }
        throw new InvalidArticleException("sourceId",
                "the article cannot be identified: it has no source id, URL or headline");
    }

    public static boolean belongsTo(String id, String feed) {
        return id != null && id.startsWith(feed + "-") && id.length() == feed.length() + 33;
    }

    private static Identity identity(String feed, Basis basis, String key) {
        String digest = sha256(basis.name() + "\n" + key).substring(0, 32);
        return new Identity(feed + "-" + digest, basis, key);
    }

    static String canonicalUrl(String url) {
        try {
            URI uri = new URI(url.trim());
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return url.trim();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? uri.getRawAuthority().toLowerCase(Locale.ROOT)
                    : uri.getHost().toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return scheme + "://" + host + (defaultPort ? "" : ":" + port) + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return url.trim();
        }
    }

    static String normalizedHeadline(String headline) {
        String inline = TextNormalizer.inline(headline);
        return inline == null ? "" : inline.toLowerCase(Locale.ROOT);
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

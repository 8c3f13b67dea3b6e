package news.pipeline.ingest.normalize;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import news.pipeline.ingest.model.FieldError;

/**
 * The addresses an article carries (its images', audio's and links') are web addresses: http or https with
 * a host. A relative one is resolved against the article's own address; anything else ({@code javascript:},
 * {@code data:}, {@code file:}, …) is refused with the field named, since front-end sites put these values
 * into pages as they are. The article's own {@code uri} may also be an identifier ({@code urn:}, as ninjs and
 * NewsML items have, or {@code tag:}, as Atom entries have).
 */
final class WebAddresses {

    private WebAddresses() {
    }

    /** The article's own uri: a web address, or a {@code urn:} / {@code tag:} identifier; null when absent. */
    static String checkArticleUri(String value, List<FieldError> errors) {
        if (value != null && !value.isBlank()) {
            String trimmed = value.trim();
            String lower = trimmed.toLowerCase(Locale.ROOT);
            if (lower.startsWith("urn:") || lower.startsWith("tag:")) {
                return trimmed;
            }
        }
        return check(value, null, "uri", errors);
    }

    /** The base relative addresses are resolved against: the article's uri when it is a web address. */
    static String base(String articleUri) {
        return articleUri != null && articleUri.regionMatches(true, 0, "http", 0, 4) ? articleUri : null;
    }

    /**
     * The address as an absolute http(s) URL, or null when absent; a problem is added to {@code errors}
     * (and null returned) when it is not one.
     *
     * @param base the article's own address (already checked), or null
     */
    static String check(String value, String base, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            errors.add(new FieldError(field, "is not a URL: " + e.getReason()));
            return null;
        }
        if (uri.getScheme() == null) {
            if (base == null) {
                errors.add(new FieldError(field, "is a relative URL, and the article has no uri to resolve it against"));
                return null;
            }
            uri = URI.create(base).resolve(uri);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            errors.add(new FieldError(field, "has the scheme '" + uri.getScheme() + "': only http and https are accepted"));
            return null;
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            errors.add(new FieldError(field, "has no host"));
            return null;
        }
        return uri.toString();
    }
}

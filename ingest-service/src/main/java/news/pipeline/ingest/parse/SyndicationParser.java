package news.pipeline.ingest.parse;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import news.pipeline.ingest.normalize.HtmlSanitizer;
import org.jsoup.Jsoup;
import org.w3c.dom.Element;

/**
 * RSS 2.0 and Atom 1.0 feeds, as sites publish them; each entry is one article:
 *
 * <table>
 * <caption>where each field comes from</caption>
 * <tr><th>field</th><th>RSS 2.0</th><th>Atom 1.0</th></tr>
 * <tr><td>source id</td><td>{@code guid}, else {@code link}</td><td>{@code id}</td></tr>
 * <tr><td>uri</td><td>{@code link}, else a permalink {@code guid}</td><td>{@code link} (alternate)</td></tr>
 * <tr><td>headline</td><td>{@code title} (markup removed)</td><td>{@code title}</td></tr>
 * <tr><td>body</td><td>{@code content:encoded}, else {@code description}</td><td>{@code content}, else
 *   {@code summary}</td></tr>
 * <tr><td>sub-headline</td><td>{@code description} when there is a full body</td><td>{@code summary} likewise</td></tr>
 * <tr><td>times</td><td>{@code pubDate} (RFC 822) or {@code dc:date}</td><td>{@code updated}, {@code published}</td></tr>
 * <tr><td>byline</td><td>{@code dc:creator}, else {@code author}</td><td>{@code author/name}</td></tr>
 * <tr><td>keywords</td><td>{@code category}</td><td>{@code category/@term}</td></tr>
 * <tr><td>pictures, audio</td><td>{@code enclosure}, {@code media:content}</td><td>{@code link rel=enclosure}</td></tr>
 * <tr><td>language</td><td>{@code channel/language}</td><td>{@code xml:lang}</td></tr>
 * </table>
 *
 * <p>Relative links resolve against the feed's own URL (the context's base URI). An entry that carries only a
 * summary is marked so: the poller may then fetch its page and read it with the HTML parser.
 */
public final class SyndicationParser {

    static final String ATOM = "http://www.w3.org/2005/Atom";
    static final String CONTENT = "http://purl.org/rss/1.0/modules/content/";
    static final String DC = "http://purl.org/dc/elements/1.1/";
    static final String MEDIA = "http://search.yahoo.com/mrss/";
    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    private static final String NONE = null;

    /** A feed's entries, in the feed's order. */
    public record Feed(SourceFormat format, String title, List<Entry> entries) {
    }

    /**
     * @param summaryOnly the entry carries a summary, not the article's text: its page holds the rest
     */
    public record Entry(ParsedItem item, boolean summaryOnly) {
    }

    /** @param context its base URI is where the feed was fetched from; null for a pushed feed (its self link then) */
    public Feed parse(String body, ParseContext context) {
        Element root = SecureXml.parse(body).getDocumentElement();
        if (Dom.is(root, "rss", NONE)) {
            Element channel = Dom.child(root, "channel", NONE);
            if (channel == null) {
                throw new InvalidArticleException("rss", "has no channel");
            }
            context = withBase(context, channel);
            String language = Dom.text(Dom.child(channel, "language", NONE));
            List<Entry> entries = new ArrayList<>();
            List<Element> items = Dom.children(channel, "item", NONE);
            for (int i = 0; i < items.size(); i++) {
                entries.add(rssItem(items.get(i), i, language, context));
            }
            return new Feed(SourceFormat.RSS, Dom.text(Dom.child(channel, "title", NONE)), entries);
        }
        if (Dom.is(root, "feed", ATOM)) {
            context = withBase(context, root);
            String language = Dom.attr(root, XML_NAMESPACE, "lang");
            List<Entry> entries = new ArrayList<>();
            List<Element> items = Dom.children(root, "entry", ATOM);
            for (int i = 0; i < items.size(); i++) {
                entries.add(atomEntry(items.get(i), i, language, context));
            }
            return new Feed(SourceFormat.ATOM, Dom.text(Dom.child(root, "title", ATOM)), entries);
        }
        throw new InvalidArticleException("body", "the root is <" + root.getLocalName() + ">, not an RSS 2.0 <rss> or an "
                + "Atom <feed>");
    }

    /** Relative links resolve against where the feed came from, else against its own self link. */
    private static ParseContext withBase(ParseContext context, Element feed) {
        if (context.baseUri() != null) {
            return context;
        }
        for (Element link : Dom.children(feed, "link", ATOM)) {
            String href = Dom.attr(link, "href");
            if ("self".equals(Dom.attr(link, "rel")) && MediaFiles.isHttpUrl(href)) {
                return new ParseContext(context.feed(), context.sourceZone(), href);
            }
        }
        return context;
    }

    private static Entry rssItem(Element item, int index, String channelLanguage, ParseContext context) {
        String at = "item[" + index + "]";
        List<FieldError> errors = new ArrayList<>();
        ParsedArticle.Builder b = ParsedArticle.builder(SourceFormat.RSS);
        Element guidElement = Dom.child(item, "guid", NONE);
        String guid = Dom.text(guidElement);
        String link = resolve(Dom.text(Dom.child(item, "link", NONE)), context);
        boolean permalink = guid != null && !"false".equalsIgnoreCase(Dom.attr(guidElement, "isPermaLink"));
        b.sourceId(guid != null ? guid : link)
                .uri(link != null ? link : permalink && MediaFiles.isHttpUrl(guid) ? guid : null)
                .headline(plain(Dom.text(Dom.child(item, "title", NONE))))
                .language(channelLanguage);
        String description = Dom.text(Dom.child(item, "description", NONE));
        String content = Dom.text(Dom.child(item, "encoded", CONTENT));
        if (content != null) {
            b.bodyHtml(content).subheadline(plain(description));
        } else {
            b.bodyHtml(description);
        }
        String pubDate = Dom.text(Dom.child(item, "pubDate", NONE));
        String dcDate = Dom.text(Dom.child(item, "date", DC));
        if (pubDate != null) {
            b.versionCreated(rfc822(pubDate, context.sourceZone(), at + ".pubDate", errors));
        } else if (dcDate != null) {
            b.versionCreated(Timestamps.parseOrReport(dcDate, context.sourceZone(), at + ".dc:date", errors,
                    Timestamps.EXPECTED));
        }
        String creator = Dom.text(Dom.child(item, "creator", DC));
        b.byline(creator != null ? creator : Dom.text(Dom.child(item, "author", NONE)));
        Dom.children(item, "category", NONE).stream().map(Dom::text).filter(c -> c != null).forEach(b::keyword);
        for (Element enclosure : Dom.children(item, "enclosure", NONE)) {
            media(b, resolve(Dom.attr(enclosure, "url"), context), Dom.attr(enclosure, "type"),
                    Dom.attr(enclosure, "length"), null);
        }
        for (Element media : Dom.children(item, "content", MEDIA)) {
            String type = Dom.attr(media, "type");
            if (type == null && "image".equals(Dom.attr(media, "medium"))) {
                type = "image/*";
            }
            media(b, resolve(Dom.attr(media, "url"), context), type, Dom.attr(media, "fileSize"),
                    Dom.text(Dom.child(media, "description", MEDIA)));
        }
        return entry(b, at, errors, content == null);
    }

    private static Entry atomEntry(Element entry, int index, String feedLanguage, ParseContext context) {
        String at = "entry[" + index + "]";
        List<FieldError> errors = new ArrayList<>();
        ParsedArticle.Builder b = ParsedArticle.builder(SourceFormat.ATOM);
        String alternate = null;
        for (Element link : Dom.children(entry, "link", ATOM)) {
            String rel = Dom.attr(link, "rel");
            String href = resolve(Dom.attr(link, "href"), context);
            if (rel == null || "alternate".equals(rel)) {
                alternate = alternate == null ? href : alternate;
            } else if ("enclosure".equals(rel)) {
                media(b, href, Dom.attr(link, "type"), Dom.attr(link, "length"), Dom.attr(link, "title"));
            }
        }
        String id = Dom.text(Dom.child(entry, "id", ATOM));
        String language = Dom.attr(entry, XML_NAMESPACE, "lang");
        b.sourceId(id != null ? id : alternate).uri(alternate).language(language != null ? language : feedLanguage);
        Element title = Dom.child(entry, "title", ATOM);
        b.headline(title == null ? null : plain(textConstruct(title)));
        Element summary = Dom.child(entry, "summary", ATOM);
        Element content = Dom.child(entry, "content", ATOM);
        boolean fullText = content != null && Dom.attr(content, "src") == null;
        if (fullText) {
            body(b, content);
            b.subheadline(summary == null ? null : plain(textConstruct(summary)));
        } else if (summary != null) {
            body(b, summary);
        }
        String updated = Dom.text(Dom.child(entry, "updated", ATOM));
        String published = Dom.text(Dom.child(entry, "published", ATOM));
        b.versionCreated(Timestamps.parseOrReport(updated, context.sourceZone(), at + ".updated", errors,
                Timestamps.EXPECTED));
        b.firstCreated(Timestamps.parseOrReport(published, context.sourceZone(), at + ".published", errors,
                Timestamps.EXPECTED));
        List<String> authors = Dom.children(entry, "author", ATOM).stream()
                .map(a -> Dom.text(Dom.child(a, "name", ATOM))).filter(n -> n != null).toList();
        b.byline(authors.isEmpty() ? null : String.join(", ", authors));
        Dom.children(entry, "category", ATOM).stream().map(c -> Dom.attr(c, "term")).filter(t -> t != null)
                .forEach(b::keyword);
        return entry(b, at, errors, !fullText);
    }

    private static Entry entry(ParsedArticle.Builder b, String at, List<FieldError> errors, boolean summaryOnly) {
        if (b.sourceId() == null) {
            errors.add(new FieldError(at, "has no guid, id or link to identify it"));
        }
        if (b.headline() == null || b.headline().isBlank()) {
            errors.add(new FieldError(at + ".title", "is required"));
        }
        if (!errors.isEmpty()) {
            return new Entry(ParsedItem.refused(new InvalidArticleException(errors)), summaryOnly);
        }
        return new Entry(ParsedItem.of(b.build()), summaryOnly);
    }

    /** An Atom text construct as markup: html as given, xhtml written back, text escaped. */
    private static String textConstruct(Element element) {
        String type = Dom.attr(element, "type");
        if ("xhtml".equals(type)) {
            Element div = Dom.child(element, "div", "http://www.w3.org/1999/xhtml");
            return Dom.html(div != null ? div : element);
        }
        String text = element.getTextContent().strip();
        if ("html".equals(type) || text.isEmpty()) {
            return text.isEmpty() ? null : text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        HtmlSanitizer.escape(text, escaped);
        return escaped.toString();
    }

    private static void body(ParsedArticle.Builder b, Element construct) {
        String type = Dom.attr(construct, "type");
        if (type == null || "text".equals(type)) {
            b.bodyText(construct.getTextContent().strip());
        } else {
            b.bodyHtml(textConstruct(construct));
        }
    }

    private static void media(ParsedArticle.Builder b, String href, String type, String length, String title) {
        if (href == null || type == null) {
            return;
        }
        String mime = type.toLowerCase(Locale.ROOT);
        if (mime.startsWith("image/")) {
            b.image(ImageRef.newBuilder().setHref(href).setCaption(title).setMimeType(mime.equals("image/*") ? null : mime)
                    .build());
        } else if (mime.startsWith("audio/")) {
            String fileName = MediaFiles.fileName(href);
            if (fileName != null) {
                Long size = null;
                try {
                    size = length == null ? null : Long.valueOf(length.trim());
                } catch (NumberFormatException ignored) {
                    // a wrong length says nothing
                }
                b.audio(AudioRef.newBuilder().setHref(href).setFileName(fileName).setMimeType(mime).setSizeBytes(size)
                        .setTitle(title).build());
            }
        }
    }

    /** Text without markup: titles and summaries are often written as HTML. */
    private static String plain(String htmlOrText) {
        if (htmlOrText == null) {
            return null;
        }
        String text = htmlOrText.indexOf('<') >= 0 || htmlOrText.indexOf('&') >= 0
                ? Jsoup.parse(htmlOrText).text() : htmlOrText;
        text = text.strip();
        return text.isEmpty() ? null : text;
    }

    private static String resolve(String href, ParseContext context) {
        if (href == null) {
            return null;
        }
        try {
            return context.baseUri() == null ? href : URI.create(context.baseUri()).resolve(href.strip()).toString();
        } catch (IllegalArgumentException e) {
            return href; // the normaliser refuses it with the field's name
        }
    }

    /** RSS dates are RFC 822 ("Sat, 02 Nov 2024 09:00:00 +0700"), some feeds write ISO 8601 instead. */
    static Instant rfc822(String text, ZoneId zone, String field, List<FieldError> errors) {
        String value = text.strip().replaceAll("\\s+", " ").replaceAll(" (UT|UTC|Z)$", " GMT");
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException notRfc) {
            return Timestamps.parseOrReport(value, zone, field, errors, "is neither an RFC 822 date (e.g. Sat, 02 Nov 2024 09:00:00 +0700) "
                    + "nor ISO-8601");
        }
    }

}

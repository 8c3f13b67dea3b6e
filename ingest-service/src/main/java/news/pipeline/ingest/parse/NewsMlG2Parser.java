package news.pipeline.ingest.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * IPTC NewsML-G2, as wire agencies push it. A {@code newsItem} is one article:
 *
 * <table>
 * <caption>where each field comes from</caption>
 * <tr><th>field</th><th>NewsML-G2</th></tr>
 * <tr><td>source id</td><td>{@code newsItem/@guid} (required)</td></tr>
 * <tr><td>version</td><td>{@code @version}</td></tr>
 * <tr><td>status</td><td>{@code itemMeta/pubStatus/@qcode}: stat:usable, stat:withheld, stat:canceled (a kill)</td></tr>
 * <tr><td>times</td><td>{@code itemMeta/firstCreated}, {@code versionCreated}</td></tr>
 * <tr><td>uri</td><td>{@code itemMeta/link} to a text/html page (the story on the web), else an http(s) guid</td></tr>
 * <tr><td>language</td><td>{@code contentMeta/language/@tag}, else {@code @xml:lang}</td></tr>
 * <tr><td>headline, subheadline</td><td>{@code contentMeta/headline} (the one without a sub role), a headline with a
 *   sub role, else {@code description} (summary role first)</td></tr>
 * <tr><td>byline</td><td>{@code contentMeta/by}, else the creators' names</td></tr>
 * <tr><td>body</td><td>{@code contentSet/inlineXML} XHTML (sanitised later like HTML), else
 *   {@code inlineData} text</td></tr>
 * <tr><td>subjects</td><td>{@code contentMeta/subject}: qcode (medtop: ones feed the category signal) and name</td></tr>
 * <tr><td>located, keywords</td><td>{@code contentMeta/located/name}, {@code keyword}</td></tr>
 * <tr><td>pictures, audio</td><td>{@code itemMeta/link} and {@code contentSet/remoteContent} with an image/* or
 *   audio/* content type; other links become source links</td></tr>
 * </table>
 *
 * <p>Signals: {@code sig:correction} and {@code sig:update} need nothing more than the version, which orders them.
 * A {@code newsMessage} carries several items ({@link #items}); a {@code packageItem} references items and holds
 * no article of its own, so in a batch it is answered as refused with that reason.
 */
public final class NewsMlG2Parser implements ArticleParser {

    public static final String G2_NAMESPACE = "http://iptc.org/std/nar/2006-10-01/";
    private static final String XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace";
    private static final Set<String> SUB_HEADLINE_ROLES = Set.of("sub", "subheadline", "subtitle", "hlrole:sub",
            "hlrole:subheadline", "hlrole:subtitle");

    @Override
    public SourceFormat format() {
        return SourceFormat.NEWSML_G2;
    }

    /** A document whose root is a {@code newsItem}. */
    @Override
    public ParsedArticle parse(String body, ParseContext context) {
        Element root = SecureXml.parse(body).getDocumentElement();
        if (!isG2(root, "newsItem")) {
            throw new InvalidArticleException("body", "the root is " + describe(root) + ", not a NewsML-G2 newsItem"
                    + (isG2(root, "newsMessage") || isG2(root, "packageItem")
                    ? ": a " + root.getLocalName() + " carries several items, post it to the batch endpoint" : ""));
        }
        return newsItem(root, context);
    }

    /**
     * Every item of a document: the items of a {@code newsMessage}'s item sets, or the document's own item. A
     * {@code packageItem} (alone or in a message) is an item answered with why it holds no article.
     */
    public List<ParsedItem> items(String body, ParseContext context) {
        Document document = SecureXml.parse(body);
        Element root = document.getDocumentElement();
        List<Element> items = new ArrayList<>();
        if (isG2(root, "newsMessage")) {
            for (Element itemSet : children(root, "itemSet")) {
                items.addAll(Dom.elements(itemSet));
            }
            if (items.isEmpty()) {
                throw new InvalidArticleException("body", "the newsMessage has no itemSet with items");
            }
        } else if (isG2(root, "newsItem") || isG2(root, "packageItem")) {
            items.add(root);
        } else {
            throw new InvalidArticleException("body", "the root is " + describe(root)
                    + ", not a NewsML-G2 newsMessage, newsItem or packageItem");
        }
        List<ParsedItem> result = new ArrayList<>(items.size());
        for (Element item : items) {
            try {
                result.add(ParsedItem.of(article(item, context)));
            } catch (InvalidArticleException e) {
                result.add(ParsedItem.refused(e));
            }
        }
        return result;
    }

    private ParsedArticle article(Element item, ParseContext context) {
        if (isG2(item, "newsItem")) {
            return newsItem(item, context);
        }
        if (isG2(item, "packageItem")) {
            int refs = Dom.descendants(item, "itemRef", G2_NAMESPACE, null).size();
            throw new InvalidArticleException("packageItem",
                    "references " + refs + " items and holds no article of its own: post each newsItem (a newsMessage "
                            + "may carry them beside the package)");
        }
        throw new InvalidArticleException(item.getLocalName(), "is not a newsItem");
    }

    private ParsedArticle newsItem(Element item, ParseContext context) {
        List<FieldError> errors = new ArrayList<>();
        ZoneId zone = context.sourceZone();
        Element itemMeta = child(item, "itemMeta");
        Element contentMeta = child(item, "contentMeta");
        String guid = Dom.attr(item, "guid");
        if (guid == null) {
            errors.add(new FieldError("newsItem.guid", "is required (it identifies the item)"));
        }
        ParsedArticle.Builder b = ParsedArticle.builder(SourceFormat.NEWSML_G2).sourceId(guid);
        String version = Dom.attr(item, "version");
        if (version != null) {
            try {
                b.version(Long.parseLong(version));
            } catch (NumberFormatException e) {
                errors.add(new FieldError("newsItem.version", "is not a whole number"));
            }
        }
        PubStatus status = PubStatus.usable;
        if (itemMeta != null) {
            status = pubStatus(Dom.attr(child(itemMeta, "pubStatus"), "qcode"), errors);
            b.versionCreated(Timestamps.parseOrReport(Dom.text(child(itemMeta, "versionCreated")), zone,
                    "itemMeta.versionCreated", errors, Timestamps.EXPECTED));
            b.firstCreated(Timestamps.parseOrReport(Dom.text(child(itemMeta, "firstCreated")), zone,
                    "itemMeta.firstCreated", errors, Timestamps.EXPECTED));
        }
        b.pubStatus(status);

        String webPage = null;
        List<Element> links = new ArrayList<>(itemMeta == null ? List.of() : children(itemMeta, "link"));
        Element contentSet = child(item, "contentSet");
        List<Element> remote = contentSet == null ? List.of() : children(contentSet, "remoteContent");
        for (Element link : links) {
            String type = lower(Dom.attr(link, "contenttype"));
            String href = Dom.attr(link, "href");
            if (webPage == null && "text/html".equals(type) && MediaFiles.isHttpUrl(href)) {
                webPage = href;
            } else if (!media(b, link, type, href) && MediaFiles.isHttpUrl(href)) {
                String title = Dom.text(child(link, "title"));
                b.sourceLink(SourceLink.newBuilder().setList("related").setTitle(title != null ? title : href)
                        .setUrl(href).build());
            }
        }
        for (Element content : remote) {
            media(b, content, lower(Dom.attr(content, "contenttype")), Dom.attr(content, "href"));
        }
        b.uri(webPage != null ? webPage : MediaFiles.isHttpUrl(guid) ? guid : null);

        String language = Dom.attr(item, XML_NAMESPACE, "lang");
        if (contentMeta != null) {
            Element languageElement = child(contentMeta, "language");
            if (languageElement != null && Dom.attr(languageElement, "tag") != null) {
                language = Dom.attr(languageElement, "tag");
            }
            readHeadlines(contentMeta, b);
            String by = Dom.text(child(contentMeta, "by"));
            if (by == null) {
                List<String> creators = children(contentMeta, "creator").stream()
                        .map(c -> Dom.text(child(c, "name"))).filter(n -> n != null).toList();
                by = creators.isEmpty() ? null : String.join(", ", creators);
            }
            b.byline(by);
            Element located = child(contentMeta, "located");
            b.located(located == null ? null : Dom.text(child(located, "name")));
            children(contentMeta, "keyword").stream().map(Dom::text).filter(k -> k != null).forEach(b::keyword);
            for (Element subject : children(contentMeta, "subject")) {
                subject(subject, b);
            }
        }
        b.language(language);
        if (contentSet != null) {
            readBody(contentSet, b);
        }

        String headline = b.headline();
        if ((headline == null || headline.isBlank()) && status != PubStatus.canceled) {
            errors.add(new FieldError("contentMeta.headline", "is required"));
        } else if (headline != null && headline.length() > OwnJsonParser.MAX_HEADLINE) {
            errors.add(new FieldError("contentMeta.headline", "is longer than " + OwnJsonParser.MAX_HEADLINE + " characters"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        return b.build();
    }

    private static PubStatus pubStatus(String qcode, List<FieldError> errors) {
        if (qcode == null) {
            return PubStatus.usable;
        }
        String code = lower(qcode).substring(lower(qcode).indexOf(':') + 1);
        return switch (code) {
            case "usable" -> PubStatus.usable;
            case "withheld" -> PubStatus.withheld;
            case "canceled", "cancelled" -> PubStatus.canceled;
            default -> {
                errors.add(new FieldError("itemMeta.pubStatus", "'" + qcode
                        + "' is not one of stat:usable, stat:withheld, stat:canceled"));
                yield PubStatus.usable;
            }
        };
    }

    private static void readHeadlines(Element contentMeta, ParsedArticle.Builder b) {
        String main = null;
        String sub = null;
        for (Element headline : children(contentMeta, "headline")) {
            String value = Dom.text(headline);
            String role = lower(Dom.attr(headline, "role"));
            if (value == null) {
                continue;
            }
            if (role != null && SUB_HEADLINE_ROLES.contains(role)) {
                sub = sub == null ? value : sub;
            } else {
                main = main == null ? value : main;
            }
        }
        if (sub == null) {
            String summary = null;
            String other = null;
            for (Element description : children(contentMeta, "description")) {
                String role = lower(Dom.attr(description, "role"));
                if (role != null && role.endsWith("summary")) {
                    summary = summary == null ? Dom.text(description) : summary;
                } else {
                    other = other == null ? Dom.text(description) : other;
                }
            }
            sub = summary != null ? summary : other;
        }
        b.headline(main).subheadline(sub);
    }

    private static void subject(Element subject, ParsedArticle.Builder b) {
        String qcode = Dom.attr(subject, "qcode");
        String uri = Dom.attr(subject, "uri");
        String name = Dom.text(child(subject, "name"));
        String code = qcode;
        String scheme = null;
        if (code == null && uri != null && uri.startsWith(NinjsParser.MEDIATOPIC_SCHEME)) {
            code = "medtop:" + uri.substring(NinjsParser.MEDIATOPIC_SCHEME.length());
        }
        if (code == null) {
            code = uri != null ? uri : name;
        }
        if (code == null) {
            return; // a subject with nothing to name it by says nothing
        }
        if (code.startsWith("medtop:")) {
            scheme = NinjsParser.MEDIATOPIC_SCHEME;
        }
        b.subject(new SubjectRef(code, name, scheme));
    }

    private static void readBody(Element contentSet, ParsedArticle.Builder b) {
        Element inlineXml = child(contentSet, "inlineXML");
        if (inlineXml != null) {
            Element body = Dom.firstDescendant(inlineXml, "body");
            b.bodyHtml(Dom.html(body != null ? body : inlineXml));
            return;
        }
        Element inlineData = child(contentSet, "inlineData");
        if (inlineData != null) {
            b.bodyText(Dom.text(inlineData));
        }
    }

    /** A picture or an audio rendition, if the content type says so. */
    private static boolean media(ParsedArticle.Builder b, Element element, String type, String href) {
        if (type == null) {
            return false;
        }
        String title = Dom.text(child(element, "title"));
        if (type.startsWith("image/")) {
            b.image(ImageRef.newBuilder().setHref(MediaFiles.isHttpUrl(href) ? href : null).setCaption(title)
                    .setMimeType(type).setWidth(number(Dom.attr(element, "width"))).setHeight(number(Dom.attr(element, "height")))
                    .build());
            return true;
        }
        if (type.startsWith("audio/")) {
            String fileName = MediaFiles.fileName(href);
            if (fileName == null) {
                return false;
            }
            Integer size = number(Dom.attr(element, "size"));
            b.audio(AudioRef.newBuilder().setHref(MediaFiles.isHttpUrl(href) ? href : null).setFileName(fileName)
                    .setMimeType(type).setDurationSeconds(seconds(element)).setSizeBytes(size == null ? null : size.longValue())
                    .setTitle(title).build());
            return true;
        }
        return false;
    }

    /** {@code duration} in seconds unless {@code durationunit} says milliseconds. */
    private static Double seconds(Element element) {
        String duration = Dom.attr(element, "duration");
        if (duration == null) {
            return null;
        }
        try {
            double value = Double.parseDouble(duration);
            String unit = lower(Dom.attr(element, "durationunit"));
            return unit != null && unit.contains("milli") ? value / 1000 : value;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer number(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    // ---- G2 elements: by local name in the G2 namespace, or in none (as some feeds send) ----

    private static boolean isG2(Node node, String localName) {
        return Dom.is(node, localName, G2_NAMESPACE, null);
    }

    private static List<Element> children(Element parent, String localName) {
        return Dom.children(parent, localName, G2_NAMESPACE, null);
    }

    private static Element child(Element parent, String localName) {
        return Dom.child(parent, localName, G2_NAMESPACE, null);
    }

    private static String describe(Element element) {
        return "<" + element.getLocalName() + ">" + (element.getNamespaceURI() == null ? "" : " in " + element.getNamespaceURI());
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}

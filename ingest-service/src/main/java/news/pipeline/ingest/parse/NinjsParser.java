package news.pipeline.ingest.parse;

import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.SubjectRef;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * IPTC ninjs, 1.x and 2.x, read by the same code because the two differ mostly in spelling:
 *
 * <table>
 * <caption>where each field comes from</caption>
 * <tr><th>field</th><th>ninjs 1.x</th><th>ninjs 2.x</th></tr>
 * <tr><td>headline</td><td>headline</td><td>headlines[] (role main, or the first)</td></tr>
 * <tr><td>subheadline</td><td>description_text</td><td>headlines[] role sub, else descriptions[]</td></tr>
 * <tr><td>body</td><td>body_html, body_text</td><td>bodies[] by contenttype</td></tr>
 * <tr><td>byline</td><td>byline</td><td>by</td></tr>
 * <tr><td>subjects</td><td>subject[] (code, scheme)</td><td>subjects[] (uri, literal)</td></tr>
 * <tr><td>associations, renditions</td><td>objects keyed by name</td><td>arrays with a name</td></tr>
 * <tr><td>rendition type</td><td>mimetype</td><td>contenttype</td></tr>
 * </table>
 *
 * <p>{@code uri} is the source's identifier and is required (as in both schemas). Each audio or
 * picture association becomes one AudioRef or ImageRef from its preferred rendition: the one named
 * {@code original}, else the largest picture, else the first listed.
 */
public final class NinjsParser extends JsonArticleParser {

    static final String MEDIATOPIC_SCHEME = "http://cv.iptc.org/newscodes/mediatopic/";
    private static final Set<String> SUB_HEADLINE_ROLES = Set.of("sub", "subheadline", "subtitle", "standfirst", "lead");
    private static final Set<String> PICTURE_TYPES = Set.of("picture", "graphic", "image", "photo");

    public NinjsParser(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.NINJS;
    }

    @Override
    public ParsedArticle parseNode(JsonNode node, ParseContext context) {
        ZoneId zone = context.sourceZone();
        JsonFields f = JsonFields.root(node);
        String uri = f.uri("uri");
        if (uri == null && !f.has("uri")) {
            f.error("uri", "is required (it identifies the ninjs item)");
        }
        PubStatus status = JsonBodies.pubStatus(f, "pubstatus");
        ParsedArticle.Builder b = ParsedArticle.builder(SourceFormat.NINJS)
                .sourceId(uri)
                .uri(uri)
                .version(f.wholeNumber("version"))
                .versionCreated(f.time("versioncreated", zone))
                .firstCreated(f.time("firstcreated", zone))
                .pubStatus(status)
                .language(f.language("language"))
                .byline(f.firstString("byline", "by"))
                .located(f.string("located"))
                .keywords(f.strings("keywords"));

        readHeadlines(f, b);
        readBodies(f, b);
        readSubjects(f, b);
        readAssociations(f, b);

        OwnJsonParser.requireHeadline(f, f.has("headlines") ? "headlines" : "headline", b.headline(), status);
        if (!f.errors().isEmpty()) {
            throw new InvalidArticleException(f.errors());
        }
        return b.build();
    }

    private static void readHeadlines(JsonFields f, ParsedArticle.Builder b) {
        String description = f.has("descriptions")
                ? pick(f.objects("descriptions"), Set.of("summary", "lead", "standfirst", "abstract"))
                : f.firstString("description_text", "description_usage");
        if (f.has("headlines")) {
            String main = null;
            String other = null;
            String sub = null;
            for (JsonFields h : f.objects("headlines")) {
                String role = Optional.ofNullable(h.string("role")).orElse("").toLowerCase(Locale.ROOT);
                String value = h.string("value");
                if (value == null) {
                    h.error("value", "is required");
                } else if (SUB_HEADLINE_ROLES.contains(role)) {
                    sub = sub == null ? value : sub;
                } else if (role.equals("main")) {
                    main = main == null ? value : main;
                } else {
                    other = other == null ? value : other;
                }
            }
            main = main != null ? main : other;
            b.headline(main).subheadline(sub != null ? sub : description);
        } else {
            b.headline(f.string("headline")).subheadline(description);
        }
    }

    /** The value of the entry with one of the roles, else of the first entry without a role, else of the first. */
    private static String pick(List<JsonFields> entries, Set<String> roles) {
        String withoutRole = null;
        String first = null;
        for (JsonFields e : entries) {
            String value = e.string("value");
            String role = e.string("role");
            if (value == null) {
                continue;
            }
            if (role != null && roles.contains(role.toLowerCase(Locale.ROOT))) {
                return value;
            }
            if (role == null && withoutRole == null) {
                withoutRole = value;
            }
            if (first == null) {
                first = value;
            }
        }
        return withoutRole != null ? withoutRole : first;
    }

    private static void readBodies(JsonFields f, ParsedArticle.Builder b) {
        if (f.has("bodies")) {
            String html = null;
            String text = null;
            for (JsonFields body : f.objects("bodies")) {
                String value = body.string("value");
                if (value == null) {
                    body.error("value", "is required");
                    continue;
                }
                String type = Optional.ofNullable(body.string("contenttype")).orElse("text/plain").toLowerCase(Locale.ROOT);
                if (type.contains("html")) {
                    html = html == null ? value : html;
                } else {
                    text = text == null ? value : text;
                }
            }
            b.bodyHtml(html).bodyText(text);
        } else {
            b.bodyHtml(f.firstString("body_html", "body_xhtml")).bodyText(f.string("body_text"));
        }
    }

    private static void readSubjects(JsonFields f, ParsedArticle.Builder b) {
        String field = f.has("subjects") ? "subjects" : "subject";
        for (JsonFields s : f.objects(field)) {
            String name = s.string("name");
            String code = s.string("code");
            String scheme = s.string("scheme");
            String uri = s.string("uri");
            String literal = s.string("literal");
            if (code == null && uri != null && uri.startsWith(MEDIATOPIC_SCHEME)) {
                code = "medtop:" + uri.substring(MEDIATOPIC_SCHEME.length());
                scheme = MEDIATOPIC_SCHEME;
            }
            if (code == null) {
                code = literal != null ? literal : uri != null ? uri : name;
            }
            if (code == null || code.isBlank()) {
                s.error("name", "a subject needs a code, uri, literal or name");
                continue;
            }
            b.subject(new SubjectRef(code, name, scheme));
        }
    }

    private static void readAssociations(JsonFields f, ParsedArticle.Builder b) {
        for (Map.Entry<String, JsonFields> entry : f.namedObjects("associations")) {
            JsonFields association = entry.getValue();
            List<Map.Entry<String, JsonFields>> renditions = association.namedObjects("renditions");
            String type = Optional.ofNullable(association.string("type")).orElse("").toLowerCase(Locale.ROOT);
            Optional<JsonFields> preferred = preferredRendition(renditions);
            String mime = preferred.map(NinjsParser::mimeType).orElse("");
            boolean audio = type.equals("audio") || (type.isEmpty() && mime.startsWith("audio/"));
            boolean picture = PICTURE_TYPES.contains(type) || (type.isEmpty() && mime.startsWith("image/"));
            String title = association.has("headlines") ? pick(association.objects("headlines"), Set.of("main"))
                    : association.string("headline");
            if (audio) {
                String href = preferred.map(r -> r.uri("href")).orElse(null);
                if (href == null && MediaFiles.isHttpUrl(association.string("uri"))) {
                    href = association.string("uri");
                }
                String fileName = MediaFiles.fileName(href);
                if (fileName == null) {
                    String problem = "an audio association needs a rendition with an href naming the file";
                    if (preferred.isPresent()) {
                        preferred.get().error("href", problem);
                    } else {
                        association.error("renditions", problem);
                    }
                    continue;
                }
                Double duration = preferred.map(r -> r.number("duration")).orElse(null);
                if (duration != null && duration < 0) {
                    preferred.get().error("duration", "must not be negative");
                }
                b.audio(AudioRef.newBuilder()
                        .setHref(MediaFiles.isHttpUrl(href) ? href : null)
                        .setFileName(fileName)
                        .setMimeType(mime.isEmpty() ? MediaFiles.audioMimeType(fileName) : mime)
                        .setDurationSeconds(duration)
                        .setSizeBytes(preferred.map(r -> r.wholeNumber("sizeinbytes")).orElse(null))
                        .setTitle(title != null ? title : preferred.map(r -> r.string("title")).orElse(null))
                        .build());
            } else if (picture) {
                String caption = association.has("descriptions") ? pick(association.objects("descriptions"), Set.of("caption"))
                        : association.firstString("description_text", "body_text");
                b.image(ImageRef.newBuilder()
                        .setHref(preferred.map(r -> r.uri("href")).orElse(null))
                        .setCaption(caption != null ? caption : title)
                        .setCredit(association.firstString("byline", "by", "copyrightholder"))
                        .setMimeType(mime.isEmpty() ? null : mime)
                        .setWidth(preferred.map(r -> r.positiveInt("width")).orElse(null))
                        .setHeight(preferred.map(r -> r.positiveInt("height")).orElse(null))
                        .build());
            }
            // text, video and composite associations are not part of the raw-article contract
        }
    }

    private static Optional<JsonFields> preferredRendition(List<Map.Entry<String, JsonFields>> renditions) {
        for (Map.Entry<String, JsonFields> r : renditions) {
            if (r.getKey().equalsIgnoreCase("original")) {
                return Optional.of(r.getValue());
            }
        }
        Optional<JsonFields> largest = renditions.stream().map(Map.Entry::getValue)
                .filter(r -> r.has("width"))
                .max(Comparator.comparingDouble(r -> r.number("width") == null ? 0 : r.number("width")));
        return largest.isPresent() ? largest : renditions.stream().map(Map.Entry::getValue).findFirst();
    }

    private static String mimeType(JsonFields rendition) {
        String type = rendition.firstString("mimetype", "contenttype");
        return type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
    }
}

package news.pipeline.ingest.parse;

import java.time.ZoneId;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.PubStatus;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The project's own JSON ({@code application/json}): the RawArticle fields in camelCase, minus
 * what the service assigns itself (id, feed, receivedAt, contentHash). Times are ISO-8601; one
 * without an offset is in the feed's source time zone. Unknown fields are ignored so feeds can
 * send more than we read.
 */
public final class OwnJsonParser extends JsonArticleParser {

    static final int MAX_HEADLINE = 1000;

    public OwnJsonParser(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public SourceFormat format() {
        return SourceFormat.JSON;
    }

    @Override
    public ParsedArticle parseNode(JsonNode node, ParseContext context) {
        ZoneId zone = context.sourceZone();
        JsonFields f = JsonFields.root(node);
        PubStatus status = JsonBodies.pubStatus(f, "pubStatus");
        ParsedArticle.Builder b = ParsedArticle.builder(SourceFormat.JSON)
                .sourceId(f.string("sourceId"))
                .uri(f.uri("uri"))
                .version(f.wholeNumber("version"))
                .versionCreated(f.time("versionCreated", zone))
                .firstCreated(f.time("firstCreated", zone))
                .pubStatus(status)
                .language(f.language("language"))
                .headline(f.string("headline"))
                .subheadline(f.string("subheadline"))
                .byline(f.string("byline"))
                .bodyText(f.string("bodyText"))
                .bodyHtml(f.string("bodyHtml"))
                .section(f.string("section"))
                .keywords(f.strings("keywords"))
                .located(f.string("located"));

        for (JsonFields s : f.objects("subjects")) {
            String code = s.string("code");
            if (code == null || code.isBlank()) {
                s.error("code", "is required");
                continue;
            }
            b.subject(new SubjectRef(code, s.string("name"), s.string("scheme")));
        }
        for (JsonFields i : f.objects("images")) {
            b.image(ImageRef.newBuilder()
                    .setHref(i.uri("href"))
                    .setCaption(i.string("caption"))
                    .setCredit(i.string("credit"))
                    .setMimeType(i.string("mimeType"))
                    .setWidth(i.positiveInt("width"))
                    .setHeight(i.positiveInt("height"))
                    .build());
        }
        for (JsonFields a : f.objects("audio")) {
            String href = a.uri("href");
            String fileName = a.string("fileName");
            if (fileName == null || fileName.isBlank()) {
                fileName = MediaFiles.fileName(href);
            }
            if (fileName == null) {
                a.error("fileName", "is required when href does not name a file");
                continue;
            }
            Double duration = a.number("durationSeconds");
            if (duration != null && duration < 0) {
                a.error("durationSeconds", "must not be negative");
            }
            String mimeType = a.string("mimeType");
            b.audio(AudioRef.newBuilder()
                    .setHref(href)
                    .setFileName(fileName)
                    .setMimeType(mimeType != null ? mimeType : MediaFiles.audioMimeType(fileName))
                    .setDurationSeconds(duration)
                    .setSizeBytes(a.wholeNumber("sizeBytes"))
                    .setTitle(a.string("title"))
                    .build());
        }
        for (JsonFields l : f.objects("sourceLinks")) {
            String title = l.string("title");
            if (title == null || title.isBlank()) {
                l.error("title", "is required");
                continue;
            }
            String list = l.string("list");
            b.sourceLink(SourceLink.newBuilder()
                    .setList(list == null || list.isBlank() ? "related" : list)
                    .setTitle(title)
                    .setUrl(l.uri("url"))
                    .setPublishedAt(l.time("publishedAt", zone))
                    .build());
        }
        requireHeadline(f, "headline", b.headline(), status);
        if (!f.errors().isEmpty()) {
            throw new InvalidArticleException(f.errors());
        }
        return b.build();
    }

    /** Every article but a kill needs a headline; a kill may carry one. */
    static void requireHeadline(JsonFields f, String field, String headline, PubStatus status) {
        if (f.errors().stream().anyMatch(e -> e.field().equals(f.name(field)))) {
            return; // already reported (e.g. not a string)
        }
        if (headline == null || headline.isBlank()) {
            if (status != PubStatus.canceled) {
                f.error(field, "is required");
            }
        } else if (headline.length() > MAX_HEADLINE) {
            f.error(field, "is longer than " + MAX_HEADLINE + " characters");
        }
    }
}

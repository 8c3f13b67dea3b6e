package news.pipeline.ingest.web;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import news.pipeline.ingest.parse.ArticleParser;
import news.pipeline.ingest.parse.HtmlArticleParser;
import news.pipeline.ingest.parse.JsonArticleParser;
import news.pipeline.ingest.parse.NewsMlG2Parser;
import news.pipeline.ingest.parse.NinjsParser;
import news.pipeline.ingest.parse.OwnJsonParser;
import news.pipeline.ingest.parse.PageTextParser;
import news.pipeline.ingest.parse.SyndicationParser;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Content-Type → parser. The format is chosen by the media type alone, never guessed from the body. */
@Component
public class ArticleFormats {

    public static final MediaType NINJS = MediaType.parseMediaType("application/ninjs+json");
    public static final MediaType NINJS_IPTC = MediaType.parseMediaType("application/vnd.iptc.ninjs+json");
    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");
    public static final MediaType G2_NEWS_ITEM = MediaType.parseMediaType("application/vnd.iptc.g2.newsitem+xml");
    public static final MediaType G2_NEWS_MESSAGE = MediaType.parseMediaType("application/vnd.iptc.g2.newsmessage+xml");
    public static final MediaType G2_PACKAGE_ITEM = MediaType.parseMediaType("application/vnd.iptc.g2.packageitem+xml");
    public static final MediaType RSS = MediaType.parseMediaType("application/rss+xml");
    public static final MediaType ATOM = MediaType.parseMediaType("application/atom+xml");
    public static final List<MediaType> SINGLE = List.of(MediaType.APPLICATION_JSON, NINJS, NINJS_IPTC,
            MediaType.TEXT_PLAIN, MediaType.TEXT_HTML, G2_NEWS_ITEM, MediaType.APPLICATION_XML);
    public static final List<MediaType> BATCH = List.of(MediaType.APPLICATION_JSON, NINJS, NINJS_IPTC, NDJSON,
            G2_NEWS_MESSAGE, G2_PACKAGE_ITEM, G2_NEWS_ITEM, MediaType.APPLICATION_XML, RSS, ATOM);
    private static final List<MediaType> XML = List.of(G2_NEWS_ITEM, G2_NEWS_MESSAGE, G2_PACKAGE_ITEM,
            MediaType.APPLICATION_XML);

    private final OwnJsonParser json;
    private final NinjsParser ninjs;
    private final PageTextParser pageText = new PageTextParser();
    private final HtmlArticleParser html = new HtmlArticleParser();
    private final NewsMlG2Parser newsMl = new NewsMlG2Parser();
    private final SyndicationParser syndication = new SyndicationParser();

    public ArticleFormats(JsonMapper mapper) {
        this.json = new OwnJsonParser(mapper);
        this.ninjs = new NinjsParser(mapper);
    }

    /** The request's media type if this endpoint reads it. */
    static MediaType contentType(String header, List<MediaType> supported) {
        if (header == null || header.isBlank()) {
            throw new UnsupportedFormatException("the request has no Content-Type", supported);
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(header);
        } catch (InvalidMediaTypeException e) {
            throw new UnsupportedFormatException("Content-Type '" + header + "' is not a media type", supported);
        }
        if (supported.stream().noneMatch(s -> s.equalsTypeAndSubtype(type))) {
            throw new UnsupportedFormatException("Content-Type '" + type.getType() + "/" + type.getSubtype()
                    + "' is not accepted here", supported);
        }
        return type;
    }

    ArticleParser single(MediaType type) {
        if (isXml(type)) {
            return newsMl;
        }
        if (isNinjs(type)) {
            return ninjs;
        }
        if (MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type)) {
            return json;
        }
        if (MediaType.TEXT_PLAIN.equalsTypeAndSubtype(type)) {
            return pageText;
        }
        return html;
    }

    /** Items of a batch: ninjs when the batch is sent as ninjs (or NDJSON with {@code format=ninjs}), else own JSON. */
    JsonArticleParser batchItems(MediaType type, String format) {
        return isNinjs(type) || "ninjs".equalsIgnoreCase(format) ? ninjs : json;
    }

    /** A batch sent as NewsML-G2: a newsMessage, a packageItem or a newsItem. */
    NewsMlG2Parser newsMl() {
        return newsMl;
    }

    /** An RSS or Atom document pushed to the batch endpoint (as a WebSub hub delivers a feed's update). */
    SyndicationParser syndication() {
        return syndication;
    }

    static boolean isSyndication(MediaType type) {
        return RSS.equalsTypeAndSubtype(type) || ATOM.equalsTypeAndSubtype(type);
    }

    /** NewsML-G2 (XML is read as G2 only: the root element decides what it holds). */
    static boolean isXml(MediaType type) {
        return XML.stream().anyMatch(xml -> xml.equalsTypeAndSubtype(type));
    }

    static boolean isNinjs(MediaType type) {
        return NINJS.equalsTypeAndSubtype(type) || NINJS_IPTC.equalsTypeAndSubtype(type);
    }

    static Charset charset(MediaType type) {
        try {
            return type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
        } catch (RuntimeException unknownCharset) {
            throw new UnsupportedFormatException("charset of '" + type + "' is not supported", SINGLE);
        }
    }
}

package news.pipeline.ingest.parse;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.SourceLink;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;
import news.pipeline.ingest.model.SourceFormat;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * An article page ({@code text/html}), read with jsoup. Each field comes from the first place that
 * has it: structured metadata first (Open Graph, {@code article:*}, schema.org microdata), then
 * the usual markup of news sites. The body is the main content element with everything that is
 * not body text taken out (headline, lead, byline, figures, audio players, related-link lists,
 * navigation, scripts); figures become images, players become audio references, link lists become
 * source links. The body HTML is sanitised later by the normaliser, like every format's.
 */
public final class HtmlArticleParser implements ArticleParser {

    /** Where the body text is, most specific first. */
    private static final List<String> BODY_CANDIDATES = List.of(
            "[itemprop=articleBody]", ".article-body", ".article__body", ".article-content", ".detail-content",
            ".content-detail", ".entry-content", ".post-content", "article", "main");
    private static final String PRINTED_DATE = ".date, .time, .publish-date, .post-date, .article-date";
    private static final String LEAD = ".sapo, .lead, .summary, .article-summary, [itemprop=description]";
    private static final String BYLINE = "[itemprop=author], [rel=author], .byline, .author, .article-author";
    private static final String RELATED = ".related, .related-news, .tin-lien-quan, [class*=related], aside";
    private static final String NOT_BODY = String.join(",",
            "script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button", "input",
            "nav", "header", "footer", "aside", "figure", "audio", "video", "h1",
            ".share", ".social", ".tags", ".ads", ".advert", "[class*=advert]", "[class*=banner]", ".breadcrumb");
    private static final Pattern CREDIT = Pattern.compile("^(?:ảnh|ảnh minh họa|ảnh minh hoạ|photo)\\s*:\\s*(\\S.*)$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** "Các đại biểu dự hội nghị. (Ảnh: Thành Tâm)": a credit written at the end of a caption. */
    private static final Pattern INLINE_CREDIT = Pattern.compile("\\s*\\(?(?:ảnh|photo)\\s*:\\s*([^)]+)\\)?\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    @Override
    public SourceFormat format() {
        return SourceFormat.HTML;
    }

    @Override
    public ParsedArticle parse(String body, ParseContext context) {
        if (body == null || body.isBlank()) {
            throw new InvalidArticleException("body", "is empty");
        }
        Document doc = Jsoup.parse(body, context.baseUri() == null ? "" : context.baseUri());
        String canonical = firstNonBlank(doc.select("link[rel=canonical]").attr("abs:href"),
                meta(doc, "meta[property=og:url]"));
        if (canonical != null && doc.location().isEmpty()) {
            doc.setBaseUri(canonical); // relative links resolve against the article's own address
        }
        ZoneId zone = context.sourceZone();
        List<FieldError> errors = new ArrayList<>();
        Element article = firstOf(doc, List.of("article", "main"));
        Element main = firstOf(doc, BODY_CANDIDATES);

        ParsedArticle.Builder b = ParsedArticle.builder(SourceFormat.HTML)
                .uri(canonical != null ? canonical : context.baseUri())
                .language(language(doc))
                .section(meta(doc, "meta[property=article:section]"));

        Element h1 = article.selectFirst("h1");
        if (h1 == null) {
            h1 = doc.selectFirst("h1");
        }
        String headline = h1 != null ? h1.text() : firstNonBlank(meta(doc, "meta[property=og:title]"), doc.title());
        if (headline == null || headline.isBlank()) {
            errors.add(new FieldError("headline", "not found: the page has no <h1>, og:title or <title>"));
        } else if (headline.length() > OwnJsonParser.MAX_HEADLINE) {
            errors.add(new FieldError("headline", "is longer than " + OwnJsonParser.MAX_HEADLINE + " characters"));
        }
        b.headline(headline);

        Element leadElement = article.selectFirst(LEAD);
        b.subheadline(leadElement != null && !leadElement.text().isBlank() ? leadElement.text()
                : firstNonBlank(meta(doc, "meta[name=description]"), meta(doc, "meta[property=og:description]")));

        Element bylineElement = article.selectFirst(BYLINE);
        if (bylineElement == null) {
            bylineElement = doc.selectFirst(BYLINE);
        }
        String byline = firstNonBlank(bylineElement == null ? null : bylineElement.text(), meta(doc, "meta[name=author]"));
        b.byline(byline);

        b.firstCreated(time(doc, zone, errors, "published time",
                "meta[property=article:published_time]", "meta[itemprop=datePublished]", "[itemprop=datePublished]",
                "time[pubdate]", "meta[name=pubdate]", "article time[datetime]"));
        b.versionCreated(time(doc, zone, errors, "modified time",
                "meta[property=article:modified_time]", "meta[itemprop=dateModified]", "[itemprop=dateModified]",
                "meta[property=og:updated_time]"));
        if (doc.selectFirst("meta[property=article:published_time], [itemprop=datePublished], time[pubdate], meta[name=pubdate], article time[datetime]") == null) {
            // No machine-readable time: sites print "02.11.2024 | 17:55 PM" in a date element.
            Element printed = article.selectFirst(PRINTED_DATE);
            if (printed == null) {
                printed = doc.selectFirst(PRINTED_DATE);
            }
            if (printed != null) {
                b.firstCreated(SiteTimes.find(printed.text(), zone));
            }
        }

        keywords(doc).forEach(b::keyword);
        audio(doc, article).forEach(b::audio);
        relatedLinks(doc, zone).forEach(b::sourceLink);

        Element content = main.clone();
        content.select(RELATED).remove();
        content.select(NOT_BODY).remove();
        if (leadElement != null) {
            content.select(LEAD).remove();
        }
        content.select(BYLINE).remove();
        content.select(PRINTED_DATE).remove();
        List<String> credits = new ArrayList<>();
        for (Element p : content.select("p")) {
            Matcher credit = CREDIT.matcher(p.text().trim());
            if (credit.matches()) {
                credits.add(credit.group(1).trim());
                p.remove();
            } else if (byline != null && p.text().trim().equals(byline)) {
                p.remove(); // the byline repeated as the last paragraph
            }
        }
        images(doc, article, credits).forEach(b::image);
        String html = content.html().trim();
        b.bodyHtml(html.isEmpty() ? null : html);

        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        return b.build();
    }

    /** The first element matching the first selector that matches anything (selectors in priority order), else the body. */
    private static Element firstOf(Document doc, List<String> selectors) {
        for (String selector : selectors) {
            Element e = doc.selectFirst(selector);
            if (e != null) {
                return e;
            }
        }
        return doc.body();
    }

    private static String language(Document doc) {
        String lang = doc.select("html").attr("lang");
        if (lang.isBlank()) {
            lang = doc.select("meta[http-equiv=content-language]").attr("content");
        }
        if (lang.isBlank()) {
            lang = doc.select("meta[property=og:locale]").attr("content").replace('_', '-');
        }
        return lang.isBlank() ? null : lang.trim();
    }

    private static Instant time(Document doc, ZoneId zone, List<FieldError> errors, String what, String... selectors) {
        for (String selector : selectors) {
            Element e = doc.selectFirst(selector);
            if (e == null) {
                continue;
            }
            String value = firstNonBlank(e.attr("content"), e.attr("datetime"), e.text());
            if (value == null) {
                continue;
            }
            try {
                return Timestamps.parse(value, zone);
            } catch (DateTimeParseException ex) {
                Instant printed = SiteTimes.find(value, zone);
                if (printed != null) {
                    return printed;
                }
                errors.add(new FieldError(selector, "the " + what + " " + Timestamps.EXPECTED + ", got '"
                        + JsonFields.abbreviate(value) + "'"));
                return null;
            }
        }
        return null;
    }

    private static List<String> keywords(Document doc) {
        Set<String> keywords = new LinkedHashSet<>();
        for (String k : doc.select("meta[name=keywords]").attr("content").split(",")) {
            if (!k.isBlank()) {
                keywords.add(k.trim());
            }
        }
        doc.select("meta[property=article:tag]").forEach(tag -> {
            if (!tag.attr("content").isBlank()) {
                keywords.add(tag.attr("content").trim());
            }
        });
        return List.copyOf(keywords);
    }

    /** Players anywhere on the page (sites put them above the article), links to audio files in the article. */
    private static List<AudioRef> audio(Document doc, Element main) {
        List<AudioRef> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Element player : doc.select("audio")) {
            Element source = player.hasAttr("src") ? player : player.selectFirst("source[src]");
            if (source == null) {
                continue;
            }
            String href = source.attr("abs:src").isBlank() ? source.attr("src") : source.attr("abs:src");
            addAudio(result, seen, href, source.attr("type"), player.attr("title"));
        }
        for (Element link : main.select("a[href]")) {
            String href = link.attr("abs:href").isBlank() ? link.attr("href") : link.attr("abs:href");
            if (MediaFiles.isAudioFile(MediaFiles.fileName(href))) {
                addAudio(result, seen, href, "", link.text());
            }
        }
        return result;
    }

    private static void addAudio(List<AudioRef> result, Set<String> seen, String href, String type, String title) {
        String fileName = MediaFiles.fileName(href);
        if (fileName == null || !seen.add(href)) {
            return;
        }
        result.add(AudioRef.newBuilder()
                .setHref(MediaFiles.isHttpUrl(href) ? href : null)
                .setFileName(fileName)
                .setMimeType(type.isBlank() ? MediaFiles.audioMimeType(fileName) : type.trim())
                .setTitle(title == null || title.isBlank() ? null : title.trim())
                .build());
    }

    private static List<ImageRef> images(Document doc, Element main, List<String> credits) {
        List<ImageRef> result = new ArrayList<>();
        String pageCredit = credits.isEmpty() ? null : String.join("; ", credits);
        for (Element figure : main.select("figure")) {
            Element img = figure.selectFirst("img");
            Element caption = figure.selectFirst("figcaption");
            String captionText = caption == null ? null : caption.text();
            String credit = null;
            Element creditElement = figure.selectFirst(".credit, .photo-credit, .author");
            if (creditElement != null) {
                credit = creditElement.text();
                captionText = caption == null ? null : withoutChildren(caption, ".credit, .photo-credit, .author");
            }
            if (captionText != null) {
                Matcher inline = INLINE_CREDIT.matcher(captionText);
                if (inline.find()) {
                    credit = credit != null ? credit : inline.group(1).trim();
                    captionText = captionText.substring(0, inline.start()).trim();
                }
            }
            result.add(ImageRef.newBuilder()
                    .setHref(img == null ? null : firstNonBlank(img.attr("abs:src"), img.attr("abs:data-src")))
                    .setCaption(captionText == null || captionText.isBlank() ? null : captionText)
                    .setCredit(credit != null ? credit : pageCredit)
                    .setWidth(intAttr(img, "width"))
                    .setHeight(intAttr(img, "height"))
                    .build());
        }
        if (result.isEmpty()) {
            String ogImage = meta(doc, "meta[property=og:image]");
            if (ogImage != null || pageCredit != null) {
                result.add(ImageRef.newBuilder().setHref(ogImage).setCredit(pageCredit).build());
            }
        }
        return result;
    }

    private static String withoutChildren(Element element, String selector) {
        Element copy = element.clone();
        copy.select(selector).remove();
        return copy.text();
    }

    /**
     * Link lists around the article: containers marked as related, or any block whose heading is
     * one of the site's list names ("Tin cùng chuyên mục", "Xem tin theo ngày", "Tin liên quan").
     */
    private static List<SourceLink> relatedLinks(Document doc, ZoneId zone) {
        List<Element> containers = new ArrayList<>();
        for (Element heading : doc.select("h2, h3, h4, .title, .box-title")) {
            if (PageTextParser.listName(heading.text()) != null && heading.parent() != null) {
                containers.add(heading.parent());
            }
        }
        containers.addAll(doc.select(RELATED));
        List<Element> distinct = new ArrayList<>();
        for (Element c : containers) {
            boolean nested = distinct.stream().anyMatch(d -> d == c || c.parents().contains(d));
            if (!nested) {
                distinct.removeIf(d -> d.parents().contains(c));
                distinct.add(c);
            }
        }
        List<SourceLink> links = new ArrayList<>();
        for (Element container : distinct) {
            Element heading = container.selectFirst("h2, h3, h4, .title, .box-title");
            String list = heading == null ? null : PageTextParser.listName(heading.text());
            list = list == null ? "related" : list;
            Elements items = container.select("li");
            if (items.isEmpty()) {
                items = container.select("a[href]");
            }
            for (Element item : items) {
                Element a = item.is("a") ? item : item.selectFirst("a[href]");
                if (a == null || a.text().isBlank()) {
                    continue;
                }
                Element timeElement = item.selectFirst("time[datetime]");
                Instant published = null;
                if (timeElement != null) {
                    try {
                        published = Timestamps.parse(timeElement.attr("datetime"), zone);
                    } catch (DateTimeParseException e) {
                        published = SiteTimes.find(timeElement.text(), zone);
                    }
                } else {
                    published = SiteTimes.find(item.text(), zone);
                }
                String url = a.attr("abs:href").isBlank() ? null : a.attr("abs:href");
                links.add(SourceLink.newBuilder().setList(list).setTitle(a.text().trim()).setUrl(url)
                        .setPublishedAt(published).build());
            }
        }
        return links;
    }

    private static Integer intAttr(Element e, String attr) {
        if (e == null || !e.attr(attr).trim().matches("\\d{1,6}")) {
            return null;
        }
        return Integer.parseInt(e.attr(attr).trim());
    }

    private static String meta(Document doc, String selector) {
        Element e = doc.selectFirst(selector);
        return e == null || e.attr("content").isBlank() ? null : e.attr("content").trim();
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.trim();
            }
        }
        return null;
    }
}

package news.pipeline.ingest.normalize;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;
import news.pipeline.ingest.model.ParsedArticle;

/**
 * The same rules for every format, after parsing: NFC and clean whitespace in every string,
 * body HTML sanitised, plain text and HTML bodies derived from each other when only one was sent,
 * the language tag in canonical case (the feed's default when the article gives none).
 * Times are already UTC (the parsers apply the source time zone).
 */
public final class ArticleNormalizer {

    private ArticleNormalizer() {
    }

    public static ParsedArticle normalize(ParsedArticle a, String defaultLanguage) {
        String uri = trim(a.uri());
        String html = HtmlSanitizer.sanitize(TextNormalizer.nfc(a.bodyHtml()), uri);
        String text = a.bodyText() != null ? TextNormalizer.paragraphs(a.bodyText()) : HtmlSanitizer.toText(html);
        if (html == null && text != null) {
            html = HtmlSanitizer.fromText(text);
        }
        String language = languageTag(a.language());
        return a.toBuilder()
                .sourceId(TextNormalizer.inline(a.sourceId()))
                .uri(uri)
                .language(language != null ? language : languageTag(defaultLanguage))
                .headline(TextNormalizer.inline(a.headline()))
                .subheadline(TextNormalizer.inline(a.subheadline()))
                .byline(TextNormalizer.inline(a.byline()))
                .bodyText(text)
                .bodyHtml(html)
                .section(TextNormalizer.inline(a.section()))
                .keywords(distinct(a.keywords().stream().map(TextNormalizer::inline).toList()))
                .subjects(a.subjects().stream().map(s -> new SubjectRef(TextNormalizer.inline(s.getCode()),
                        TextNormalizer.inline(s.getName()), trim(s.getScheme()))).filter(s -> s.getCode() != null).toList())
                .located(TextNormalizer.inline(a.located()))
                .images(a.images().stream().map(i -> ImageRef.newBuilder()
                        .setHref(trim(i.getHref()))
                        .setCaption(TextNormalizer.inline(i.getCaption()))
                        .setCredit(TextNormalizer.inline(i.getCredit()))
                        .setMimeType(lower(i.getMimeType()))
                        .setWidth(i.getWidth())
                        .setHeight(i.getHeight())
                        .build()).toList())
                .audio(a.audio().stream().map(r -> AudioRef.newBuilder(r)
                        .setHref(trim(r.getHref()))
                        .setFileName(TextNormalizer.inline(r.getFileName()))
                        .setMimeType(lower(r.getMimeType()))
                        .setTitle(TextNormalizer.inline(r.getTitle()))
                        .build()).toList())
                .sourceLinks(a.sourceLinks().stream().map(l -> SourceLink.newBuilder(l)
                        .setList(TextNormalizer.inline(l.getList()))
                        .setTitle(TextNormalizer.inline(l.getTitle()))
                        .setUrl(trim(l.getUrl()))
                        .build()).filter(l -> l.getTitle() != null).toList())
                .build();
    }

    /** {@code VI_vn} → {@code vi-VN}; null when absent or not a language tag. */
    static String languageTag(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        String canonical = Locale.forLanguageTag(tag.trim().replace('_', '-')).toLanguageTag();
        return canonical.equals("und") ? null : canonical;
    }

    private static List<String> distinct(List<String> values) {
        Set<String> set = new LinkedHashSet<>();
        values.stream().filter(Objects::nonNull).forEach(set::add);
        return List.copyOf(set);
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}

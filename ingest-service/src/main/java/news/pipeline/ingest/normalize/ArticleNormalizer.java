package news.pipeline.ingest.normalize;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import news.pipeline.events.AudioRef;
import news.pipeline.events.ImageRef;
import news.pipeline.events.SourceLink;
import news.pipeline.events.SubjectRef;
import news.pipeline.ingest.model.FieldError;
import news.pipeline.ingest.model.InvalidArticleException;
import news.pipeline.ingest.model.ParsedArticle;

/**
 * The same rules for every format, after parsing: NFC and clean whitespace in every string,
 * body HTML sanitised, plain text and HTML bodies derived from each other when only one was sent,
 * the language tag in canonical case (the feed's default when the article gives none), every address an
 * absolute http(s) URL (relative ones resolved against the article's own).
 * Times are already UTC (the parsers apply the source time zone).
 */
public final class ArticleNormalizer {

    private ArticleNormalizer() {
    }

    /**
     * @throws InvalidArticleException an address is not a web address (see {@link WebAddresses}); every such
     *                                 field is named
     */
    public static ParsedArticle normalize(ParsedArticle a, String defaultLanguage) {
        List<FieldError> errors = new ArrayList<>();
        String uri = WebAddresses.checkArticleUri(a.uri(), errors);
        String base = WebAddresses.base(uri);
        List<ImageRef> images = new ArrayList<>();
        for (int i = 0; i < a.images().size(); i++) {
            ImageRef image = a.images().get(i);
            images.add(ImageRef.newBuilder()
                    .setHref(WebAddresses.check(image.getHref(), base, "images[" + i + "].href", errors))
                    .setCaption(TextNormalizer.inline(image.getCaption()))
                    .setCredit(TextNormalizer.inline(image.getCredit()))
                    .setMimeType(lower(image.getMimeType()))
                    .setWidth(image.getWidth())
                    .setHeight(image.getHeight())
                    .build());
        }
        List<AudioRef> audio = new ArrayList<>();
        for (int i = 0; i < a.audio().size(); i++) {
            AudioRef ref = a.audio().get(i);
            audio.add(AudioRef.newBuilder(ref)
                    .setHref(WebAddresses.check(ref.getHref(), base, "audio[" + i + "].href", errors))
                    .setFileName(TextNormalizer.inline(ref.getFileName()))
                    .setMimeType(lower(ref.getMimeType()))
                    .setTitle(TextNormalizer.inline(ref.getTitle()))
                    .build());
        }
        List<SourceLink> links = new ArrayList<>();
        for (int i = 0; i < a.sourceLinks().size(); i++) {
            SourceLink link = a.sourceLinks().get(i);
            String title = TextNormalizer.inline(link.getTitle());
            if (title == null) {
                continue; // a link without a title is left out, whatever its address
            }
            links.add(SourceLink.newBuilder(link)
                    .setList(TextNormalizer.inline(link.getList()))
                    .setTitle(title)
                    .setUrl(WebAddresses.check(link.getUrl(), base, "sourceLinks[" + i + "].url", errors))
                    .build());
        }
        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        HtmlSanitizer.Body body = HtmlSanitizer.sanitize(TextNormalizer.nfc(a.bodyHtml()), base);
        String html = body == null ? null : body.html();
        String text = a.bodyText() != null ? TextNormalizer.paragraphs(a.bodyText()) : body == null ? null : body.text();
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
                .images(images)
                .audio(audio)
                .sourceLinks(links)
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

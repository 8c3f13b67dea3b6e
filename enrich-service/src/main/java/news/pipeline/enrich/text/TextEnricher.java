package news.pipeline.enrich.text;

import java.util.List;
import news.pipeline.events.RawArticle;

/**
 * Detected language, word count, reading time and URL slug of an article.
 *
 * <p>Words are runs of letters and digits (a Vietnamese syllable counts as one word, as Vietnamese
 * word counts are usually given) in the headline, the lead and the body; the lead is not counted
 * twice when the body starts with it. Reading time = ceil(words / readingWordsPerMinute × 60) s.
 * The slug is the headline folded to ASCII, hyphen-separated, at most 96 characters cut at a hyphen.
 */
public class TextEnricher {

    static final int MAX_SLUG = 96;

    private final int readingWordsPerMinute;

    public TextEnricher(int readingWordsPerMinute) {
        if (readingWordsPerMinute <= 0) {
            throw new IllegalArgumentException("reading words per minute must be positive");
        }
        this.readingWordsPerMinute = readingWordsPerMinute;
    }

    public TextStats analyse(RawArticle article) {
        List<String> textWords = Folding.words(fullText(article)); // split once: counted, then voting on the language
        int words = textWords.size();
        int readingSeconds = words == 0 ? 0 : (int) Math.ceil(words * 60.0 / readingWordsPerMinute);
        String language = LanguageDetector.detect(textWords, article.getLanguage());
        return new TextStats(language, words, readingSeconds, slug(article.getHeadline()));
    }

    /** Headline, lead and body, the lead skipped when the body already starts with it. */
    public static String fullText(RawArticle article) {
        StringBuilder text = new StringBuilder();
        append(text, article.getHeadline());
        String lead = article.getSubheadline();
        String body = article.getBodyText();
        if (lead != null && !(body != null && body.strip().startsWith(lead.strip()))) {
            append(text, lead);
        }
        append(text, body);
        return text.toString();
    }

    public static String slug(String headline) {
        if (headline == null) {
            return null;
        }
        String slug = Folding.slug(headline, '-');
        if (slug.length() > MAX_SLUG) {
            int cut = slug.lastIndexOf('-', MAX_SLUG);
            slug = slug.substring(0, cut > 0 ? cut : MAX_SLUG);
        }
        return slug.isEmpty() ? null : slug;
    }

    private static void append(StringBuilder text, String part) {
        if (part != null && !part.isBlank()) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append(part);
        }
    }
}

package news.pipeline.enrich.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text folding shared by every enricher: Unicode NFC, lower case, and an ASCII fold that removes
 * Vietnamese diacritics ("Đẩy mạnh" → "day manh"), as a reader types without them.
 */
public final class Folding {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final Pattern NON_ALNUM = Pattern.compile("[^a-z0-9]+");

    private Folding() {
    }

    /** NFC and lower case, diacritics kept: what lexicon terms written with diacritics match against. */
    public static String lower(String text) {
        return text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }

    /** Lower case without diacritics: đ → d, every combining mark removed. */
    public static String fold(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD)
                .replace('đ', 'd').replace('Đ', 'D');
        return COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /** Words (runs of letters and digits) of the text, NFC-normalised and lower-cased. */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        Matcher m = WORD.matcher(lower(text));
        while (m.find()) {
            words.add(m.group());
        }
        return words;
    }

    /** Folded, with every run of non-alphanumerics turned into one separator, trimmed at both ends. */
    public static String slug(String text, char separator) {
        String folded = NON_ALNUM.matcher(fold(text)).replaceAll(String.valueOf(separator));
        int start = 0;
        int end = folded.length();
        while (start < end && folded.charAt(start) == separator) {
            start++;
        }
        while (end > start && folded.charAt(end - 1) == separator) {
            end--;
        }
        return folded.substring(start, end);
    }

    /** The tokens of a folded slug ("day_manh_thuc" → [day, manh, thuc]). */
    public static List<String> slugTokens(String text) {
        String slug = slug(text, '_');
        return slug.isEmpty() ? List.of() : List.of(slug.split("_"));
    }
}

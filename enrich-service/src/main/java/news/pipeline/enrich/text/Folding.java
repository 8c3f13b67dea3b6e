package news.pipeline.enrich.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Text folding shared by every enricher: Unicode NFC, lower case, and an ASCII fold that removes
 * Vietnamese diacritics ("Đẩy mạnh" → "day manh"), as a reader types without them.
 */
public final class Folding {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
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

    /**
     * Words (runs of letters and numbers, {@code [\p{L}\p{N}]+}) of the text, NFC-normalised and
     * lower-cased. A scan rather than that regular expression: every enricher splits whole bodies.
     */
    public static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        String lower = lower(text);
        int start = -1;
        for (int i = 0; i < lower.length(); ) {
            int c = lower.codePointAt(i);
            boolean inWord = Character.isLetter(c) || isNumber(c);
            if (inWord && start < 0) {
                start = i;
            } else if (!inWord && start >= 0) {
                words.add(lower.substring(start, i));
                start = -1;
            }
            i += Character.charCount(c);
        }
        if (start >= 0) {
            words.add(lower.substring(start));
        }
        return words;
    }

    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
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

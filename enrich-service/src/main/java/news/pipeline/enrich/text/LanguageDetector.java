package news.pipeline.enrich.text;

import java.util.List;
import java.util.Set;

/**
 * A small, transparent language detector for the languages the pipeline carries (Vietnamese and
 * English; anything else is "und"). Each word votes: a word with a Vietnamese-only letter (ă â đ ê ô
 * ơ ư or a tone mark) or a frequent Vietnamese function word votes vi, a frequent English function
 * word votes en. The language with more votes wins if it holds at least 60 % of the votes and
 * {@value #MIN_VOTES} votes; otherwise the feed's declared language is kept, else "und".
 */
public final class LanguageDetector {

    static final int MIN_VOTES = 3;

    private static final Set<String> VI_WORDS = Set.of("và", "của", "các", "là", "được", "có", "những", "trong",
            "cho", "với", "người", "không", "này", "đã", "một", "tại", "đến", "từ", "về", "theo", "khi", "năm",
            "cũng", "nhiều", "để", "ngày", "sẽ", "vào", "ra", "thì", "đó", "như", "trên", "hội", "nghị", "tỉnh");
    private static final Set<String> EN_WORDS = Set.of("the", "and", "of", "to", "in", "is", "for", "on", "that",
            "with", "was", "are", "as", "by", "at", "from", "it", "an", "be", "has", "have", "will", "its", "after",
            "said", "their", "this", "were", "new", "over", "more", "than", "into", "who", "not");
    private static final String VI_LETTERS = "ăâđêôơư"
            + "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ";

    private LanguageDetector() {
    }

    public static String detect(String text, String declared) {
        return detect(Folding.words(text), declared);
    }

    /** As {@link #detect(String, String)}, for a text already split by {@link Folding#words}. */
    public static String detect(List<String> words, String declared) {
        int vi = 0;
        int en = 0;
        for (String word : words) {
            if (VI_WORDS.contains(word) || hasVietnameseLetter(word)) {
                vi++;
            } else if (EN_WORDS.contains(word)) {
                en++;
            }
        }
        int total = vi + en;
        if (total >= MIN_VOTES) {
            if (vi >= 0.6 * total) {
                return "vi";
            }
            if (en >= 0.6 * total) {
                return "en";
            }
        }
        return declared == null || declared.isBlank() ? "und" : primary(declared);
    }

    /** "vi-VN" → "vi". */
    public static String primary(String tag) {
        int dash = tag.indexOf('-');
        return (dash < 0 ? tag : tag.substring(0, dash)).toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean hasVietnameseLetter(String word) {
        for (int i = 0; i < word.length(); i++) {
            if (VI_LETTERS.indexOf(word.charAt(i)) >= 0) {
                return true;
            }
        }
        return false;
    }
}

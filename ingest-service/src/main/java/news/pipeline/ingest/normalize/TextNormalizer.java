package news.pipeline.ingest.normalize;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Unicode NFC and whitespace. Feeds send Vietnamese decomposed (a base letter followed by
 * combining marks: "ệ" as e + U+0323 + U+0302), which looks the same but neither matches nor
 * hashes like the composed form; everything the service emits is NFC.
 */
public final class TextNormalizer {

    /** Zero-width space, word joiner, byte-order mark, soft hyphen: invisible, and they break search. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u2060\\uFEFF\\u00AD]");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t\\r]]");
    private static final Pattern ANY_SPACE = Pattern.compile("[\\s\\p{Z}]+");
    private static final Pattern BLANK_LINE = Pattern.compile("\\n[\\t \\p{Z}]*\\n");

    private TextNormalizer() {
    }

    public static String nfc(String s) {
        return s == null ? null : Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** One line of text: NFC, invisible and control characters removed, every run of whitespace one space; blank is null. */
    public static String inline(String s) {
        if (s == null) {
            return null;
        }
        String clean = clean(s);
        clean = ANY_SPACE.matcher(clean).replaceAll(" ").trim();
        return clean.isEmpty() ? null : clean;
    }

    /**
     * Body text: paragraphs separated by one blank line. Text that already uses blank lines between
     * paragraphs keeps single line breaks as spaces (hard-wrapped text); text without any blank line
     * has one paragraph per line.
     */
    public static String paragraphs(String s) {
        if (s == null) {
            return null;
        }
        String clean = clean(s).replace("\r\n", "\n").replace('\r', '\n');
        String[] parts = BLANK_LINE.matcher(clean).find() ? clean.split("\\n[\\t \\p{Z}]*\\n") : clean.split("\\n");
        String joined = Arrays.stream(parts).map(TextNormalizer::inline).filter(Objects::nonNull)
                .collect(Collectors.joining("\n\n"));
        return joined.isEmpty() ? null : joined;
    }

    private static String clean(String s) {
        String composed = Normalizer.normalize(s, Normalizer.Form.NFC);
        composed = INVISIBLE.matcher(composed).replaceAll("");
        return CONTROL.matcher(composed).replaceAll(" ");
    }
}

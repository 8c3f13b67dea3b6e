package news.pipeline.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The single-pass {@link TextNormalizer} against the regular expressions it replaced, on random text
 * made of the characters that matter: Vietnamese composed and decomposed, every kind of space and line
 * break, invisible and control characters.
 */
class TextNormalizerEquivalenceTest {

    private static final String[] PIECES = {"a", "B", "ệ", "e\u0323\u0302", "Đ", "\u0301", "ư", "1", ".", "—", " ", "  ",
            "\t", "\n", "\r\n", "\r", "\n\n", "\n \t\n", "\n\u00A0\n", "\u00A0", "\u2003", "\u2028", "\u2029", "\u000B",
            "\f", "\u200B", "\u2060", "\uFEFF", "\u00AD", "\u0000", "\u0007", "\u0085", "\u009F", "x\u00AD\u0301",
            "😀", "中文"};

    @Test
    void paragraphsAreWhatTheRegularExpressionsGave() {
        Random random = new Random(2026);
        for (int run = 0; run < 20_000; run++) {
            String text = randomText(random);
            assertThat(TextNormalizer.paragraphs(text)).as(escape(text)).isEqualTo(Regex.paragraphs(text));
        }
    }

    @Test
    void inlineIsWhatTheRegularExpressionsGaveExceptThatItIsAlwaysNfc() {
        Random random = new Random(2027);
        for (int run = 0; run < 20_000; run++) {
            String text = randomText(random);
            String before = Regex.inline(text);
            String now = TextNormalizer.inline(text);
            // the regex version could leave a mark decomposed after removing the soft hyphen before it
            assertThat(now).as(escape(text)).isEqualTo(before == null ? null : Normalizer.normalize(before, Normalizer.Form.NFC));
            assertThat(now == null || Normalizer.isNormalized(now, Normalizer.Form.NFC)).isTrue();
        }
    }

    private static String randomText(Random random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(40);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }

    private static String escape(String s) {
        return s.codePoints().mapToObj(c -> c < 0x20 || c > 0x7E ? String.format("\\u%04X", c) : Character.toString(c))
                .collect(Collectors.joining());
    }

    /** The implementation before, verbatim. */
    static final class Regex {
        private static final Pattern INVISIBLE = Pattern.compile("[\\u200B\\u2060\\uFEFF\\u00AD]");
        private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n\\t\\r]]");
        private static final Pattern ANY_SPACE = Pattern.compile("[\\s\\p{Z}]+");
        private static final Pattern BLANK_LINE = Pattern.compile("\\n[\\t \\p{Z}]*\\n");

        static String inline(String s) {
            if (s == null) {
                return null;
            }
            String clean = clean(s);
            clean = ANY_SPACE.matcher(clean).replaceAll(" ").trim();
            return clean.isEmpty() ? null : clean;
        }

        static String paragraphs(String s) {
            if (s == null) {
                return null;
            }
            String clean = clean(s).replace("\r\n", "\n").replace('\r', '\n');
            String[] parts = BLANK_LINE.matcher(clean).find() ? clean.split("\\n[\\t \\p{Z}]*\\n") : clean.split("\\n");
            String joined = Arrays.stream(parts).map(Regex::inline).filter(Objects::nonNull)
                    .collect(Collectors.joining("\n\n"));
            return joined.isEmpty() ? null : joined;
        }

        private static String clean(String s) {
            String composed = Normalizer.normalize(s, Normalizer.Form.NFC);
            composed = INVISIBLE.matcher(composed).replaceAll("");
            return CONTROL.matcher(composed).replaceAll(" ");
        }
    }
}

package news.pipeline.ingest.normalize;

import java.text.Normalizer;

/**
 * Unicode NFC and whitespace. Feeds send Vietnamese decomposed (a base letter followed by
 * combining marks: "ệ" as e + U+0323 + U+0302), which looks the same but neither matches nor
 * hashes like the composed form; everything the service emits is NFC.
 *
 * <p>Written as single passes over the characters rather than regular expressions: a body went
 * through NFC and three regex replacements twice (once whole, once per paragraph), which was the
 * largest share of ingest-service's CPU after JSON parsing.
 */
public final class TextNormalizer {

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
        String collapsed = collapseSpaces(clean, 0, clean.length());
        return collapsed.isEmpty() ? null : collapsed;
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
        String text = clean(s).replace("\r\n", "\n").replace('\r', '\n');
        boolean blankLines = hasBlankLine(text);
        StringBuilder joined = new StringBuilder(text.length());
        int start = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
            int end = blankLines ? blankLineAfter(text, newline) : newline;
            if (end >= 0) {
                appendParagraph(joined, text, start, newline);
                start = end + 1;
                newline = end;
            }
        }
        appendParagraph(joined, text, start, text.length());
        return joined.isEmpty() ? null : joined.toString();
    }

    private static boolean hasBlankLine(String text) {
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', newline + 1)) {
            if (blankLineAfter(text, newline) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the blank line that begins with the line break at {@code newline} ends (its second line
     * break: only tabs and spaces between the two), or -1 when that line break does not begin one.
     */
    private static int blankLineAfter(String text, int newline) {
        for (int i = newline + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return i;
            }
            if (c != '\t' && c != ' ' && !isSeparator(c)) {
                return -1;
            }
        }
        return -1;
    }

    private static void appendParagraph(StringBuilder joined, String text, int start, int end) {
        String paragraph = collapseSpaces(text, start, end);
        if (!paragraph.isEmpty()) {
            if (!joined.isEmpty()) {
                joined.append("\n\n");
            }
            joined.append(paragraph);
        }
    }

    /** {@code text[start, end)} with every run of whitespace one space, none at either end. */
    private static String collapseSpaces(String text, int start, int end) {
        StringBuilder out = new StringBuilder(end - start);
        boolean pendingSpace = false;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (isSpace(c)) {
                pendingSpace = !out.isEmpty();
            } else {
                if (pendingSpace) {
                    out.append(' ');
                    pendingSpace = false;
                }
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * NFC, invisible characters (zero-width space, word joiner, byte-order mark, soft hyphen: they break
     * search) removed, control characters other than line breaks and tabs turned into spaces; NFC again
     * when something was removed, since marks it separated from their letter may now compose.
     */
    private static String clean(String s) {
        String composed = Normalizer.normalize(s, Normalizer.Form.NFC);
        StringBuilder out = null;
        for (int i = 0; i < composed.length(); i++) {
            char c = composed.charAt(i);
            boolean invisible = c == '\u200B' || c == '\u2060' || c == '\uFEFF' || c == '\u00AD';
            boolean control = !invisible && c != '\n' && c != '\t' && c != '\r' && Character.getType(c) == Character.CONTROL;
            if ((invisible || control) && out == null) {
                out = new StringBuilder(composed.length()).append(composed, 0, i);
            }
            if (out != null && !invisible) {
                out.append(control ? ' ' : c);
            }
        }
        return out == null ? composed : Normalizer.normalize(out, Normalizer.Form.NFC);
    }

    /** Java's {@code [\s\p{Z}]}: ASCII whitespace and every Unicode space, line and paragraph separator. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || isSeparator(c);
    }

    private static boolean isSeparator(char c) {
        int type = Character.getType(c);
        return type == Character.SPACE_SEPARATOR || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR;
    }
}

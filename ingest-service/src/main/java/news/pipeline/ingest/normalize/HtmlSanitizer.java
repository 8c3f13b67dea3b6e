package news.pipeline.ingest.normalize;

import java.nio.charset.StandardCharsets;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Body HTML reduced to a safe subset before it leaves the service: jsoup's relaxed safelist
 * (text structure, links, tables, images over http(s)) plus figure/figcaption. Everything else
 * goes: script and style elements, event-handler and style attributes, and any URL whose scheme
 * is not allowed (javascript:, data:, vbscript:). Front-end sites render this HTML as it is.
 */
public final class HtmlSanitizer {

    private static final Safelist SAFE = Safelist.relaxed()
            .addTags("figure", "figcaption", "s", "mark", "abbr", "time")
            .addAttributes("time", "datetime")
            .addAttributes("abbr", "title");
    private static final Document.OutputSettings OUTPUT = new Document.OutputSettings()
            .prettyPrint(false)
            .charset(StandardCharsets.UTF_8)
            .escapeMode(Entities.EscapeMode.base);

    private HtmlSanitizer() {
    }

    /** A sanitised body: its HTML and, from the same parse, its plain text. */
    public record Body(String html, String text) {
    }

    /**
     * Parses the body once, keeps what the safelist allows and gives its HTML and its plain text (one paragraph
     * per block element, separated by blank lines); null when nothing readable is left.
     *
     * @param baseUri the article's address: relative links are made absolute against it; without
     *                one, relative links are dropped (their target cannot be checked)
     */
    public static Body sanitize(String html, String baseUri) {
        if (html == null) {
            return null;
        }
        Document clean = new Cleaner(SAFE).clean(Jsoup.parseBodyFragment(html, baseUri == null ? "" : baseUri));
        clean.outputSettings(OUTPUT);
        Element body = clean.body();
        String out = body.html().trim();
        String text = text(body);
        boolean nothingLeft = out.isEmpty() || ((text == null || text.isBlank()) && body.selectFirst("img") == null);
        return nothingLeft ? null : new Body(out, text);
    }

    private static String text(Element body) {
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.text());
                } else if (node instanceof Element e && (e.isBlock() || e.nameIs("br"))) {
                    text.append(e.nameIs("br") ? " " : "\n\n");
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && e.isBlock()) {
                    text.append("\n\n");
                }
            }
        }, body);
        return TextNormalizer.paragraphs(text.toString());
    }

    /** HTML for a plain-text body: each paragraph a {@code <p>}, text escaped. */
    public static String fromText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder html = new StringBuilder(text.length() + text.length() / 8 + 16);
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>");
            escape(paragraph, html);
            html.append("</p>");
        }
        return html.toString();
    }

    /**
     * Text as HTML character data, escaped as jsoup's {@code Entities.escape} does ({@code & < > " '} and
     * the no-break space): an HTML body made from text is what the sanitiser would have written for it.
     */
    public static void escape(String text, StringBuilder out) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                case '\u00A0' -> out.append("&nbsp;");
                default -> out.append(c);
            }
        }
    }
}

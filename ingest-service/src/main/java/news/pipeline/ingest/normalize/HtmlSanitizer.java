package news.pipeline.ingest.normalize;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Entities;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
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

    /**
     * @param baseUri the article's address: relative links are made absolute against it; without
     *                one, relative links are dropped (their target cannot be checked)
     */
    public static String sanitize(String html, String baseUri) {
        if (html == null) {
            return null;
        }
        String clean = Jsoup.clean(html, baseUri == null ? "" : baseUri, SAFE, OUTPUT).trim();
        boolean nothingLeft = clean.isEmpty()
                || (Jsoup.parseBodyFragment(clean).body().text().isBlank() && !clean.contains("<img"));
        return nothingLeft ? null : clean;
    }

    /** Plain text of (sanitised) HTML: one paragraph per block element, separated by blank lines. */
    public static String toText(String html) {
        if (html == null) {
            return null;
        }
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
        }, Jsoup.parseBodyFragment(html).body());
        return TextNormalizer.paragraphs(text.toString());
    }

    /** HTML for a plain-text body: each paragraph a {@code <p>}, text escaped. */
    public static String fromText(String text) {
        if (text == null) {
            return null;
        }
        return Arrays.stream(text.split("\\n\\n"))
                .map(p -> "<p>" + Entities.escape(p) + "</p>")
                .collect(Collectors.joining());
    }
}

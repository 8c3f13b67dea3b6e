package news.pipeline.ingest.parse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import news.pipeline.ingest.normalize.HtmlSanitizer;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reading a namespaced DOM the way feeds write it: elements matched by local name within the namespaces given
 * ({@code null} among them matches an element in no namespace, as some feeds send), text with its whitespace
 * collapsed, blank values as null. Recursion is safe: {@link SecureXml} bounds the depth.
 */
final class Dom {

    private Dom() {
    }

    static boolean is(Node node, String localName, String... namespaces) {
        return node != null && node.getNodeType() == Node.ELEMENT_NODE && localName.equals(node.getLocalName())
                && Arrays.stream(namespaces).anyMatch(ns -> Objects.equals(ns, node.getNamespaceURI()));
    }

    static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.add((Element) n);
            }
        }
        return out;
    }

    static List<Element> children(Element parent, String localName, String... namespaces) {
        return parent == null ? List.of() : elements(parent).stream().filter(e -> is(e, localName, namespaces)).toList();
    }

    static Element child(Element parent, String localName, String... namespaces) {
        List<Element> found = children(parent, localName, namespaces);
        return found.isEmpty() ? null : found.getFirst();
    }

    static List<Element> descendants(Element parent, String localName, String... namespaces) {
        List<Element> out = new ArrayList<>();
        for (Element e : elements(parent)) {
            if (is(e, localName, namespaces)) {
                out.add(e);
            }
            out.addAll(descendants(e, localName, namespaces));
        }
        return out;
    }

    /** The first element of that local name in any namespace. */
    static Element firstDescendant(Element parent, String localName) {
        for (Element e : elements(parent)) {
            if (localName.equals(e.getLocalName())) {
                return e;
            }
            Element deeper = firstDescendant(e, localName);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    static String attr(Element element, String name) {
        if (element == null || !element.hasAttribute(name)) {
            return null;
        }
        String value = element.getAttribute(name).trim();
        return value.isEmpty() ? null : value;
    }

    static String attr(Element element, String namespace, String localName) {
        if (element == null) {
            return null;
        }
        String value = element.getAttributeNS(namespace, localName);
        return value == null || value.isBlank() ? null : value.trim();
    }

    static String text(Element element) {
        if (element == null) {
            return null;
        }
        String value = element.getTextContent().replaceAll("\\s+", " ").trim();
        return value.isEmpty() ? null : value;
    }

    /** The element's content as HTML text: XHTML children written back, text escaped. */
    static String html(Element element) {
        StringBuilder out = new StringBuilder();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            writeHtml(node, out);
        }
        String html = out.toString().strip();
        return html.isEmpty() ? null : html;
    }

    private static void writeHtml(Node node, StringBuilder out) {
        switch (node.getNodeType()) {
            case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> HtmlSanitizer.escape(node.getNodeValue(), out);
            case Node.ELEMENT_NODE -> {
                String name = node.getLocalName();
                out.append('<').append(name);
                var attributes = node.getAttributes();
                for (int i = 0; i < attributes.getLength(); i++) {
                    Node a = attributes.item(i);
                    if (!"xmlns".equals(a.getPrefix()) && !"xmlns".equals(a.getNodeName())) {
                        out.append(' ').append(a.getLocalName()).append("=\"");
                        HtmlSanitizer.escape(a.getNodeValue(), out);
                        out.append('"');
                    }
                }
                out.append('>');
                for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                    writeHtml(child, out);
                }
                out.append("</").append(name).append('>');
            }
            default -> {
                // comments and processing instructions are not content
            }
        }
    }
}

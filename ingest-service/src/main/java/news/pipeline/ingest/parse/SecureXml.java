package news.pipeline.ingest.parse;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import news.pipeline.ingest.model.InvalidArticleException;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * XML from strangers, read safely: no DOCTYPE at all (so no entity can be declared, expanded or fetched: billion
 * laughs and external entities are refused before they start), no external DTD or schema access, no XInclude, and
 * at most {@value #MAX_DEPTH} levels of nesting. Every refusal is an {@link InvalidArticleException} on
 * {@code body} (a 400), never a hang: the work is bounded by the request's size limit.
 */
public final class SecureXml {

    /** Deeper than any news document; a hostile one is refused before it can cost a recursion. */
    public static final int MAX_DEPTH = 64;

    private static final DocumentBuilderFactory FACTORY = factory();

    private SecureXml() {
    }

    public static Document parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidArticleException("body", "is empty");
        }
        Document document;
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            document = builder.parse(new InputSource(new StringReader(body)));
        } catch (SAXParseException e) {
            throw new InvalidArticleException("body", "is not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + explain(e.getMessage()));
        } catch (SAXException | IOException e) {
            throw new InvalidArticleException("body", "cannot be read as XML: " + explain(e.getMessage()));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        requireDepthAtMost(document, MAX_DEPTH);
        return document;
    }

    private static String explain(String message) {
        if (message != null && message.contains("DOCTYPE")) {
            return "a DOCTYPE is not accepted (no DTDs, no entity declarations)";
        }
        if (message != null && message.contains("maxElementDepth")) {
            return "nests elements deeper than " + MAX_DEPTH + " levels";
        }
        return message;
    }

    /** Iterative, so a deep document cannot exhaust the stack here either. */
    private static void requireDepthAtMost(Document document, int max) {
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> depths = new ArrayDeque<>();
        nodes.push(document.getDocumentElement());
        depths.push(1);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int depth = depths.pop();
            if (depth > max) {
                throw new InvalidArticleException("body", "nests elements deeper than " + max + " levels");
            }
            for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child.getNodeType() == Node.ELEMENT_NODE) {
                    nodes.push(child);
                    depths.push(depth + 1);
                }
            }
        }
    }

    private static DocumentBuilderFactory factory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            // the JDK parser stops a too-deep document while reading it, before the tree exists
            factory.setAttribute("jdk.xml.maxElementDepth", String.valueOf(MAX_DEPTH));
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the XML parser cannot be configured securely", e);
        }
    }
}

package dev.migrationreview.frontend.liquibase;

import com.ctc.wstx.api.WstxInputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import org.codehaus.stax2.XMLStreamLocation2;
import org.codehaus.stax2.XMLStreamReader2;

/**
 * Reads an XML changelog with Woodstox (the StAX parser under Jackson's XML module), which reports
 * where each element starts and ends, so every change keeps its exact lines. DTDs and external
 * entities are refused: a changelog from a pull request must not make the reviewer read files or
 * URLs.
 */
final class XmlChangelogReader {

    private static final WstxInputFactory FACTORY = createFactory();
    /**
     * Changelogs nest a handful of levels; the element tree is built and translated recursively,
     * so a document nested thousands deep is cut off here rather than overflowing the stack.
     */
    static final int MAX_DEPTH = 100;

    private XmlChangelogReader() {}

    private static WstxInputFactory createFactory() {
        var factory = new WstxInputFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        factory.setProperty(WstxInputProperties.P_MAX_ENTITY_COUNT, 1_000);
        return factory;
    }

    static ChangelogDocument read(byte[] content) {
        var comments = new ArrayList<ChangelogDocument.Comment>();
        Deque<NodeBuilder> open = new ArrayDeque<>();
        NodeBuilder root = null;
        XMLStreamReader2 reader = null;
        try {
            reader = (XMLStreamReader2) FACTORY.createXMLStreamReader(new ByteArrayInputStream(content));
            while (reader.hasNext()) {
                int event = reader.next();
                var info = reader.getLocationInfo();
                XMLStreamLocation2 start = info.getStartLocation();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= MAX_DEPTH) {
                            return broken(root, open, comments, start.getLineNumber(), "elements nested more than " + MAX_DEPTH
                                    + " levels deep");
                        }
                        NodeBuilder node = open.isEmpty()
                                ? new NodeBuilder(reader.getLocalName(), start.getLineNumber(), start.getColumnNumber())
                                : open.peek().child(reader.getLocalName(), start.getLineNumber(), start.getColumnNumber());
                        if (root == null) {
                            root = node;
                        }
                        for (int i = 0; i < reader.getAttributeCount(); i++) {
                            node.attribute(reader.getAttributeLocalName(i), reader.getAttributeValue(i), start.getLineNumber());
                        }
                        open.push(node);
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        var end = info.getEndLocation();
                        open.pop().close(end.getLineNumber(), end.getColumnNumber());
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            open.peek().appendText(reader.getText(), start.getLineNumber());
                        }
                    }
                    case XMLStreamConstants.COMMENT ->
                            comments.add(new ChangelogDocument.Comment(reader.getText(), info.getEndLocation().getLineNumber()));
                    default -> { }
                }
            }
            return new ChangelogDocument(Optional.ofNullable(root).map(NodeBuilder::build), comments, Optional.empty());
        } catch (XMLStreamException e) {
            int line = e.getLocation() == null ? lastLine(open) : Math.max(1, e.getLocation().getLineNumber());
            return broken(root, open, comments, line, message(e));
        } catch (RuntimeException e) {
            // Woodstox defers some errors (undeclared entities, bad characters in text) to unchecked exceptions.
            if (e.getCause() instanceof XMLStreamException cause) {
                int line = cause.getLocation() == null ? lastLine(open) : Math.max(1, cause.getLocation().getLineNumber());
                return broken(root, open, comments, line, message(cause));
            }
            return broken(root, open, comments, lastLine(open),
                    e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } finally {
            close(reader);
        }
    }

    private static ChangelogDocument broken(NodeBuilder root, Deque<NodeBuilder> open,
                                            List<ChangelogDocument.Comment> comments, int line, String message) {
        open.forEach(node -> node.extendTo(line, 0));
        return new ChangelogDocument(Optional.ofNullable(root).map(NodeBuilder::build), comments,
                Optional.of(new FrontendProblem(line, "Malformed XML changelog: " + message
                        + ". Elements after this point were not reviewed.")));
    }

    private static int lastLine(Deque<NodeBuilder> open) {
        return open.isEmpty() ? 1 : open.peek().endLine();
    }

    /** Woodstox prefixes messages with the location; the finding carries the line already. */
    private static String message(XMLStreamException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int at = text.indexOf("\n at [");
        String firstLine = (at >= 0 ? text.substring(0, at) : text).strip();
        return firstLine.replaceFirst("^ParseError at \\[row,col\\]:\\[\\d+,\\d+\\]\\s*Message:\\s*", "")
                .replaceFirst("\\.$", "");
    }

    private static void close(XMLStreamReader2 reader) {
        if (reader != null) {
            try {
                reader.closeCompletely();
            } catch (XMLStreamException e) {
                // Nothing left to read; the document's result is already decided.
            }
        }
    }
}

package dev.migrationreview.frontend.liquibase;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects one element while a reader streams through a changelog; children attach as they open. */
final class NodeBuilder {

    private final String name;
    private final int startLine;
    private final int startColumn;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, Integer> attributeLines = new LinkedHashMap<>();
    private final List<NodeBuilder> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private int textLine;
    private int textEndLine;
    private int endLine;
    private int endColumn;
    private boolean complete;

    NodeBuilder(String name, int startLine, int startColumn) {
        this.name = name;
        this.startLine = startLine;
        this.startColumn = startColumn;
        this.endLine = startLine;
    }

    NodeBuilder child(String childName, int line, int column) {
        var child = new NodeBuilder(childName, line, column);
        children.add(child);
        return child;
    }

    void attribute(String attribute, String value, int line) {
        attributes.put(attribute, value);
        attributeLines.put(attribute, line);
    }

    /**
     * Appends character data that starts on {@code line}. Lines taken by child elements between two
     * pieces become newlines, so every line of the joined text stays the line it has in the file.
     */
    void appendText(String piece, int line) {
        if (text.isEmpty()) {
            textLine = line;
            textEndLine = line;
        }
        for (int gap = textEndLine; gap < line; gap++) {
            text.append('\n');
        }
        text.append(piece);
        textEndLine = Math.max(line, textEndLine) + (int) piece.chars().filter(c -> c == '\n').count();
    }

    /** Moves the element's end to at least {@code line} (column 0: to the end of that line). */
    void extendTo(int line, int column) {
        if (line > endLine || (line == endLine && endColumn != 0 && (column == 0 || column > endColumn))) {
            endLine = line;
            endColumn = column;
        }
    }

    void close(int line, int column) {
        endLine = line;
        endColumn = column;
        complete = true;
    }

    int endLine() {
        return endLine;
    }

    int endColumn() {
        return endColumn;
    }

    boolean hasContent() {
        return !attributes.isEmpty() || !children.isEmpty();
    }

    ChangelogNode build() {
        return new ChangelogNode(name, attributes, attributeLines, children.stream().map(NodeBuilder::build).toList(),
                text.toString(), textLine == 0 ? startLine : textLine,
                new ChangelogNode.Span(startLine, startColumn, endLine, endColumn), complete);
    }
}

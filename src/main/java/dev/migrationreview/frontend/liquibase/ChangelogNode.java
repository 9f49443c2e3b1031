package dev.migrationreview.frontend.liquibase;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * One element of a changelog, the same shape whatever the format: an XML element, or a YAML/JSON
 * object key with its value. Scalar settings are attributes (XML attributes, YAML scalars), nested
 * elements are children in document order, and an XML element's own text is {@code text}.
 *
 * @param attributeLines the line where each attribute's value starts, for values that hold SQL
 * @param text           the element's own text (XML character data), empty when none
 * @param textLine       the line where {@code text} starts
 * @param complete       false when the file broke off inside this element (a syntax error)
 */
record ChangelogNode(
        String name,
        Map<String, String> attributes,
        Map<String, Integer> attributeLines,
        List<ChangelogNode> children,
        String text,
        int textLine,
        Span span,
        boolean complete) {

    /**
     * Where the element sits in its file: 1-based lines and columns; {@code endColumn} is exclusive,
     * 0 meaning "to the end of the line".
     */
    record Span(int startLine, int startColumn, int endLine, int endColumn) {}

    ChangelogNode {
        attributes = Map.copyOf(attributes);
        attributeLines = Map.copyOf(attributeLines);
        children = List.copyOf(children);
    }

    int startLine() {
        return span.startLine();
    }

    int endLine() {
        return span.endLine();
    }

    /** An attribute with a non-blank value. */
    Optional<String> attribute(String attribute) {
        return Optional.ofNullable(attributes.get(attribute)).map(String::strip).filter(v -> !v.isEmpty());
    }

    boolean flag(String attribute, boolean absent) {
        return attribute(attribute).map(v -> v.toLowerCase(Locale.ROOT).equals("true")).orElse(absent);
    }

    /** An attribute, or the text of a child element of that name (XML writes {@code <where>} as an element). */
    Optional<String> value(String attribute) {
        return attribute(attribute).or(() -> child(attribute).map(c -> c.text().strip()).filter(t -> !t.isEmpty()));
    }

    /** The SQL or other text an element carries: its own text, or an attribute that YAML and JSON use instead. */
    Optional<LocatedText> body(String attribute) {
        if (!text.isBlank()) {
            return Optional.of(new LocatedText(text, textLine));
        }
        return located(attribute);
    }

    /** An attribute's value with the line it starts on. */
    Optional<LocatedText> located(String attribute) {
        return attribute(attribute).map(v -> new LocatedText(attributes.get(attribute),
                attributeLines.getOrDefault(attribute, span.startLine())));
    }

    Optional<ChangelogNode> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    List<ChangelogNode> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The same tree with {@code substitution} applied to every attribute value and text (changelog properties). */
    ChangelogNode substitute(UnaryOperator<String> substitution) {
        var substituted = new LinkedHashMap<String, String>();
        attributes.forEach((k, v) -> substituted.put(k, substitution.apply(v)));
        return new ChangelogNode(name, substituted, attributeLines,
                children.stream().map(c -> c.substitute(substitution)).toList(),
                substitution.apply(text), textLine, span, complete);
    }

    /** Text and the file line its first character is on. */
    record LocatedText(String text, int firstLine) {}
}

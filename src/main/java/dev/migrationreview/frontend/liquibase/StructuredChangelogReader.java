package dev.migrationreview.frontend.liquibase;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML and JSON changelogs with Jackson's streaming parsers into the element tree XML
 * changelogs give, so one translator serves all three formats. Keys with scalar values become
 * attributes, keys with objects become child elements; the {@code changes} and {@code columns}
 * lists are unwrapped because XML writes their items directly inside the parent.
 */
final class StructuredChangelogReader {

    /** List keys whose items XML writes directly inside the parent element. */
    private static final Set<String> UNWRAPPED_LISTS = Set.of("changes", "columns");

    private static final JsonFactory YAML = YAMLFactory.builder().loaderOptions(largeDocuments()).build();
    private static final JsonFactory JSON = new JsonFactory();

    private final JsonParser parser;
    private final String[] lines;
    private final boolean json;
    private int lastLine = 1;

    private StructuredChangelogReader(JsonParser parser, String[] lines, boolean json) {
        this.parser = parser;
        this.lines = lines;
        this.json = json;
    }

    private static LoaderOptions largeDocuments() {
        var options = new LoaderOptions();
        // SnakeYAML refuses documents over 3 MB by default; generated changelogs can be larger.
        options.setCodePointLimit(64 * 1024 * 1024);
        options.setAllowDuplicateKeys(true);
        return options;
    }

    static ChangelogDocument readYaml(String text, String[] lines) {
        return read(YAML, text, lines, false, yamlComments(lines));
    }

    static ChangelogDocument readJson(String text, String[] lines) {
        return read(JSON, text, lines, true, List.of());
    }

    private static ChangelogDocument read(JsonFactory factory, String text, String[] lines, boolean json,
                                          List<ChangelogDocument.Comment> comments) {
        var document = new NodeBuilder("document", 1, 1);
        String format = json ? "JSON" : "YAML";
        try (JsonParser parser = factory.createParser(text)) {
            var reader = new StructuredChangelogReader(parser, lines, json);
            try {
                JsonToken first = parser.nextToken();
                if (first == null) {
                    return new ChangelogDocument(Optional.empty(), comments, Optional.of(
                            new FrontendProblem(1, "The " + format + " changelog is empty.")));
                }
                if (first != JsonToken.START_OBJECT) {
                    return new ChangelogDocument(Optional.empty(), comments, Optional.of(new FrontendProblem(
                            line(parser.currentTokenLocation()), "A " + format
                                    + " changelog must be a mapping with a databaseChangeLog key.")));
                }
                reader.readObjectInto(document);
                return new ChangelogDocument(root(document), comments, Optional.empty());
            } catch (JsonProcessingException e) {
                int line = e.getLocation() == null ? reader.lastLine : line(e.getLocation());
                return new ChangelogDocument(root(document), comments, Optional.of(new FrontendProblem(line,
                        "Malformed " + format + " changelog: " + e.getOriginalMessage()
                                + ". Elements after this point were not reviewed.")));
            }
        } catch (IOException e) {
            return new ChangelogDocument(Optional.empty(), comments, Optional.of(
                    new FrontendProblem(1, "Could not read the " + format + " changelog: " + e.getMessage())));
        }
    }

    private static Optional<ChangelogNode> root(NodeBuilder document) {
        return document.build().child("databaseChangeLog");
    }

    private void readObjectInto(NodeBuilder node) throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_OBJECT) {
            if (token == null) {
                return;
            }
            String key = parser.currentName();
            JsonLocation keyAt = parser.currentTokenLocation();
            lastLine = line(keyAt);
            readValueInto(node, key, keyAt);
        }
        closeAtToken(node);
    }

    private void readValueInto(NodeBuilder node, String key, JsonLocation keyAt) throws IOException {
        JsonToken value = parser.nextToken();
        if (value == JsonToken.START_OBJECT) {
            NodeBuilder child = node.child(key, line(keyAt), keyAt.getColumnNr());
            readObjectInto(child);
            node.extendTo(child.endLine(), child.endColumn());
        } else if (value == JsonToken.START_ARRAY) {
            boolean unwrap = UNWRAPPED_LISTS.contains(key);
            NodeBuilder target = unwrap ? node : node.child(key, line(keyAt), keyAt.getColumnNr());
            List<String> scalars = readArrayInto(target, !unwrap);
            if (!unwrap && !target.hasContent() && !scalars.isEmpty()) {
                node.attribute(key, String.join(",", scalars), line(keyAt));
            }
            node.extendTo(target.endLine(), target.endColumn());
        } else if (value != null && value != JsonToken.VALUE_NULL) {
            node.attribute(key, parser.getText(), scalarFirstLine());
            node.extendTo(scalarEndLine(), json ? parser.currentLocation().getColumnNr() : 0);
        }
    }

    /** Reads list items into {@code target}; returns the items that are plain values. */
    private List<String> readArrayInto(NodeBuilder target, boolean ownsTarget) throws IOException {
        var scalars = new ArrayList<String>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token == null) {
                return scalars;
            }
            switch (token) {
                case START_OBJECT -> readObjectInto(target);
                case START_ARRAY -> scalars.addAll(readArrayInto(target, false));
                case VALUE_NULL -> { }
                default -> {
                    scalars.add(parser.getText());
                    target.extendTo(scalarEndLine(), 0);
                }
            }
        }
        if (ownsTarget) {
            closeAtToken(target);
        }
        return scalars;
    }

    /** JSON's closing brackets sit where the element ends; YAML's end tokens point at the next key instead. */
    private void closeAtToken(NodeBuilder node) {
        if (json) {
            JsonLocation end = parser.currentTokenLocation();
            node.close(line(end), end.getColumnNr() + 1);
        } else {
            node.close(node.endLine(), node.endColumn());
        }
    }

    /** A YAML block scalar ({@code sql: |}) starts on the line after its indicator. */
    private int scalarFirstLine() {
        JsonLocation at = parser.currentTokenLocation();
        return isBlockScalar(at) ? line(at) + 1 : line(at);
    }

    private int scalarEndLine() throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        if (isBlockScalar(at)) {
            // The parser's end mark includes the blank lines after a block scalar; count its own lines.
            String value = parser.getText().stripTrailing();
            lastLine = line(at) + 1 + (int) value.chars().filter(c -> c == '\n').count();
        } else {
            lastLine = Math.max(line(at), line(parser.currentLocation()));
        }
        return lastLine;
    }

    private boolean isBlockScalar(JsonLocation at) {
        if (json) {
            return false;
        }
        int index = line(at) - 1;
        int column = at.getColumnNr() - 1;
        if (index < 0 || index >= lines.length || column < 0 || column >= lines[index].length()) {
            return false;
        }
        char indicator = lines[index].charAt(column);
        return indicator == '|' || indicator == '>';
    }

    private static int line(JsonLocation location) {
        return Math.max(1, location.getLineNr());
    }

    /** YAML comments are whole lines starting with {@code #}; Jackson does not report them. */
    private static List<ChangelogDocument.Comment> yamlComments(String[] lines) {
        var comments = new ArrayList<ChangelogDocument.Comment>();
        for (int i = 0; i < lines.length; i++) {
            String stripped = lines[i].strip();
            if (stripped.startsWith("#")) {
                comments.add(new ChangelogDocument.Comment(stripped.substring(1), i + 1));
            }
        }
        return comments;
    }
}

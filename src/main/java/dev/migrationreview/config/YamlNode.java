package dev.migrationreview.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML document read with Jackson's streaming parser, keeping the line and column of every key
 * and value, so that configuration errors can point at the exact place (Jackson's tree model
 * drops locations).
 */
sealed interface YamlNode permits YamlNode.Scalar, YamlNode.Mapping, YamlNode.Sequence {

    Position at();

    /**
     * A 1-based line and column in a file; the file travels with the position because a
     * configuration that {@code extends} another mixes nodes of several files.
     */
    record Position(String file, int line, int column) {
        static Position of(String file, JsonLocation location) {
            return new Position(file, Math.max(1, location.getLineNr()), Math.max(1, location.getColumnNr()));
        }
    }

    /** A scalar as written ({@code text}) and how YAML typed it (string, number, boolean, null). */
    record Scalar(String text, JsonToken token, Position at) implements YamlNode {
        boolean isNull() {
            return token == JsonToken.VALUE_NULL;
        }
    }

    record Entry(String key, Position keyAt, YamlNode value) {}

    record Mapping(List<Entry> entries, Position at) implements YamlNode {}

    record Sequence(List<YamlNode> items, Position at) implements YamlNode {}

    /** The YAML could not be read at all. */
    final class SyntaxError extends Exception {
        private final Position at;

        SyntaxError(String message, Position at) {
            super(message);
            this.at = at;
        }

        Position at() {
            return at;
        }
    }

    int MAX_DEPTH = 64;

    /** Reads one YAML document of {@code file}; empty means it holds no document (or only comments). */
    static Optional<YamlNode> read(String file, String text) throws SyntaxError {
        try (var parser = (YAMLParser) new YAMLFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            YamlNode root = readValue(file, parser, 0);
            if (parser.nextToken() != null) {
                throw new SyntaxError("a second YAML document starts here; keep every setting in one document",
                        Position.of(file, parser.currentTokenLocation()));
            }
            return Optional.of(root);
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new SyntaxError("could not read the YAML: " + e.getMessage(), new Position(file, 1, 1));
        }
    }

    private static YamlNode readValue(String file, YAMLParser parser, int depth) throws IOException, SyntaxError {
        Position at = Position.of(file, parser.currentTokenLocation());
        if (depth > MAX_DEPTH) {
            throw new SyntaxError("nested deeper than " + MAX_DEPTH + " levels", at);
        }
        if (parser.isCurrentAlias()) {
            throw new SyntaxError("YAML aliases (*" + parser.getText() + ") are not supported here; write the value out", at);
        }
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> {
                var entries = new ArrayList<Entry>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    Position keyAt = Position.of(file, parser.currentTokenLocation());
                    parser.nextToken();
                    entries.add(new Entry(key, keyAt, readValue(file, parser, depth + 1)));
                }
                yield new Mapping(entries, at);
            }
            case START_ARRAY -> {
                var items = new ArrayList<YamlNode>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(readValue(file, parser, depth + 1));
                }
                yield new Sequence(items, at);
            }
            default -> new Scalar(token == JsonToken.VALUE_NULL ? "" : parser.getText(), token, at);
        };
    }

    private static SyntaxError syntaxError(String file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
            var mark = marked.getProblemMark();
            String context = marked.getContext() == null ? "" : marked.getContext() + ": ";
            return new SyntaxError("invalid YAML, " + context + marked.getProblem(),
                    new Position(file, mark.getLine() + 1, mark.getColumn() + 1));
        }
        JsonLocation location = e.getLocation();
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return new SyntaxError("invalid YAML: " + (newline < 0 ? message : message.substring(0, newline)),
                location == null ? new Position(file, 1, 1) : Position.of(file, location));
    }

    /** How a node reads in an error message: "'abc'", "a list", "nothing". */
    static String describe(YamlNode node) {
        return switch (node) {
            case Scalar scalar when scalar.isNull() -> "nothing";
            case Scalar scalar -> "'" + scalar.text() + "'";
            case Mapping mapping -> "a mapping";
            case Sequence sequence -> "a list";
        };
    }
}

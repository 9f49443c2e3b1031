package dev.migrationreview.frontend.liquibase;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** A changelog's text split into lines the way its parser counts them, for quoting an element as written. */
final class SourceText {

    private final String text;
    private final String[] lines;
    private final boolean validUtf8;

    private SourceText(String text, boolean validUtf8) {
        this.text = text;
        this.lines = text.split("\r\n|\r|\n", -1);
        this.validUtf8 = validUtf8;
    }

    static SourceText decode(byte[] content) {
        String text;
        boolean valid = true;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            text = new String(content, StandardCharsets.UTF_8);
            valid = false;
        }
        return new SourceText(text.startsWith("\uFEFF") ? text.substring(1) : text, valid);
    }

    String text() {
        return text;
    }

    String[] lines() {
        return lines.clone();
    }

    /** The first line holding a character that is not valid UTF-8, if any. */
    Optional<Integer> firstInvalidLine() {
        if (validUtf8) {
            return Optional.empty();
        }
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].indexOf('\uFFFD') >= 0) {
                return Optional.of(i + 1);
            }
        }
        return Optional.of(1);
    }

    /**
     * The element's text as written. Continuation lines lose the element's own indentation, so a
     * nested element reads as it would on its own.
     */
    String slice(ChangelogNode.Span span) {
        int first = span.startLine() - 1;
        int last = Math.min(span.endLine() - 1, lines.length - 1);
        if (first < 0 || first >= lines.length) {
            return "";
        }
        int indent = Math.max(0, span.startColumn() - 1);
        var out = new StringBuilder();
        for (int i = first; i <= last; i++) {
            String line = lines[i];
            int from = i == first ? Math.min(indent, line.length()) : leadingWhitespaceUpTo(line, indent);
            int to = i == last && span.endColumn() > 0 ? Math.min(line.length(), span.endColumn() - 1) : line.length();
            if (i > first) {
                out.append('\n');
            }
            out.append(line, Math.min(from, to), to);
        }
        return out.toString().stripTrailing();
    }

    private static int leadingWhitespaceUpTo(String line, int limit) {
        int i = 0;
        while (i < limit && i < line.length() && Character.isWhitespace(line.charAt(i))) {
            i++;
        }
        return i;
    }
}

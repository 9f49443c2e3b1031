package dev.migrationreview.frontend.java;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits Java (or Kotlin) source into the tokens a migration reader needs: identifiers, string literals (with
 * their value, escapes and text blocks decoded), and single punctuation characters, skipping
 * comments and whitespace. Comments are kept aside for suppressions. Not a compiler: it only has
 * to know where strings and comments begin and end.
 */
final class JavaTokenizer {

    enum Kind { IDENTIFIER, STRING, PUNCTUATION, OTHER }

    /**
     * @param text      an identifier's name, a string's decoded value, or the punctuation character
     * @param line      the line the token starts on
     * @param valueLine for strings, the line the value's first character is on (a text block's starts below its quotes)
     * @param endLine   the line the token ends on
     */
    record Token(Kind kind, String text, int line, int valueLine, int endLine) {
        boolean is(String punctuation) {
            return kind == Kind.PUNCTUATION && text.equals(punctuation);
        }

        boolean isIdentifier(String name) {
            return kind == Kind.IDENTIFIER && text.equals(name);
        }
    }

    record Comment(String body, int line) {}

    record Result(List<Token> tokens, List<Comment> comments, Optional<String> problem, int problemLine) {}

    private final String source;
    private int position;
    private int line = 1;
    private final List<Token> tokens = new ArrayList<>();
    private final List<Comment> comments = new ArrayList<>();

    private JavaTokenizer(String source) {
        this.source = source;
    }

    static Result tokenize(String source) {
        var tokenizer = new JavaTokenizer(source);
        try {
            tokenizer.run();
            return new Result(tokenizer.tokens, tokenizer.comments, Optional.empty(), 0);
        } catch (Unterminated e) {
            return new Result(tokenizer.tokens, tokenizer.comments, Optional.of(e.getMessage()), e.line);
        }
    }

    /** A string or comment runs to the end of the file. */
    private static final class Unterminated extends RuntimeException {
        private final int line;

        Unterminated(String what, int line) {
            super("Unterminated " + what + " starting on line " + line);
            this.line = line;
        }
    }

    private void run() {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '\n') {
                line++;
                position++;
            } else if (Character.isWhitespace(c)) {
                position++;
            } else if (source.startsWith("//", position)) {
                int end = source.indexOf('\n', position);
                end = end < 0 ? source.length() : end;
                comments.add(new Comment(source.substring(position + 2, end), line));
                position = end;
            } else if (source.startsWith("/*", position)) {
                blockComment();
            } else if (source.startsWith("\"\"\"", position)) {
                textBlock();
            } else if (c == '"') {
                stringLiteral();
            } else if (c == '\'') {
                charLiteral();
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = position;
                while (position < source.length() && Character.isJavaIdentifierPart(source.charAt(position))) {
                    position++;
                }
                tokens.add(new Token(Kind.IDENTIFIER, source.substring(start, position), line, line, line));
            } else if (Character.isDigit(c)) {
                while (position < source.length() && (Character.isLetterOrDigit(source.charAt(position))
                        || source.charAt(position) == '.' || source.charAt(position) == '_')) {
                    position++;
                }
                tokens.add(new Token(Kind.OTHER, "0", line, line, line));
            } else {
                tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c), line, line, line));
                position++;
            }
        }
    }

    private void blockComment() {
        int startLine = line;
        int end = source.indexOf("*/", position + 2);
        if (end < 0) {
            throw new Unterminated("comment", startLine);
        }
        String body = source.substring(position + 2, end);
        line += count(body, '\n');
        comments.add(new Comment(body, line));
        position = end + 2;
    }

    private void stringLiteral() {
        int startLine = line;
        var value = new StringBuilder();
        position++;
        while (true) {
            if (position >= source.length() || source.charAt(position) == '\n') {
                throw new Unterminated("string", startLine);
            }
            char c = source.charAt(position);
            if (c == '"') {
                position++;
                break;
            }
            if (c == '\\') {
                escape(value);
            } else {
                value.append(c);
                position++;
            }
        }
        tokens.add(new Token(Kind.STRING, value.toString(), startLine, startLine, line));
    }

    /**
     * A text block: its content starts on the line after the opening quotes; incidental
     * indentation is removed as the compiler does, so each content line keeps its file line.
     */
    private void textBlock() {
        int startLine = line;
        int end = position + 3;
        while (true) {
            end = source.indexOf("\"\"\"", end);
            if (end < 0) {
                throw new Unterminated("text block", startLine);
            }
            if (!escaped(end)) {
                break;
            }
            end++;
        }
        String raw = source.substring(position + 3, end);
        line += count(raw, '\n');
        position = end + 3;
        int firstBreak = raw.indexOf('\n');
        // Java starts the content on the next line; a Kotlin raw string may start on the quotes' line.
        boolean startsBelow = firstBreak >= 0 && raw.substring(0, firstBreak).isBlank();
        String content = startsBelow ? raw.substring(firstBreak + 1) : raw;
        String value = unescape(content.stripIndent());
        tokens.add(new Token(Kind.STRING, value, startLine, startsBelow ? startLine + 1 : startLine, line));
    }

    private boolean escaped(int index) {
        int backslashes = 0;
        for (int i = index - 1; i >= 0 && source.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }

    private void charLiteral() {
        int startLine = line;
        position++;
        while (position < source.length() && source.charAt(position) != '\'') {
            if (source.charAt(position) == '\n') {
                throw new Unterminated("character literal", startLine);
            }
            position += source.charAt(position) == '\\' ? 2 : 1;
        }
        position++;
        tokens.add(new Token(Kind.OTHER, "'", startLine, startLine, startLine));
    }

    private void escape(StringBuilder value) {
        if (position + 1 >= source.length()) {
            position++;
            return;
        }
        char next = source.charAt(position + 1);
        position += 2;
        switch (next) {
            case 'n' -> value.append('\n');
            case 't' -> value.append('\t');
            case 'r' -> value.append('\r');
            case 'b' -> value.append('\b');
            case 'f' -> value.append('\f');
            case 's' -> value.append(' ');
            case '0', '1', '2', '3', '4', '5', '6', '7' -> value.append((char) (next - '0'));
            case 'u' -> {
                while (position < source.length() && source.charAt(position) == 'u') {
                    position++;
                }
                if (position + 4 <= source.length()) {
                    try {
                        value.append((char) Integer.parseInt(source.substring(position, position + 4), 16));
                        position += 4;
                    } catch (NumberFormatException e) {
                        value.append("\\u");
                    }
                }
            }
            default -> value.append(next);
        }
    }

    /** Text block escapes; a backslash at a line end joins lines, which the line mapping tolerates. */
    private static String unescape(String content) {
        if (content.indexOf('\\') < 0) {
            return content;
        }
        var tokenizer = new JavaTokenizer(content + "\"");
        var value = new StringBuilder();
        while (tokenizer.position < content.length()) {
            char c = content.charAt(tokenizer.position);
            if (c == '\\' && tokenizer.position + 1 < content.length() && content.charAt(tokenizer.position + 1) == '\n') {
                tokenizer.position += 2;
            } else if (c == '\\') {
                tokenizer.escape(value);
            } else {
                value.append(c);
                tokenizer.position++;
            }
        }
        return value.toString();
    }

    private static int count(String text, char c) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == c) {
                n++;
            }
        }
        return n;
    }
}

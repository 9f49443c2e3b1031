package dev.migrationreview.frontend.python;

import dev.migrationreview.frontend.dsl.TextScanner;
import dev.migrationreview.frontend.python.PyToken.Kind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits Python source into tokens the way CPython's tokenizer does for the parts migrations use:
 * names, numbers, every string form (single, triple-quoted, with r/b/f/u prefixes), operators,
 * comments, explicit and implicit line joining, and INDENT/DEDENT for blocks. Never throws: an
 * unterminated string becomes an ERROR token the parser reports with its line.
 */
public final class PyTokenizer extends TextScanner {

    private static final Set<String> STRING_PREFIXES = Set.of(
            "r", "u", "b", "f", "br", "rb", "fr", "rf", "t", "tr", "rt");
    private static final List<String> OPERATORS = List.of(
            "**=", "//=", ">>=", "<<=", "...", "!=", "==", "<=", ">=", "->", ":=", "**", "//", "<<", ">>",
            "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@=",
            "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]", "{", "}",
            ",", ":", ";", ".", "=", "!");

    private final List<PyToken> tokens = new ArrayList<>();
    private final List<PyComment> comments = new ArrayList<>();
    private final Deque<Integer> indents = new ArrayDeque<>();
    private int depth;

    private PyTokenizer(String src) {
        super(src);
        indents.push(0);
    }

    /** The tokens of {@code src} and, separately, its comments. */
    public static Result tokenize(String src) {
        var tokenizer = new PyTokenizer(src);
        tokenizer.run();
        return new Result(List.copyOf(tokenizer.tokens), List.copyOf(tokenizer.comments));
    }

    public record Result(List<PyToken> tokens, List<PyComment> comments) {}

    /** A {@code #} comment: its text after the hash, and whether code precedes it on its line. */
    public record PyComment(int line, String text, boolean trailing) {}

    private void run() {
        boolean lineStart = true;
        while (pos < src.length()) {
            if (lineStart && depth == 0) {
                lineStart = false;
                if (indentation()) {
                    lineStart = true;
                    continue;
                }
            }
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                comment(isTrailing());
            } else if (c == '\\' && isLineBreak(pos + 1)) {
                pos++;
                skipLineBreak();
            } else if (c == '\n' || c == '\r') {
                if (depth == 0 && !tokens.isEmpty() && last().kind() != Kind.NEWLINE) {
                    tokens.add(new PyToken(Kind.NEWLINE, "", pos, pos, line, line));
                }
                skipLineBreak();
                lineStart = depth == 0;
            } else if (Character.isLetter(c) || c == '_' || c > 127 && Character.isUnicodeIdentifierStart(c)) {
                name();
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                number();
            } else if (c == '"' || c == '\'') {
                string(pos);
            } else {
                operator();
            }
        }
        if (!tokens.isEmpty() && last().kind() != Kind.NEWLINE) {
            tokens.add(new PyToken(Kind.NEWLINE, "", pos, pos, line, line));
        }
        while (indents.size() > 1) {
            indents.pop();
            tokens.add(new PyToken(Kind.DEDENT, "", pos, pos, line, line));
        }
        tokens.add(new PyToken(Kind.END, "", pos, pos, line, line));
    }

    /** Measures a logical line's indentation; returns true when the line is blank or only a comment. */
    private boolean indentation() {
        int column = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ') {
                column++;
            } else if (c == '\t') {
                column = (column / 8 + 1) * 8;
            } else if (c == '\f') {
                column = 0;
            } else {
                break;
            }
            pos++;
        }
        if (pos >= src.length()) {
            return true;
        }
        char c = src.charAt(pos);
        if (c == '#') {
            comment(false);
            skipLineBreak();
            return true;
        }
        if (c == '\n' || c == '\r') {
            skipLineBreak();
            return true;
        }
        if (column > indents.peek()) {
            indents.push(column);
            tokens.add(new PyToken(Kind.INDENT, "", pos, pos, line, line));
        } else {
            while (column < indents.peek()) {
                indents.pop();
                tokens.add(new PyToken(Kind.DEDENT, "", pos, pos, line, line));
            }
        }
        return false;
    }

    private boolean isTrailing() {
        for (int i = pos - 1; i >= 0; i--) {
            char c = src.charAt(i);
            if (c == '\n' || c == '\r') {
                return false;
            }
            if (c != ' ' && c != '\t') {
                return true;
            }
        }
        return false;
    }

    private void comment(boolean trailing) {
        int commentLine = line;
        comments.add(new PyComment(commentLine, restOfLine().substring(1).strip(), trailing));
    }

    private void name() {
        int begin = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isLetterOrDigit(c) || c == '_' || c > 127 && Character.isUnicodeIdentifierPart(c)) {
                pos++;
            } else {
                break;
            }
        }
        String word = src.substring(begin, pos);
        if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')
                && STRING_PREFIXES.contains(word.toLowerCase(Locale.ROOT))) {
            string(begin);
            return;
        }
        tokens.add(new PyToken(Kind.NAME, word, begin, pos, line, line));
    }

    private void number() {
        int begin = pos;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            boolean exponentSign = (c == '+' || c == '-') && pos > begin
                    && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')
                    && !src.substring(begin, pos).toLowerCase(Locale.ROOT).startsWith("0x");
            if (Character.isLetterOrDigit(c) || c == '_' || c == '.' || exponentSign) {
                pos++;
            } else {
                break;
            }
        }
        tokens.add(new PyToken(Kind.NUMBER, src.substring(begin, pos), begin, pos, line, line));
    }

    /** A string literal starting at {@code begin} (its prefix, if any, already read up to pos). */
    private void string(int begin) {
        int startLine = line;
        char quote = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '\\' && pos + 1 < src.length()) {
                pos++;
                if (isLineBreak(pos)) {
                    skipLineBreak();
                } else {
                    pos++;
                }
            } else if (triple && src.startsWith(String.valueOf(quote).repeat(3), pos)) {
                pos += 3;
                tokens.add(new PyToken(Kind.STRING, src.substring(begin, pos), begin, pos, startLine, line));
                return;
            } else if (!triple && c == quote) {
                pos++;
                tokens.add(new PyToken(Kind.STRING, src.substring(begin, pos), begin, pos, startLine, line));
                return;
            } else if (!triple && (c == '\n' || c == '\r')) {
                break;
            } else if (c == '\n' || c == '\r') {
                skipLineBreak();
            } else {
                pos++;
            }
        }
        tokens.add(new PyToken(Kind.ERROR, "unterminated string", begin, pos, startLine, line));
    }

    private void operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                switch (op) {
                    case "(", "[", "{" -> depth++;
                    case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                    default -> { }
                }
                tokens.add(new PyToken(Kind.OP, op, pos, pos + op.length(), line, line));
                pos += op.length();
                return;
            }
        }
        tokens.add(new PyToken(Kind.ERROR, "unexpected character '" + src.charAt(pos) + "'", pos, pos + 1, line, line));
        pos++;
    }

    private PyToken last() {
        return tokens.get(tokens.size() - 1);
    }
}

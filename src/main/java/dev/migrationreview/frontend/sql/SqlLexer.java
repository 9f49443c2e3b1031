package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.sql.Token.Kind;

/**
 * A hand-written SQL tokenizer: one pass, no backtracking, so it is linear in the script and cannot
 * hang on unbalanced input (an unclosed string or comment becomes one {@link Kind#UNTERMINATED}
 * token running to the end). The statement delimiter is a setting because MySQL's
 * {@code DELIMITER //} and Liquibase's {@code endDelimiter} change it mid-script.
 */
final class SqlLexer {

    /** What the database's lexer treats specially; differs between PostgreSQL, MySQL and SQL Server. */
    record Syntax(boolean backslashEscapes, boolean nestedComments, boolean dollarQuotes, boolean hashComments,
                  boolean bracketIdentifiers, boolean doubleQuotedStrings) {

        static Syntax of(DatabaseKind kind) {
            return switch (kind) {
                case MYSQL, MARIADB -> new Syntax(true, false, false, true, false, true);
                case SQLSERVER -> new Syntax(false, false, false, false, true, false);
                case SQLITE -> new Syntax(false, false, false, false, true, false);
                case POSTGRESQL, COCKROACHDB -> new Syntax(false, true, true, false, false, false);
                case H2, DB2, ORACLE, UNKNOWN -> new Syntax(false, false, true, false, false, false);
            };
        }
    }

    private final String src;
    private final Syntax syntax;
    private final int length;
    private int pos;
    private int line;
    private String delimiter = ";";
    private String unterminatedReason = "";

    SqlLexer(String src, Syntax syntax, int firstLine) {
        this.src = src;
        this.syntax = syntax;
        this.length = src.length();
        this.line = firstLine;
    }

    void delimiter(String newDelimiter) {
        this.delimiter = newDelimiter;
    }

    String delimiter() {
        return delimiter;
    }

    int position() {
        return pos;
    }

    int line() {
        return line;
    }

    /** Skips to the end of the current line (the newline is left for the next token). */
    String restOfLine() {
        int from = pos;
        while (pos < length && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
            pos++;
        }
        return src.substring(from, pos);
    }

    /** The next token, or null at the end of the script. */
    Token next() {
        if (pos >= length) {
            return null;
        }
        int start = pos;
        int startLine = line;
        char c = src.charAt(pos);
        if (atDelimiter()) {
            pos += delimiter.length();
            return token(Kind.DELIMITER, start, startLine);
        }
        if (Character.isWhitespace(c) || c == '\u00A0' || c == '\uFEFF') {
            while (pos < length && (Character.isWhitespace(src.charAt(pos)) || src.charAt(pos) == '\u00A0' || src.charAt(pos) == '\uFEFF')) {
                if (src.charAt(pos) == '\n') {
                    line++;
                }
                pos++;
            }
            return token(Kind.WHITESPACE, start, startLine);
        }
        if ((c == '-' && peek(1) == '-') || (c == '#' && syntax.hashComments())) {
            while (pos < length && src.charAt(pos) != '\n' && src.charAt(pos) != '\r') {
                pos++;
            }
            return token(Kind.LINE_COMMENT, start, startLine);
        }
        if (c == '/' && peek(1) == '*') {
            return blockComment(start, startLine);
        }
        if (c == '\'') {
            return quoted('\'', syntax.backslashEscapes(), Kind.STRING, start, startLine, "string literal");
        }
        if (c == '"') {
            return syntax.doubleQuotedStrings()
                    ? quoted('"', true, Kind.STRING, start, startLine, "string literal")
                    : quoted('"', false, Kind.QUOTED_IDENTIFIER, start, startLine, "quoted identifier");
        }
        if (c == '`') {
            return quoted('`', false, Kind.QUOTED_IDENTIFIER, start, startLine, "quoted identifier");
        }
        if (c == '[' && syntax.bracketIdentifiers()) {
            return quoted(']', false, Kind.QUOTED_IDENTIFIER, start, startLine, "bracketed identifier");
        }
        if (c == '$') {
            return dollar(start, startLine);
        }
        if (isWordStart(c)) {
            return word(start, startLine);
        }
        if (isDigit(c) || (c == '.' && isDigit(peek(1)))) {
            return number(start, startLine);
        }
        pos++;
        if (c == ':' && peek(0) == ':') {
            pos++;
        }
        return token(Kind.SYMBOL, start, startLine);
    }

    private Token word(int start, int startLine) {
        char first = src.charAt(pos);
        if (peek(1) == '\'' && "eEnNxXbB".indexOf(first) >= 0) {
            pos++;
            boolean escapes = syntax.backslashEscapes() || first == 'e' || first == 'E';
            return quoted('\'', escapes, Kind.STRING, start, startLine, "string literal");
        }
        pos++;
        while (pos < length && isWordPart(src.charAt(pos)) && !atMultiCharDelimiter()) {
            pos++;
        }
        return token(Kind.WORD, start, startLine);
    }

    private Token number(int start, int startLine) {
        pos++;
        while (pos < length && !atMultiCharDelimiter()) {
            char c = src.charAt(pos);
            if (isDigit(c) || c == '.' || c == '_' || Character.isLetter(c)) {
                pos++;
            } else if ((c == '+' || c == '-') && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E')) {
                pos++;
            } else {
                break;
            }
        }
        return token(Kind.NUMBER, start, startLine);
    }

    /** A custom delimiter such as {@code $$} or {@code //} may follow a word without a space: {@code END$$}. */
    private boolean atMultiCharDelimiter() {
        return delimiter.length() > 1 && atDelimiter();
    }

    /** Word-like delimiters (Liquibase's {@code endDelimiter:GO}) match whole words only, in any case. */
    private boolean atDelimiter() {
        int n = delimiter.length();
        if (!src.regionMatches(true, pos, delimiter, 0, n)) {
            return false;
        }
        return !isWordPart(delimiter.charAt(n - 1)) || pos + n >= length || !isWordPart(src.charAt(pos + n));
    }

    private Token dollar(int start, int startLine) {
        if (peek(1) == '{') {
            int close = src.indexOf('}', pos + 2);
            int newline = src.indexOf('\n', pos + 2);
            if (close > 0 && (newline < 0 || close < newline)) {
                pos = close + 1;
                return token(Kind.PLACEHOLDER, start, startLine);
            }
        }
        if (syntax.dollarQuotes()) {
            int tagEnd = pos + 1;
            while (tagEnd < length && isTagPart(src.charAt(tagEnd), tagEnd == pos + 1)) {
                tagEnd++;
            }
            if (tagEnd < length && src.charAt(tagEnd) == '$') {
                String tag = src.substring(pos, tagEnd + 1);
                int close = src.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    return unterminated(start, startLine, "dollar-quoted string " + tag + " opened on line " + startLine
                            + " is never closed");
                }
                pos = close + tag.length();
                return tokenCountingLines(Kind.DOLLAR_STRING, start, startLine);
            }
        }
        pos++;
        while (pos < length && isDigit(src.charAt(pos))) {
            pos++;
        }
        return token(Kind.SYMBOL, start, startLine);
    }

    private Token blockComment(int start, int startLine) {
        int depth = 0;
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '/' && peek(1) == '*' && (depth == 0 || syntax.nestedComments())) {
                depth++;
                pos += 2;
            } else if (c == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return token(Kind.BLOCK_COMMENT, start, startLine);
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        return unterminatedCounted(start, startLine, "block comment opened on line " + startLine + " is never closed");
    }

    private Token quoted(char close, boolean backslashEscapes, Kind kind, int start, int startLine, String what) {
        pos++;
        while (pos < length) {
            char c = src.charAt(pos);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\') {
                if (peek(1) == '\n') {
                    line++;
                }
                pos += 2;
            } else if (c == close) {
                if (peek(1) == close && close != ']') {
                    pos += 2;
                } else {
                    pos++;
                    return token(kind, start, startLine);
                }
            } else {
                pos++;
            }
        }
        pos = Math.min(pos, length);
        return unterminatedCounted(start, startLine, what + " opened on line " + startLine + " is never closed");
    }

    /** Why the script ended inside a token; set once the lexer has returned an UNTERMINATED token. */
    String unterminatedReason() {
        return unterminatedReason;
    }

    private Token unterminated(int start, int startLine, String reason) {
        pos = length;
        unterminatedReason = reason;
        return tokenCountingLines(Kind.UNTERMINATED, start, startLine);
    }

    private Token unterminatedCounted(int start, int startLine, String reason) {
        pos = length;
        unterminatedReason = reason;
        return token(Kind.UNTERMINATED, start, startLine);
    }

    /** For tokens found by indexOf rather than scanned: counts their newlines once. */
    private Token tokenCountingLines(Kind kind, int start, int startLine) {
        for (int i = start; i < pos; i++) {
            if (src.charAt(i) == '\n') {
                line++;
            }
        }
        return token(kind, start, startLine);
    }

    private Token token(Kind kind, int start, int startLine) {
        return new Token(kind, src.substring(start, pos), start, pos, startLine, line);
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < length ? src.charAt(at) : '\0';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '@' || (c > 127 && Character.isLetter(c));
    }

    private static boolean isWordPart(char c) {
        return isWordStart(c) || isDigit(c) || c == '$';
    }

    private static boolean isTagPart(char c, boolean first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (!first && isDigit(c)) || (c > 127 && Character.isLetter(c));
    }
}

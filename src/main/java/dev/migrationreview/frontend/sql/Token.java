package dev.migrationreview.frontend.sql;

import java.util.Locale;

/**
 * One lexical unit of a SQL script with its place in the file.
 *
 * @param start   offset of the first character in the script
 * @param end     offset just past the last character
 * @param line    1-based line of the first character
 * @param endLine 1-based line of the last character
 */
public record Token(Kind kind, String text, int start, int end, int line, int endLine) {

    public enum Kind {
        WORD, QUOTED_IDENTIFIER, STRING, DOLLAR_STRING, NUMBER, PLACEHOLDER, SYMBOL, DELIMITER,
        LINE_COMMENT, BLOCK_COMMENT, WHITESPACE,
        /** A string, quoted identifier, dollar quote or comment still open at the end of the script. */
        UNTERMINATED
    }

    /** Whitespace and comments: they separate statements' text but are not part of it. */
    public boolean isTrivia() {
        return kind == Kind.WHITESPACE || kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
    }

    /** True for an unquoted word equal to {@code keyword}, ignoring case. */
    public boolean is(String keyword) {
        return kind == Kind.WORD && text.equalsIgnoreCase(keyword);
    }

    public boolean isSymbol(char symbol) {
        return kind == Kind.SYMBOL && text.length() == 1 && text.charAt(0) == symbol;
    }

    /** A name as the database would fold it: unquoted lower-cased, quoted kept exactly. */
    public boolean isName() {
        return kind == Kind.WORD || kind == Kind.QUOTED_IDENTIFIER || kind == Kind.PLACEHOLDER;
    }

    public String upper() {
        return text.toUpperCase(Locale.ROOT);
    }
}

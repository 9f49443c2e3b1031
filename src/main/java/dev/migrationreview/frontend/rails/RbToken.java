package dev.migrationreview.frontend.rails;

import java.util.List;
import java.util.Optional;

/**
 * One token of Ruby source with its offsets ({@code end} exclusive), 1-based lines and whether
 * whitespace precedes it (Ruby's grammar depends on it: {@code foo [1]} passes an array,
 * {@code foo[1]} indexes). String-like tokens carry their decoded value.
 */
record RbToken(Kind kind, String text, int start, int end, int line, int endLine, boolean spaceBefore,
               Optional<Literal> literal) {

    enum Kind {
        IDENT, CONST, IVAR, GVAR, CVAR, KEYWORD, LABEL, SYMBOL, STRING, WORDS, SYMBOLS, REGEX, NUMBER, OP,
        NEWLINE, END, ERROR
    }

    /**
     * The value of a string, symbol or word-list token.
     *
     * @param value          the text with escapes decoded; interpolations kept as written ({@code #{x}})
     * @param interpolations the source of each {@code #{...}} in order
     * @param words          the elements of a {@code %w[]} or {@code %i[]} literal
     * @param contentLine    the file line the value's first character is on (a heredoc's body starts
     *                       on the line after its opener)
     * @param lineExact      every line of the value is the same line of the file
     */
    record Literal(String value, List<String> interpolations, List<String> words, int contentLine, boolean lineExact) {
        Literal {
            interpolations = List.copyOf(interpolations);
            words = List.copyOf(words);
        }
    }

    boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    boolean isOp(String op) {
        return is(Kind.OP, op);
    }

    boolean isKeyword(String keyword) {
        return is(Kind.KEYWORD, keyword);
    }
}

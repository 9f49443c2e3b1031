package dev.migrationreview.frontend.dsl;

/**
 * Where a hand-written lexer stands in its source: the offset, the 1-based line, and the
 * line-break handling ({@code \n}, {@code \r\n}, {@code \r}) the Ruby and Python readers share.
 */
public abstract class TextScanner {

    protected final String src;
    protected int pos;
    protected int line = 1;

    protected TextScanner(String src) {
        this.src = src;
    }

    /** Whether a line break starts at {@code at}. */
    protected final boolean isLineBreak(int at) {
        return at < src.length() && (src.charAt(at) == '\n' || src.charAt(at) == '\r');
    }

    /** Steps over the line break at the current position, if there is one, and counts the line. */
    protected final void skipLineBreak() {
        if (pos < src.length() && src.charAt(pos) == '\r') {
            pos++;
            if (pos < src.length() && src.charAt(pos) == '\n') {
                pos++;
            }
            line++;
        } else if (pos < src.length() && src.charAt(pos) == '\n') {
            pos++;
            line++;
        }
    }

    /** Moves to the end of the current line (before its break) and returns what it passed over. */
    protected final String restOfLine() {
        int begin = pos;
        while (pos < src.length() && !isLineBreak(pos)) {
            pos++;
        }
        return src.substring(begin, pos);
    }
}

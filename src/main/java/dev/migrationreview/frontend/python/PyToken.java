package dev.migrationreview.frontend.python;

/**
 * One token of Python source with its character offsets ({@code end} exclusive) and 1-based lines.
 * NEWLINE, INDENT and DEDENT carry the block structure as Python's own tokenizer does; lines
 * inside brackets are joined, so a call spread over twenty lines yields no NEWLINE.
 */
public record PyToken(Kind kind, String text, int start, int end, int line, int endLine) {

    public enum Kind { NAME, NUMBER, STRING, OP, NEWLINE, INDENT, DEDENT, END, ERROR }

    public boolean is(Kind k, String t) {
        return kind == k && text.equals(t);
    }

    public boolean isOp(String op) {
        return is(Kind.OP, op);
    }

    public boolean isName(String name) {
        return is(Kind.NAME, name);
    }
}

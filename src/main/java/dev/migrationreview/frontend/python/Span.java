package dev.migrationreview.frontend.python;

/** Where a node sits in its source: character offsets ({@code end} exclusive) and 1-based lines. */
public record Span(int start, int end, int line, int endLine) {

    public static Span of(PyToken first, PyToken last) {
        return new Span(first.start(), last.end(), first.line(), last.endLine());
    }

    public Span to(Span other) {
        return new Span(start, other.end, line, other.endLine);
    }
}

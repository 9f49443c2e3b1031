package dev.migrationreview.frontend.dsl;

/**
 * Where a node of a Ruby or Python migration sits in its source: character offsets ({@code end}
 * exclusive) and 1-based lines.
 */
public record Span(int start, int end, int line, int endLine) {

    public Span to(Span other) {
        return new Span(start, other.end, line, other.endLine);
    }
}

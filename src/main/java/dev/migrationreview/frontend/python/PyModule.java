package dev.migrationreview.frontend.python;

import dev.migrationreview.frontend.dsl.Span;
import dev.migrationreview.frontend.python.PyTokenizer.PyComment;
import java.util.List;

/** A parsed Python file: its statements, its comments, and the source both point into. */
public record PyModule(String source, List<PyStmt> body, List<PyComment> comments) {

    public PyModule {
        body = List.copyOf(body);
        comments = List.copyOf(comments);
    }

    public static PyModule parse(String source) {
        return PyParser.parse(source);
    }

    public String text(Span span) {
        return source.substring(span.start(), Math.min(span.end(), source.length()));
    }
}

package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.frontend.ParsedMigration.FrontendProblem;
import java.util.List;
import java.util.Optional;

/**
 * A changelog as read: its root element (empty when nothing could be read), its comments (for
 * suppressions), and the syntax error that cut reading short, if any. A broken file keeps every
 * element read before the error.
 */
record ChangelogDocument(Optional<ChangelogNode> root, List<Comment> comments, Optional<FrontendProblem> problem) {

    ChangelogDocument {
        comments = List.copyOf(comments);
    }

    /** A comment's text and the line it ends on. */
    record Comment(String body, int line) {}
}

package dev.migrationreview.frontend;

import dev.migrationreview.discovery.MigrationFile;
import java.util.List;

/**
 * A migration file translated into statements and operations.
 *
 * @param transactional whether the runner wraps the forward statements in one transaction, after
 *                      the file's own markers (goose NO TRANSACTION, disable_ddl_transaction!, atomic = False)
 * @param problems      what the frontend could not read as a whole (binary content, bad encoding,
 *                      a malformed changelog), each reported as a finding on its line
 */
public record ParsedMigration(
        MigrationFile file,
        List<Statement> statements,
        List<Suppression> suppressions,
        boolean transactional,
        List<FrontendProblem> problems) {

    public ParsedMigration {
        statements = List.copyOf(statements);
        suppressions = List.copyOf(suppressions);
        problems = List.copyOf(problems);
    }

    public List<Statement> forward() {
        return statements.stream().filter(s -> s.section() == Statement.Section.UP).toList();
    }

    public List<Statement> rollback() {
        return statements.stream().filter(s -> s.section() == Statement.Section.DOWN).toList();
    }

    /** A problem with the file as a whole or a region of it. */
    public record FrontendProblem(int line, String message) {}
}

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
 * @param rollbacks     how each unit the framework applies and undoes as a whole (a Liquibase
 *                      changeSet) is rolled back; empty when the file itself is the only unit, whose
 *                      rollback is its DOWN statements or {@link MigrationFile#rollback()}
 * @param notes         remarks for the report that are not findings: parts deliberately not reviewed
 *                      (a change for another database), preconditions that may skip a change
 */
public record ParsedMigration(
        MigrationFile file,
        List<Statement> statements,
        List<Suppression> suppressions,
        boolean transactional,
        List<FrontendProblem> problems,
        List<Rollback> rollbacks,
        List<Note> notes) {

    public ParsedMigration {
        statements = List.copyOf(statements);
        suppressions = List.copyOf(suppressions);
        problems = List.copyOf(problems);
        rollbacks = List.copyOf(rollbacks);
        notes = List.copyOf(notes);
    }

    /** For frontends whose file is its own single unit of rollback and that have nothing to note. */
    public ParsedMigration(MigrationFile file, List<Statement> statements, List<Suppression> suppressions,
                           boolean transactional, List<FrontendProblem> problems) {
        this(file, statements, suppressions, transactional, problems, List.of(), List.of());
    }

    public List<Statement> forward() {
        return statements.stream().filter(s -> s.section() == Statement.Section.UP).toList();
    }

    public List<Statement> rollback() {
        return statements.stream().filter(s -> s.section() == Statement.Section.DOWN).toList();
    }

    /** A problem with the file as a whole or a region of it. */
    public record FrontendProblem(int line, String message) {}

    /** A remark on a line, shown in the report beside the findings. */
    public record Note(int line, String message) {}

    /**
     * How one unit of a migration is undone.
     *
     * @param unit   names the unit for the report, e.g. {@code changeSet 3 by alice}
     * @param detail what the rollback does, or why there is none
     */
    public record Rollback(String unit, int startLine, int endLine, Kind kind, String detail) {

        public enum Kind {
            /** Written by the author: a rollback block, down file, downgrade function, reverse operation. */
            EXPLICIT,
            /** Derived by the framework from reversible changes (Liquibase createTable, Rails change). */
            AUTOMATIC,
            /** Not written, and the framework cannot derive one. */
            MISSING
        }

        public boolean known() {
            return kind != Kind.MISSING;
        }
    }
}

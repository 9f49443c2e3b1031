package dev.migrationreview.frontend;

import dev.migrationreview.operation.Operation;
import java.util.List;

/**
 * One statement of a migration (a SQL statement, a Liquibase change, a Rails call) with the exact
 * 1-based line range it occupies in its file and the operations it performs.
 *
 * @param text       the statement as written (SQL, or the DSL call for framework files)
 * @param parsedBy   which parser understood it; {@link ParsedBy#NONE} means its operations are a
 *                   single {@link Operation.Unparsed}
 * @param section    UP for forward statements, DOWN for the rollback section of a file that holds both
 */
public record Statement(
        String text,
        int startLine,
        int endLine,
        List<Operation> operations,
        ParsedBy parsedBy,
        Section section) {

    public enum ParsedBy { JSQLPARSER, FALLBACK, FRAMEWORK, NONE }

    public enum Section { UP, DOWN }

    public Statement {
        operations = List.copyOf(operations);
    }

    public boolean isUnparsed() {
        return parsedBy == ParsedBy.NONE;
    }
}

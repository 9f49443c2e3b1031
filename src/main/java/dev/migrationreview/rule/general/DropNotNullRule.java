package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** Dropping NOT NULL lets NULLs reach code that assumes a value. */
public final class DropNotNullRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "drop-not-null",
            "Dropping NOT NULL lets NULLs reach code that assumes a value",
            Severity.NOTICE, Set.of(), "every database and version",
            "ACCESS EXCLUSIVE on the table, briefly (PostgreSQL: metadata only, no scan or rewrite)",
            "The database change is cheap, but once new code writes NULL, instances still running old code, "
                    + "reports and other services that read the column assuming a value break (null pointer "
                    + "errors, wrong aggregates, failed exports). The change is also hard to undo: SET NOT NULL "
                    + "later fails once NULLs exist.",
            "Ship code that handles NULL in every reader first, then drop the constraint; if a value is merely "
                    + "optional for new rows, a DEFAULT may serve better than NULL.",
            "ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;",
            "ALTER TABLE users ALTER COLUMN phone SET DEFAULT '';");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.DropNotNull drop) || site.context().isNewTable(drop.table())) {
            return;
        }
        String lockNote = site.context().dialect().isPostgres()
                ? " In PostgreSQL the change itself is metadata-only (a brief ACCESS EXCLUSIVE lock, no scan)."
                : "";
        out.report(site.statement(),
                "Dropping NOT NULL on " + drop.table() + "." + drop.column() + " lets new code write NULL while "
                        + "old instances, reports and other services still assume a value. Make every reader "
                        + "handle NULL before this migration runs." + lockNote);
    }
}

package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** Dropping a column the running application may still read or write. */
public final class DropColumnRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "drop-column",
            "Dropping a column breaks application code that still reads or writes it",
            Severity.WARNING, Set.of(), "every database and version",
            "ACCESS EXCLUSIVE on the table, briefly (PostgreSQL, no rewrite); MySQL rebuilds the table in place "
                    + "before 8.0.29 (writes continue) and drops it instantly from 8.0.29",
            "The running application does not know the column is going: queries that name it fail, and ORMs "
                    + "that cache the column list (Rails, Hibernate, Ecto) fail on every insert and select of the "
                    + "table until each instance restarts with new code. The data is gone; only a backup brings it back.",
            "Two deploys: first ship code that no longer uses the column (Rails: self.ignored_columns += "
                    + "[\"name\"]; Django: remove the field with SeparateDatabaseAndState; JPA: remove the "
                    + "field), and only then drop the column in a later migration; say so in a suppression comment "
                    + "(-- migration-review:ignore drop-column ignored since release 42).",
            "ALTER TABLE users DROP COLUMN legacy_email;",
            "-- deploy 1 ships no migration: the application ignores the column\n"
                    + "-- (Rails: self.ignored_columns += [\"legacy_email\"])\n"
                    + "-- deploy 2, in a later change: ALTER TABLE users DROP COLUMN legacy_email;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.DropColumn drop) || site.context().isNewTable(drop.table())
                || site.context().isNewColumn(drop.table(), drop.column())) {
            return;
        }
        var dialect = site.context().dialect();
        out.report(site.statement(),
                "Dropping column " + drop.table() + "." + drop.column() + " breaks the running application if any "
                        + "code still reads or writes it; ORMs that cache columns fail on every query of "
                        + drop.table() + ". First deploy code that ignores the column (Rails: self.ignored_columns "
                        + "+= [\"" + drop.column() + "\"]), then drop it in a later migration:",
                new Fix("-- deploy 1: the application stops using " + drop.column() + " (no migration)\n"
                        + "-- deploy 2, once every instance runs that code:\n"
                        + "ALTER TABLE " + SqlText.table(drop.table(), dialect) + " DROP COLUMN "
                        + SqlText.identifier(drop.column(), dialect) + ";", false));
    }
}

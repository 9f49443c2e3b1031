package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** Renaming a column of an existing table breaks every running instance of the application that still uses the old name. */
public final class RenameColumnRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "rename-column",
            "Renaming a column breaks the application code that is still running",
            Severity.ERROR, Set.of(), "every database and version",
            "ACCESS EXCLUSIVE on the table, briefly (PostgreSQL); an exclusive metadata lock, briefly (MySQL)",
            "The rename itself is quick, but deploys are not atomic: while the migration runs and until every "
                    + "instance runs the new code, the old code still reads and writes the old name and fails with "
                    + "\"column does not exist\". ORMs that cache the column list (Rails, Hibernate) fail even on "
                    + "queries that never name the column.",
            "Expand and contract: add the new column, deploy code that writes both and backfill it in batches, "
                    + "move reads to the new column, then drop the old one in a later migration. Or keep the "
                    + "database name and map it in the ORM (Rails alias_attribute, Django db_column, JPA @Column).",
            "ALTER TABLE users RENAME COLUMN email TO email_address;",
            "-- deploy 1: add the new column; the application writes both, a batched job copies old rows\n"
                    + "ALTER TABLE users ADD COLUMN email_address text;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.RenameColumn rename) || site.context().isNewTable(rename.table())
                || site.context().isNewColumn(rename.table(), rename.column())) {
            return;
        }
        var dialect = site.context().dialect();
        String table = SqlText.table(rename.table(), dialect);
        String oldName = SqlText.identifier(rename.column(), dialect);
        String newName = SqlText.identifier(rename.newName(), dialect);
        out.report(site.statement(),
                "Renaming column " + rename.table() + "." + rename.column() + " to " + rename.newName()
                        + " breaks the running application: until every instance runs new code, its queries "
                        + "naming " + rename.column() + " fail. Rename in steps (expand and contract):",
                new Fix("-- 1. this migration: add the new column (same type as " + rename.column() + ")\n"
                        + "ALTER TABLE " + table + " ADD COLUMN " + newName + " <type of " + oldName + ">;\n"
                        + "-- 2. deploy code that writes both columns; backfill " + newName + " in batches; move reads to it\n"
                        + "-- 3. a later migration, once no code uses " + oldName + ":\n"
                        + "ALTER TABLE " + table + " DROP COLUMN " + oldName + ";", false));
    }
}

package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Locale;
import java.util.Set;

/**
 * Renaming an existing table breaks the running application. Not flagged when the same migration
 * creates a view under the old name, which keeps old queries working (the fix this rule suggests).
 */
public final class RenameTableRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "rename-table",
            "Renaming a table breaks the application code that is still running",
            Severity.ERROR, Set.of(), "every database and version",
            "ACCESS EXCLUSIVE on the table, briefly (PostgreSQL); an exclusive metadata lock, briefly (MySQL)",
            "Until every instance runs code that uses the new name, the running application's queries on the "
                    + "old name fail with \"relation does not exist\" (\"Table doesn't exist\" in MySQL): every "
                    + "read and write of that table errors during the deploy.",
            "Rename the table and, in the same transaction, create a view with the old name over it: simple "
                    + "views are updatable in PostgreSQL and MySQL, so old code keeps reading and writing. Drop "
                    + "the view in a later migration, once no code uses the old name.",
            "ALTER TABLE orders RENAME TO purchases;",
            "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM purchases;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.RenameTable rename) || site.context().isNewTable(rename.table())
                || viewKeepsOldName(site, rename.table())) {
            return;
        }
        var dialect = site.context().dialect();
        var renamed = new TableRef(rename.table().schema(), rename.newName());
        String oldName = SqlText.table(rename.table(), dialect);
        String newName = SqlText.table(renamed, dialect);
        String renameSql = dialect.isMysqlFamily()
                ? "RENAME TABLE " + oldName + " TO " + newName + ";"
                : "ALTER TABLE " + oldName + " RENAME TO " + SqlText.identifier(rename.newName(), dialect) + ";";
        out.report(site.statement(),
                "Renaming table " + rename.table() + " to " + rename.newName() + " breaks the running application: "
                        + "until every instance runs new code, its queries on " + rename.table() + " fail. Keep the "
                        + "old name working with a view, and drop the view in a later migration:",
                SqlText.replacement(site, renameSql + "\nCREATE VIEW " + oldName + " AS SELECT * FROM " + newName + ";"));
    }

    private static boolean viewKeepsOldName(OperationSite site, TableRef oldName) {
        return MigrationOperations.anyLaterInMigration(site, o -> o instanceof Operation.OtherDdl ddl
                && ddl.kind().toUpperCase(Locale.ROOT).contains("VIEW") && ddl.kind().toUpperCase(Locale.ROOT).startsWith("CREATE")
                && ddl.target().map(t -> t.unqualified().equals(oldName.unqualified())).orElse(false));
    }
}

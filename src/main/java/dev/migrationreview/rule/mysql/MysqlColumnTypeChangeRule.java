package dev.migrationreview.rule.mysql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.rule.general.MigrationOperations;
import dev.migrationreview.rule.general.ScopedRule;
import dev.migrationreview.rule.general.SqlText;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * MODIFY / CHANGE COLUMN on an existing MySQL table without demanding an online change. Whether
 * MySQL can do it in place depends on the column's current definition, which a migration does not
 * show, so the rule asks for ALGORITHM=INPLACE, LOCK=NONE: MySQL then refuses instead of copying.
 */
public final class MysqlColumnTypeChangeRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "mysql-column-type-change",
            "Changing a column's type copies the table and blocks writes",
            Severity.ERROR, Set.of(DatabaseKind.MYSQL, DatabaseKind.MARIADB),
            "MySQL 5.6+ and MariaDB 10.0+ (every version copies for a type change)",
            "ALGORITHM=COPY with LOCK=SHARED: reads continue, writes wait for the whole copy",
            "MySQL cannot change a column's data type in place: it creates a copy of the table with the new "
                    + "definition, copies every row, and blocks INSERT, UPDATE and DELETE until done, which takes "
                    + "minutes to hours on a large table, and replicas lag by as long. MODIFY and CHANGE restate "
                    + "the whole column, so a migration that means to change only the default or nullability can "
                    + "still change the type by accident (a different length, charset or signedness).",
            "Write ALGORITHM=INPLACE, LOCK=NONE on the statement: changes MySQL can make online (widening a "
                    + "VARCHAR within the same length prefix, default, nullability, ENUM values added at the end) "
                    + "still run, and anything else fails at once instead of blocking writes. Run real type "
                    + "changes on large tables with gh-ost or pt-online-schema-change.",
            "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;",
            "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AlterColumnType alter)
                || site.context().isNewTable(alter.table()) || !MigrationOperations.firstOfItsKindInStatement(site)) {
            return;
        }
        var options = AlterOptions.of(site);
        // An explicit ALGORITHM=COPY is mysql-copy-algorithm's finding.
        if (options.demandsOnline() || options.algorithmIs("COPY")) {
            return;
        }
        var dialect = site.context().dialect();
        var changes = MigrationOperations.inStatement(site, Operation.AlterColumnType.class);
        String columns = changes.stream().map(c -> alter.table() + "." + c.column() + " (to " + SqlText.type(c.newType(), dialect) + ")")
                .collect(Collectors.joining(", "));
        String fallback = "ALTER TABLE " + SqlText.table(alter.table(), dialect) + " " + changes.stream()
                .map(c -> "MODIFY COLUMN " + SqlText.column(c.mysqlDefinition().orElse(ColumnDef.simple(c.column(), c.newType())), dialect))
                .collect(Collectors.joining(", ")) + ", ALGORITHM=INPLACE, LOCK=NONE;";
        out.report(site.statement(),
                "Changing " + columns + ": unless this only widens a VARCHAR within its length prefix or changes the "
                        + "default, nullability or trailing ENUM values, MySQL copies " + alter.table() + " row by row "
                        + "(ALGORITHM=COPY) and blocks writes until it is done. Demand an online change, so MySQL "
                        + "refuses instead of blocking; if it refuses, run the change with gh-ost or "
                        + "pt-online-schema-change:",
                SqlText.editStatement(site, sql -> AlterOptions.demandOnline(sql, ", "), fallback));
    }
}

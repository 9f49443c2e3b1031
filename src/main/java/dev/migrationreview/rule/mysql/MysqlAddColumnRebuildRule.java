package dev.migrationreview.rule.mysql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.rule.general.MigrationOperations;
import dev.migrationreview.rule.general.ScopedRule;
import dev.migrationreview.rule.general.SqlText;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * ADD COLUMN on MySQL 5.6/5.7, which rebuilds the table (MySQL 8.0.12+ adds columns instantly).
 * Columns that block writes outright (STORED, AUTO_INCREMENT) are mysql-copy-algorithm's.
 */
public final class MysqlAddColumnRebuildRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "mysql-add-column-rebuild",
            "Adding a column rebuilds the whole table before MySQL 8.0",
            Severity.NOTICE, Set.of(DatabaseKind.MYSQL),
            "MySQL 5.6 and 5.7; MySQL 8.0.12+ adds a column instantly (as the last column; anywhere from 8.0.29)",
            "ALGORITHM=INPLACE with LOCK=NONE: writes continue, with an exclusive metadata lock at the start and end",
            "Before 8.0, InnoDB adds a column by rebuilding the table: writes continue, but the rebuild takes as "
                    + "long as copying the table and needs as much free disk, the writes made meanwhile must fit "
                    + "in innodb_online_alter_log_max_size or the ALTER fails at the end, replicas apply the ALTER "
                    + "only after the primary finished (lagging by as long), and the exclusive metadata lock at "
                    + "the end waits behind every long transaction while blocking all queries queued behind it.",
            "For a large table, add the column with gh-ost or pt-online-schema-change (chunked copy, throttled "
                    + "for replicas); or upgrade to MySQL 8.0, where ADD COLUMN is instant.",
            "ALTER TABLE orders ADD COLUMN gift_note VARCHAR(255);",
            "-- run outside the migration on a large table:\n"
                    + "-- pt-online-schema-change --alter \"ADD COLUMN gift_note VARCHAR(255)\" D=shop,t=orders --execute");

    private static final int FIRST_INSTANT_ADD_COLUMN_MAJOR = 8;

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        if (site.context().dialect().majorVersion() >= FIRST_INSTANT_ADD_COLUMN_MAJOR
                || !(site.operation() instanceof Operation.AddColumn add) || site.context().isNewTable(add.table())
                || !MigrationOperations.firstOfItsKindInStatement(site)) {
            return;
        }
        var added = MigrationOperations.inStatement(site, Operation.AddColumn.class).stream()
                .filter(a -> a.column().generated().filter(g -> g == ColumnDef.Generated.STORED
                        || g == ColumnDef.Generated.AUTO_INCREMENT).isEmpty())
                .toList();
        if (added.isEmpty() || AlterOptions.of(site).algorithmIs("COPY")) {
            return;
        }
        var dialect = site.context().dialect();
        String columns = added.stream().map(a -> a.column().name()).collect(Collectors.joining(", "));
        String clauses = added.stream().map(a -> "ADD COLUMN " + SqlText.column(a.column(), dialect))
                .collect(Collectors.joining(", "));
        out.report(site.statement(), "On " + dialect.label() + ", adding " + columns + " rebuilds " + add.table()
                        + ": writes continue, but it takes as long as copying the table, replicas lag by as long, and "
                        + "the metadata lock at the end waits behind long transactions. MySQL 8.0.12+ adds columns "
                        + "instantly. On a large table use pt-online-schema-change (or gh-ost):",
                new Fix(OnlineSchemaChange.command(site, add.table(), clauses), false));
    }
}

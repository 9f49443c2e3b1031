package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/**
 * UPDATE or DELETE of every row of an existing table in one statement. Applies to MySQL as well:
 * one statement over every row is one long transaction holding every row's lock there too.
 */
public final class UnbatchedBackfill implements Rule {

    private static final RuleDoc DOC = new RuleDoc(
            "unbatched-backfill",
            "UPDATE or DELETE of a whole existing table in one statement",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL, DatabaseKind.MYSQL, DatabaseKind.MARIADB),
            "PostgreSQL, MySQL and MariaDB, every version",
            "ROW EXCLUSIVE on the table and a row lock on every row it changes, until commit",
            "A statement without WHERE changes every row in one transaction: each row stays locked until it "
                    + "commits, so application writes to any of them wait; it writes every row again (PostgreSQL "
                    + "leaves a dead copy of each, MySQL fills its undo log), floods the WAL or binlog and the "
                    + "replicas fall behind; and it runs for as long as the table is big, at deploy time.",
            "Change the rows in batches of a few thousand, selected by primary key, committing after each batch "
                    + "(a loop in a background job or a migration that runs outside a transaction), so each batch "
                    + "locks few rows for a moment.",
            "UPDATE users SET plan = 'free';",
            "-- repeat until no row changes, committing after each batch:\n"
                    + "UPDATE users SET plan = 'free' WHERE id IN (SELECT id FROM users WHERE plan IS NULL LIMIT 10000);");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        Dialect dialect = site.context().dialect();
        if (!dialect.isPostgres() && !dialect.isMysqlFamily()) {
            return;
        }
        Backfills.backfill(site).filter(change -> !change.hasWhere() && !change.hasLimitOrBatch()).ifPresent(change -> {
            String verb = change.kind().name();
            String what = change.kind() == Operation.DataChange.Kind.DELETE ? "deletes" : "changes";
            out.report(site.statement(), verb + " without WHERE " + what + " every row of " + change.table() + " in one "
                            + "transaction: each row stays locked until it commits, so application writes to them wait, and "
                            + "the whole table is written again at once ("
                            + (dialect.isPostgres() ? "dead rows, WAL" : "undo log, binlog") + " and replica lag). Do it in "
                            + "batches of a few thousand rows by primary key, committing between batches.",
                    new Fix(Backfills.batched(site, change), false));
        });
    }
}

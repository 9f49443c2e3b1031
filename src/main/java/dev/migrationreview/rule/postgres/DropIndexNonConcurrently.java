package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** DROP INDEX of an index that predates the change, without CONCURRENTLY. */
public final class DropIndexNonConcurrently extends PostgresRule {

    private static final Pattern DROP_INDEX = Pattern.compile("(?i)\\bDROP\\s+INDEX\\b");

    private static final RuleDoc DOC = new RuleDoc(
            "drop-index-non-concurrently",
            "DROP INDEX without CONCURRENTLY locks the index's table against reads and writes",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the index's table",
            "DROP INDEX takes an ACCESS EXCLUSIVE lock on the table. The drop itself is instant, but the lock "
                    + "must wait for every running query on the table to finish, and while it waits every new "
                    + "query on the table, reads included, queues behind it.",
            "Use DROP INDEX CONCURRENTLY, which waits for running queries without blocking new ones. It drops "
                    + "one index per statement, takes no CASCADE and cannot run inside a transaction block: give "
                    + "it a migration of its own that runs without one.",
            "DROP INDEX idx_users_email;",
            "DROP INDEX CONCURRENTLY idx_users_email;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.DropIndex drop) || drop.concurrently()) {
            return;
        }
        var history = ChangeHistory.before(site);
        List<String> existingIndexes = drop.names().stream().filter(n -> !history.isNewIndex(n)).toList();
        if (existingIndexes.isEmpty() || drop.table().filter(t -> !existing(site, t)).isPresent()) {
            return;
        }
        String table = Locks.of(site).locks().stream().map(TableLock::describedAs).distinct().collect(Collectors.joining(", "));
        String message = "Dropping " + String.join(", ", existingIndexes) + " without CONCURRENTLY takes ACCESS EXCLUSIVE on "
                + table + ": it waits for running queries, and every read and write queued behind it waits too. "
                + "Use DROP INDEX CONCURRENTLY"
                + (drop.cascade() ? ", after dropping what depends on the index (CONCURRENTLY takes no CASCADE)" : "")
                + (site.context().inTransaction() ? ", outside a transaction: " + OutsideTransaction.howTo(site) : ".");
        out.report(site.statement(), message, fix(site, drop));
    }

    private static Fix fix(OperationSite site, Operation.DropIndex drop) {
        String ifExists = drop.ifExists() ? "IF EXISTS " : "";
        String perIndex = drop.names().stream()
                .map(n -> "DROP INDEX CONCURRENTLY " + ifExists + n + ";")
                .collect(Collectors.joining("\n"));
        if (drop.names().size() > 1 || drop.cascade()) {
            // CONCURRENTLY drops one index per statement and refuses CASCADE: the statement must be rewritten.
            return site.context().inTransaction() ? new Fix(OutsideTransaction.example(site, perIndex), false)
                    : new Fix(perIndex, false);
        }
        return OutsideTransaction.concurrently(site, SqlText.insertAfter(DROP_INDEX, " CONCURRENTLY"), perIndex);
    }
}

package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.MigrationSite;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One transaction that keeps an ACCESS EXCLUSIVE lock on an existing table while later statements
 * lock another table or do table-sized work: locks are released only at commit, so the first
 * table stays blocked for all of it. Reported once per transaction.
 */
public final class ManyStatementsUnderAccessExclusive extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "many-statements-under-access-exclusive",
            "A transaction keeps an ACCESS EXCLUSIVE lock while it locks more tables or does slow work",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on an existing table, held until the transaction commits",
            "Locks are held until the transaction ends. Once a statement has taken ACCESS EXCLUSIVE on a table, "
                    + "no query can read or write that table until COMMIT, so every later statement of the "
                    + "transaction extends the outage: an index build, a scan or a rewrite runs while the first "
                    + "table is blocked, and locking a second table means waiting for its running queries while "
                    + "the queue on the first grows (two such migrations can also deadlock). Backfills and "
                    + "VALIDATE after NOT VALID are left to ddl-and-backfill-together and validate-in-same-transaction.",
            "Give each table its own short transaction (its own migration, or COMMIT between the statements), and "
                    + "run slow work (index builds, validations) in transactions that hold no ACCESS EXCLUSIVE lock. "
                    + "Taking locks on several tables in one transaction is tolerable only with a short lock_timeout.",
            "BEGIN;\nALTER TABLE users ADD COLUMN plan text;\nCREATE INDEX idx_orders_user ON orders (user_id);\nCOMMIT;",
            "ALTER TABLE users ADD COLUMN plan text;\n-- separate migration, without a transaction:\n"
                    + "CREATE INDEX CONCURRENTLY idx_orders_user ON orders (user_id);");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    /** An ACCESS EXCLUSIVE lock taken earlier in the current transaction, and the statement that took it. */
    private record Held(TableLock lock, Statement statement) {}

    /** What a later statement adds to the outage of a table held since an earlier one. */
    private record Problem(Held held, String what) {}

    @Override
    void checkPostgresMigration(MigrationSite migration, FindingSink out) {
        Map<String, Held> held = new LinkedHashMap<>();
        boolean reported = false;
        for (OperationSite site : migration.operations()) {
            if (site.operation() instanceof Operation.Transaction || !site.context().inTransaction()) {
                held.clear();
                reported = false;
                continue;
            }
            LockEffect effect = Locks.of(site);
            List<TableLock> existingLocks = effect.onExistingTables(site.context());
            // Once reported, the transaction is not looked at again: listing what it holds for every
            // later statement made a transaction over thousands of tables quadratic.
            if (!reported) {
                List<Held> earlier = held.values().stream().filter(h -> h.statement() != site.statement()).toList();
                Optional<Problem> problem = earlier.isEmpty() ? Optional.empty() : problem(site, effect, existingLocks, earlier);
                if (problem.isPresent()) {
                    report(site, problem.get(), out);
                    reported = true;
                }
            }
            existingLocks.stream().filter(l -> l.level() == LockLevel.ACCESS_EXCLUSIVE)
                    .forEach(l -> held.putIfAbsent(l.describedAs(), new Held(l, site.statement())));
        }
    }

    /**
     * Slow work on another table, or on the held table under a lock weaker than the one held
     * (an index build that alone would let reads through); or, without lock_timeout, a wait for a
     * blocking lock on another table. Slow work under its own ACCESS EXCLUSIVE on the held table
     * is that statement's own rule's finding: the earlier lock adds nothing to it.
     */
    private static Optional<Problem> problem(OperationSite site, LockEffect effect, List<TableLock> existingLocks, List<Held> earlier) {
        boolean leftToOtherRules = site.operation() instanceof Operation.DataChange
                || (site.operation() instanceof Operation.ValidateConstraint v
                && ChangeHistory.inTransaction(site).notValidConstraint(v.table(), v.constraint()).isPresent());
        if (effect.work().isSlow() && !leftToOtherRules) {
            for (Held h : earlier) {
                for (TableLock lock : existingLocks) {
                    if (!lock.describedAs().equals(h.lock().describedAs()) || lock.level() != LockLevel.ACCESS_EXCLUSIVE) {
                        return Optional.of(new Problem(h, "this statement then does " + effect.work().description() + " on "
                                + lock.describedAs()));
                    }
                }
            }
        }
        if (site.context().lockTimeoutSet()) {
            return Optional.empty();
        }
        for (TableLock lock : existingLocks) {
            if (lock.level().blocksWrites() && earlier.stream().noneMatch(h -> h.lock().describedAs().equals(lock.describedAs()))) {
                return Optional.of(new Problem(earlier.getFirst(), "this statement then waits for " + lock.describe()
                        + ", with no lock_timeout, while the queue on the first table grows"));
            }
        }
        return Optional.empty();
    }

    private static void report(OperationSite site, Problem problem, FindingSink out) {
        Held first = problem.held();
        String table = first.lock().describedAs();
        String statement = SqlText.editStatement(site, Optional::of).orElse(site.statement().text().strip());
        out.report(site.statement(), "This transaction took ACCESS EXCLUSIVE on " + table + " at line " + first.statement().startLine()
                        + " and keeps it until COMMIT; " + problem.what() + ". Every query on " + table + ", reads included, waits "
                        + "for all of it. Commit between the two, so each transaction holds its lock only briefly.",
                new Fix(site.migration().transactional()
                        ? "-- in a new migration, so that the lock above is released first:\n" + statement
                        : "COMMIT;\nBEGIN;\n" + statement, false));
    }
}

package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.rule.RuleContext;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** A migration that takes a lock blocking writes on an existing table with no lock_timeout set before it. */
public final class MissingLockTimeout extends MissingTimeoutRule {

    private static final RuleDoc DOC = new RuleDoc(
            "missing-lock-timeout",
            "A migration takes a blocking lock on an existing table without a lock_timeout",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "whatever the flagged statement takes: SHARE or stronger on an existing table",
            "A DDL statement must wait for every running query on its table to finish before it gets its lock, "
                    + "and PostgreSQL queues every later query on that table behind the waiting statement, reads "
                    + "included when it asks for ACCESS EXCLUSIVE. One slow report query can thus stall all traffic "
                    + "on the table for as long as it runs, even when the DDL itself is instant. Without "
                    + "lock_timeout the statement waits forever.",
            "Set lock_timeout at the start of the migration (a few seconds): the statement then gives up instead "
                    + "of stalling traffic, and the migration can be retried. Turn this rule off with "
                    + "timeouts_set_by_runner when the deploy tool sets it for every migration.",
            "ALTER TABLE users ADD COLUMN note text;",
            "SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    boolean timeoutSet(RuleContext context) {
        return context.lockTimeoutSet();
    }

    @Override
    boolean needsTimeout(LockEffect effect, TableLock lock) {
        return true;
    }

    @Override
    String message(LockEffect effect, TableLock lock) {
        return "No lock_timeout is set before this statement takes " + lock.describe() + ", which " + lock.level().blocks()
                + ". While it waits for running queries on " + lock.describedAs() + ", every new query on it queues behind it, "
                + "for as long as the wait lasts. Set lock_timeout first so it gives up and can be retried instead.";
    }

    @Override
    String setTimeout() {
        return Timeouts.SET_LOCK_TIMEOUT;
    }
}

package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.rule.RuleContext;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/**
 * A migration that does table-sized work (scan, rewrite, index build, backfill) while holding a
 * lock that blocks writes on an existing table, with no statement_timeout set before it.
 */
public final class MissingStatementTimeout extends MissingTimeoutRule {

    private static final RuleDoc DOC = new RuleDoc(
            "missing-statement-timeout",
            "A migration holds a blocking lock through table-sized work without a statement_timeout",
            Severity.NOTICE, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "whatever the flagged statement takes: SHARE or stronger on an existing table",
            "A scan, rewrite or index build under a lock that blocks writes keeps the table blocked for as long "
                    + "as it runs, which on production data is often far longer than on a development database. "
                    + "Without statement_timeout nothing bounds that outage.",
            "Set statement_timeout at the start of the migration to the longest you can afford the table to "
                    + "be blocked: past it the statement is cancelled and the migration fails (and rolls back) "
                    + "instead of blocking writes indefinitely. Turn this rule off with timeouts_set_by_runner "
                    + "when the deploy tool sets it.",
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
            "SET statement_timeout = '15min';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    boolean timeoutSet(RuleContext context) {
        return context.statementTimeoutSet();
    }

    @Override
    boolean needsTimeout(LockEffect effect, TableLock lock) {
        return effect.work().isSlow();
    }

    @Override
    String message(LockEffect effect, TableLock lock) {
        return "No statement_timeout is set before this statement, which holds " + lock.describe() + " (it "
                + lock.level().blocks() + ") during " + effect.work().description() + ": nothing bounds how long "
                + lock.describedAs() + " stays blocked. Set statement_timeout first so an overrun is cancelled "
                + "instead of blocking the table indefinitely.";
    }

    @Override
    String setTimeout() {
        return Timeouts.SET_STATEMENT_TIMEOUT;
    }
}

package dev.migrationreview.rule.postgres;

import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.MigrationSite;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleContext;
import java.util.Optional;

/**
 * A migration that takes a blocking lock on an existing table without a timeout set before it.
 * Reported once per migration, on the first statement that needs the timeout; off when the
 * configuration says the runner sets timeouts itself.
 */
abstract class MissingTimeoutRule extends PostgresRule {

    /** Whether the timeout is in force at this point (set earlier in the migration, or by the runner). */
    abstract boolean timeoutSet(RuleContext context);

    /** Whether this operation, holding {@code lock}, needs the timeout. */
    abstract boolean needsTimeout(LockEffect effect, TableLock lock);

    abstract String message(LockEffect effect, TableLock lock);

    /** The SET statement the fix puts before the flagged statement. */
    abstract String setTimeout();

    @Override
    final void checkPostgresMigration(MigrationSite migration, FindingSink out) {
        if (migration.context().config().timeoutsSetByRunner()) {
            return;
        }
        for (OperationSite site : migration.operations()) {
            if (timeoutSet(site.context())) {
                continue;
            }
            LockEffect effect = Locks.of(site);
            Optional<TableLock> lock = effect.strongestBlockingOnExisting(site.context()).filter(l -> needsTimeout(effect, l));
            if (lock.isPresent()) {
                out.report(site.statement(), message(effect, lock.get()), Timeouts.before(site, setTimeout()));
                return;
            }
        }
    }
}

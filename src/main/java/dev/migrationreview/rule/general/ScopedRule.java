package dev.migrationreview.rule.general;

import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;

/**
 * A rule for the databases its doc lists: it only sees operations of migrations for one of them,
 * so a MySQL rule never judges PostgreSQL and the reverse.
 */
public abstract class ScopedRule implements Rule {

    @Override
    public final void check(OperationSite site, FindingSink out) {
        var databases = doc().databases();
        if (databases.isEmpty() || databases.contains(site.context().dialect().kind())) {
            checkInScope(site, out);
        }
    }

    /** {@link Rule#check} for an operation of a migration for one of the rule's databases. */
    protected abstract void checkInScope(OperationSite site, FindingSink out);
}

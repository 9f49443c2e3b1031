package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/**
 * CREATE TRIGGER on a table that existed before the change, with no lock_timeout bounding its
 * wait for the lock. With a lock_timeout the lock is harmless, and the trigger's cost per write is
 * what the author intends.
 */
public final class CreateTriggerOnExistingTable extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "create-trigger-on-existing-table",
            "Creating a trigger on an existing table without lock_timeout blocks writes while it waits",
            Severity.NOTICE, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "SHARE ROW EXCLUSIVE on the table",
            "CREATE TRIGGER takes SHARE ROW EXCLUSIVE, which blocks INSERT, UPDATE and DELETE: it is instant once "
                    + "granted, but waits for running transactions on the table while writes queue behind it. From "
                    + "then on the trigger's function runs inside every write it fires on: a slow or failing "
                    + "function slows or fails the application's writes.",
            "Set a short lock_timeout before it so it gives up instead of stalling writes, create the function "
                    + "in an earlier migration, and keep it cheap (no queries per row on large tables).",
            "CREATE TRIGGER users_audit AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit();",
            "-- created with its table, before any write depends on it:\n"
                    + "CREATE TABLE user_events (id bigint PRIMARY KEY, payload jsonb);\n"
                    + "CREATE TRIGGER user_events_audit AFTER UPDATE ON user_events FOR EACH ROW EXECUTE FUNCTION audit();");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.CreateTrigger trigger) || !existing(site, trigger.table())) {
            return;
        }
        if (site.context().lockTimeoutSet()) {
            return;
        }
        String cost = "from then on its function runs inside every write it fires on, so a slow or failing function "
                + "slows or fails writes to " + trigger.table() + ".";
        out.report(site.statement(), "Creating trigger " + trigger.name() + " takes SHARE ROW EXCLUSIVE on " + trigger.table()
                        + ": writes to it queue while it waits for running transactions, with no lock_timeout to bound the "
                        + "wait; and " + cost,
                Timeouts.before(site, Timeouts.SET_LOCK_TIMEOUT));
    }
}

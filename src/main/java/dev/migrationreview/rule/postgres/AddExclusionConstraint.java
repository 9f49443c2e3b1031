package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Optional;
import java.util.Set;

/** ADD CONSTRAINT ... EXCLUDE on an existing table: an index build under ACCESS EXCLUSIVE with no concurrent path. */
public final class AddExclusionConstraint extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "add-exclusion-constraint",
            "Adding an exclusion constraint builds its index while blocking reads and writes, with no online alternative",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the table during the index build",
            "ADD CONSTRAINT ... EXCLUDE builds its index (usually GiST) over the whole table while holding ACCESS "
                    + "EXCLUSIVE. Unlike UNIQUE and PRIMARY KEY it cannot adopt an index built CONCURRENTLY (USING "
                    + "INDEX does not accept exclusion constraints), so there is no way to add it without blocking "
                    + "reads and writes for the whole build.",
            "Add it while the table is still small, or in a maintenance window with a short lock_timeout and a "
                    + "statement_timeout that bounds the outage. For a large table, create a new table with the "
                    + "constraint, copy the rows over in batches while writing to both, and switch.",
            "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);",
            "-- declared while the table is created, before it holds rows:\n"
                    + "CREATE TABLE bookings (room int NOT NULL, during tstzrange NOT NULL,\n"
                    + "  CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AddConstraint add) || add.constraint().kind() != ConstraintDef.Kind.EXCLUSION
                || !existing(site, add.table())) {
            return;
        }
        String statement = SqlText.editStatement(site, Optional::of).orElse("ALTER TABLE " + SqlText.table(add.table())
                + " ADD CONSTRAINT ... EXCLUDE ...;");
        out.report(site.statement(), "Adding exclusion constraint " + add.constraint().name().orElse("") + " builds its index over "
                        + "all of " + add.table() + " while holding ACCESS EXCLUSIVE, and there is no concurrent way to build "
                        + "it: every read and write of " + add.table() + " waits. Run it in a quiet period with timeouts that "
                        + "bound the outage, or add it before the table grows.",
                new Fix("-- in a maintenance window:\n" + Timeouts.SET_LOCK_TIMEOUT + "\n" + Timeouts.SET_STATEMENT_TIMEOUT + "\n"
                        + statement, false));
    }
}

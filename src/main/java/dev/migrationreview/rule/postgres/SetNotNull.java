package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** SET NOT NULL on a column of an existing table, which scans it under ACCESS EXCLUSIVE. */
public final class SetNotNull extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "set-not-null",
            "SET NOT NULL scans an existing table while blocking reads and writes",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL),
            "PostgreSQL, every version; the scan can be avoided since 12 (CHECK) and 18 (NOT NULL NOT VALID)",
            "ACCESS EXCLUSIVE on the table during a full scan",
            "ALTER COLUMN ... SET NOT NULL checks every row for NULLs while holding ACCESS EXCLUSIVE: nothing can "
                    + "read or write the table until the scan ends.",
            "On PostgreSQL 12 to 17: add CHECK (column IS NOT NULL) NOT VALID (instant), VALIDATE it in a separate "
                    + "transaction (scans without blocking reads or writes), then SET NOT NULL, which uses the "
                    + "validated check instead of scanning, and drop the check. On PostgreSQL 18 and later, add the "
                    + "NOT NULL constraint itself NOT VALID and validate it. Before 12 SET NOT NULL always scans: keep "
                    + "a validated CHECK constraint instead, or run it in a quiet period with a short lock_timeout.",
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL;",
            "ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;\n"
                    + "-- in a separate transaction:\n"
                    + "ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;\n"
                    + "ALTER TABLE users ALTER COLUMN email SET NOT NULL;\n"
                    + "ALTER TABLE users DROP CONSTRAINT users_email_not_null;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        switch (site.operation()) {
            case Operation.SetNotNull set when existing(site, set.table())
                    && !(version(site) >= 12 && ChangeHistory.before(site).hasValidatedNotNullCheck(set.table(), set.column())) ->
                    report(site, out, set.table(), set.column());
            case Operation.AddConstraint add when add.constraint().kind() == ConstraintDef.Kind.NOT_NULL && !add.notValid()
                    && existing(site, add.table()) && !add.constraint().columns().isEmpty() ->
                    report(site, out, add.table(), add.constraint().columns().getFirst());
            default -> { }
        }
    }

    private static void report(OperationSite site, FindingSink out, TableRef table, String column) {
        int version = version(site);
        String danger = "Setting " + table + "." + column + " NOT NULL scans every row of " + table
                + " under ACCESS EXCLUSIVE: all reads and writes of " + table + " wait for the scan.";
        String name = table.name() + "_" + column + "_not_null";
        String t = SqlText.table(table);
        String c = SqlText.ident(column);
        String n = SqlText.ident(name);
        if (version >= 18) {
            out.report(site.statement(), danger + " On PostgreSQL " + version + ", add the NOT NULL constraint NOT VALID and "
                            + "validate it in a separate transaction instead.",
                    new Fix("ALTER TABLE " + t + " ADD CONSTRAINT " + n + " NOT NULL " + c + " NOT VALID;\n"
                            + ConstraintFixes.laterTransaction(site, ConstraintFixes.validate(table, name)), false));
        } else if (version >= 12) {
            out.report(site.statement(), danger + " On PostgreSQL " + version + ", prove it with a CHECK first: add "
                            + "CHECK (" + column + " IS NOT NULL) NOT VALID, validate it in a separate transaction, and "
                            + "SET NOT NULL then skips the scan.",
                    new Fix("ALTER TABLE " + t + " ADD CONSTRAINT " + n + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                            + ConstraintFixes.laterTransaction(site, ConstraintFixes.validate(table, name) + "\n"
                            + "ALTER TABLE " + t + " ALTER COLUMN " + c + " SET NOT NULL;\n"
                            + "ALTER TABLE " + t + " DROP CONSTRAINT " + n + ";"), false));
        } else {
            out.report(site.statement(), danger + " PostgreSQL " + version + " cannot use a CHECK to skip the scan (12+): "
                            + "enforce it with a validated CHECK constraint instead of NOT NULL.",
                    new Fix("ALTER TABLE " + t + " ADD CONSTRAINT " + n + " CHECK (" + c + " IS NOT NULL) NOT VALID;\n"
                            + ConstraintFixes.laterTransaction(site, ConstraintFixes.validate(table, name)), false));
        }
    }
}

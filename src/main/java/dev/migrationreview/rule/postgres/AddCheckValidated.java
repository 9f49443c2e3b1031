package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A CHECK constraint added to an existing table without NOT VALID. */
public final class AddCheckValidated extends AddedConstraintRule {

    private static final RuleDoc DOC = new RuleDoc(
            "add-check-validated",
            "Adding a CHECK constraint to an existing table scans it while blocking reads and writes",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the table during a full scan",
            "ADD CONSTRAINT ... CHECK verifies every existing row while holding ACCESS EXCLUSIVE: no query can "
                    + "read or write the table until the whole table has been scanned.",
            "Add the constraint with NOT VALID, which only records it (new and updated rows are checked from "
                    + "then on), then run ALTER TABLE ... VALIDATE CONSTRAINT in a separate transaction: it scans "
                    + "under SHARE UPDATE EXCLUSIVE while reads and writes continue. A CHECK written on a column "
                    + "being added is verified the same way: add the column, then the constraint NOT VALID.",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);",
            "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\n"
                    + "-- in a separate transaction:\n"
                    + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    public AddCheckValidated() {
        super(ConstraintDef.Kind.CHECK);
    }

    @Override
    void onConstraint(OperationSite site, Operation.AddConstraint add, FindingSink out) {
        String name = ConstraintFixes.name(add.table(), add.constraint());
        out.report(site.statement(), "Adding CHECK constraint " + name + " scans all of " + add.table()
                        + " under ACCESS EXCLUSIVE: every read and write of " + add.table() + " waits for the scan. "
                        + "Add it NOT VALID, then VALIDATE it in a separate transaction, which does not block them.",
                ConstraintFixes.notValidThenValidate(site, add));
    }

    @Override
    void onColumn(OperationSite site, Operation.AddColumn add, FindingSink out) {
        out.report(site.statement(), "The CHECK on new column " + add.column().name() + " is verified against every "
                        + "existing row of " + add.table() + " under ACCESS EXCLUSIVE: reads and writes wait for the scan. "
                        + "Add the column without it, then the constraint NOT VALID, and VALIDATE it separately.",
                columnFix(site, add));
    }

    private static Fix columnFix(OperationSite site, Operation.AddColumn add) {
        ColumnDef column = add.column();
        String name = SqlText.defaultName(add.table(), List.of(column.name()), "check");
        var constraint = new ConstraintDef(Optional.of(name), ConstraintDef.Kind.CHECK, List.of(column.name()),
                Optional.empty(), column.check(), Optional.empty());
        return new Fix("ALTER TABLE " + SqlText.table(add.table()) + " ADD COLUMN " + SqlText.ident(column.name())
                + column.type().map(t -> " " + t.sql()).orElse("")
                + column.defaultValue().map(d -> " DEFAULT " + d.expression()).orElse("") + ";\n"
                + ConstraintFixes.modelSql(new Operation.AddConstraint(add.table(), constraint, true), name) + "\n"
                + ConstraintFixes.laterTransaction(site, ConstraintFixes.validate(add.table(), name)), false);
    }
}

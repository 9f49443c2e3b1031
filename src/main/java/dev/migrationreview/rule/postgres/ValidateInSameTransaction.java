package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** VALIDATE CONSTRAINT in the same transaction that added the constraint NOT VALID. */
public final class ValidateInSameTransaction extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "validate-in-same-transaction",
            "VALIDATE CONSTRAINT in the transaction that added the constraint NOT VALID keeps the add's lock during the scan",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "the ADD CONSTRAINT's lock (ACCESS EXCLUSIVE for CHECK, SHARE ROW EXCLUSIVE on both tables for a "
                    + "foreign key), held through the validation scan",
            "NOT VALID exists so that the strong lock of ADD CONSTRAINT is held only for an instant and the "
                    + "scan happens later under a weak one. Locks are released at commit, so validating in the "
                    + "same transaction keeps the strong lock for the whole scan, exactly as if NOT VALID had "
                    + "not been written.",
            "Commit between the two: run VALIDATE CONSTRAINT in a later migration, or in the same one only when "
                    + "the tool runs each statement in its own transaction.",
            "BEGIN;\nALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                    + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;\nCOMMIT;",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                    + "-- next migration:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.ValidateConstraint validate) || !existing(site, validate.table())) {
            return;
        }
        var added = ChangeHistory.inTransaction(site).notValidConstraint(validate.table(), validate.constraint());
        if (added.isEmpty()) {
            return;
        }
        var addLocks = Locks.of(added.get(), version(site), ChangeHistory.NONE).locks().stream()
                .map(TableLock::describe).toList();
        out.report(site.statement(), "Constraint " + validate.constraint() + " is validated in the same transaction that added it "
                        + "NOT VALID, so the " + String.join(" and ", addLocks) + " taken by the ADD is held for the whole "
                        + "validation scan, as if NOT VALID had not been written. Validate it in a separate transaction.",
                new Fix("-- in a separate migration (its own transaction):\n"
                        + ConstraintFixes.validate(validate.table(), validate.constraint()), false));
    }
}

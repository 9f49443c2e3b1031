package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A foreign key added to an existing table without NOT VALID. */
public final class AddForeignKeyValidated extends AddedConstraintRule {

    private static final RuleDoc DOC = new RuleDoc(
            "add-foreign-key-validated",
            "Adding a foreign key to an existing table checks every row while blocking writes to both tables",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "SHARE ROW EXCLUSIVE on the table and on the referenced table, during a full scan",
            "ADD FOREIGN KEY checks that every existing row has a match in the referenced table. It holds SHARE "
                    + "ROW EXCLUSIVE on both tables for the whole check, so INSERT, UPDATE and DELETE on either "
                    + "table wait until every row has been looked up.",
            "Add the constraint with NOT VALID: it is recorded at once and enforced for new writes, without "
                    + "checking existing rows. Then run ALTER TABLE ... VALIDATE CONSTRAINT in a separate "
                    + "transaction: it checks the existing rows under SHARE UPDATE EXCLUSIVE, which lets reads and "
                    + "writes continue. A column added with REFERENCES is the same: add the column first, then "
                    + "the constraint NOT VALID.",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n"
                    + "-- in a separate transaction:\n"
                    + "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_id_fkey;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    public AddForeignKeyValidated() {
        super(ConstraintDef.Kind.FOREIGN_KEY);
    }

    @Override
    void onConstraint(OperationSite site, Operation.AddConstraint add, FindingSink out) {
        String name = ConstraintFixes.name(add.table(), add.constraint());
        out.report(site.statement(), message("Adding foreign key " + name, add.table(), add.constraint().references()),
                ConstraintFixes.notValidThenValidate(site, add));
    }

    @Override
    void onColumn(OperationSite site, Operation.AddColumn add, FindingSink out) {
        out.report(site.statement(), message("Adding column " + add.column().name() + " with REFERENCES",
                add.table(), add.column().references()), columnFix(site, add));
    }

    private static String message(String what, TableRef table, Optional<ForeignKeyTarget> target) {
        String referenced = target.map(t -> t.table().qualified()).orElse("the referenced table");
        return what + " checks every row of " + table + " while holding SHARE ROW EXCLUSIVE on " + table + " and "
                + referenced + ": writes to both wait for the whole scan. Add the constraint NOT VALID, then VALIDATE "
                + "it in a separate transaction, which lets reads and writes continue.";
    }

    /** Add the column plain, then the constraint NOT VALID, then validate. */
    private static Fix columnFix(OperationSite site, Operation.AddColumn add) {
        ColumnDef column = add.column();
        String name = SqlText.defaultName(add.table(), List.of(column.name()), "fkey");
        var constraint = new ConstraintDef(Optional.of(name), ConstraintDef.Kind.FOREIGN_KEY, List.of(column.name()),
                column.references(), Optional.empty(), Optional.empty());
        var addConstraint = new Operation.AddConstraint(add.table(), constraint, true);
        return new Fix("ALTER TABLE " + SqlText.table(add.table()) + " ADD COLUMN " + SqlText.ident(column.name())
                + column.type().map(t -> " " + t.sql()).orElse("") + ";\n"
                + ConstraintFixes.modelSql(addConstraint, name) + "\n"
                + ConstraintFixes.laterTransaction(site, ConstraintFixes.validate(add.table(), name)), false);
    }
}

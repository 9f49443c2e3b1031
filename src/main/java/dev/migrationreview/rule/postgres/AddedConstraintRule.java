package dev.migrationreview.rule.postgres;

import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;

/**
 * A constraint of one kind added to an existing table in the way that checks or indexes every
 * existing row under lock: as ADD CONSTRAINT without NOT VALID or USING INDEX, or written inline
 * on a column being added.
 */
abstract class AddedConstraintRule extends PostgresRule {

    private final ConstraintDef.Kind kind;

    AddedConstraintRule(ConstraintDef.Kind kind) {
        this.kind = kind;
    }

    abstract void onConstraint(OperationSite site, Operation.AddConstraint add, FindingSink out);

    abstract void onColumn(OperationSite site, Operation.AddColumn add, FindingSink out);

    @Override
    final void checkPostgres(OperationSite site, FindingSink out) {
        switch (site.operation()) {
            case Operation.AddConstraint add when add.constraint().kind() == kind && !add.notValid()
                    && add.constraint().usingIndex().isEmpty() && existing(site, add.table()) -> onConstraint(site, add, out);
            case Operation.AddColumn add when carries(add.column()) && existing(site, add.table()) -> onColumn(site, add, out);
            default -> { }
        }
    }

    private boolean carries(ColumnDef column) {
        return switch (kind) {
            case CHECK -> column.check().isPresent();
            case FOREIGN_KEY -> column.references().isPresent();
            case PRIMARY_KEY -> column.primaryKey();
            case UNIQUE -> column.unique();
            case EXCLUSION, NOT_NULL -> false;
        };
    }
}

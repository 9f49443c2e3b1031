package dev.migrationreview.rule.general;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import java.util.function.Predicate;

/**
 * A {@link ColumnTypeRule} that prefers one type name over another wherever a column gets its
 * type, ALTER COLUMN TYPE included, keeping the type's modifiers and array-ness.
 */
abstract class TypeSwapRule extends ColumnTypeRule {

    private final Predicate<DataType> flagged;
    private final String preferredName;

    TypeSwapRule(Predicate<DataType> flagged, String preferredName) {
        this.flagged = flagged;
        this.preferredName = preferredName;
    }

    @Override
    protected final boolean checksTypeChanges() {
        return true;
    }

    @Override
    protected final boolean flags(ColumnDef column, boolean primaryKey, Dialect dialect) {
        return column.type().filter(flagged).isPresent();
    }

    @Override
    protected final ColumnDef preferred(ColumnDef column, Dialect dialect) {
        DataType type = column.type().orElseThrow();
        return retyped(column, new DataType(preferredName, type.modifiers(), type.array()));
    }
}

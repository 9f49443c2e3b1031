package dev.migrationreview.rule.postgres;

import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.RuleContext;
import java.util.Optional;

/**
 * One lock an operation takes. {@code table} is empty when the statement names only an index
 * whose table this change does not show ({@code DROP INDEX idx}): the lock is then on that
 * index's table, described as such.
 */
public record TableLock(Optional<TableRef> table, String describedAs, LockLevel level) {

    public static TableLock on(TableRef table, LockLevel level) {
        return new TableLock(Optional.of(table), table.qualified(), level);
    }

    public static TableLock onTableOfIndex(String index, LockLevel level) {
        return new TableLock(Optional.empty(), "the table of index " + index, level);
    }

    /** True unless the table was created earlier in this change; an unknown table is assumed to exist. */
    public boolean onExistingTable(RuleContext context) {
        return table.map(t -> !context.isNewTable(t)).orElse(true);
    }

    /** E.g. {@code ACCESS EXCLUSIVE on users}. */
    public String describe() {
        return level.sql() + " on " + describedAs;
    }
}

package dev.migrationreview.rule.postgres;

import dev.migrationreview.rule.RuleContext;
import java.util.List;
import java.util.Optional;

/** The locks one operation takes on PostgreSQL and the work it does while holding them. */
public record LockEffect(List<TableLock> locks, Work work) {

    public static final LockEffect NONE = new LockEffect(List.of(), Work.CATALOG_ONLY);

    public LockEffect {
        locks = List.copyOf(locks);
    }

    /** The locks taken on tables that existed before this change (or whose table is unknown). */
    public List<TableLock> onExistingTables(RuleContext context) {
        return locks.stream().filter(l -> l.onExistingTable(context)).toList();
    }

    /** The strongest lock on an existing table that makes writers wait, if any. */
    public Optional<TableLock> strongestBlockingOnExisting(RuleContext context) {
        return onExistingTables(context).stream()
                .filter(l -> l.level().blocksWrites())
                .max((a, b) -> a.level().compareTo(b.level()));
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.postgres.LockLevel.ACCESS_EXCLUSIVE;
import static dev.migrationreview.rule.postgres.LockLevel.ROW_EXCLUSIVE;
import static dev.migrationreview.rule.postgres.LockLevel.SHARE;
import static dev.migrationreview.rule.postgres.LockLevel.SHARE_ROW_EXCLUSIVE;
import static dev.migrationreview.rule.postgres.LockLevel.SHARE_UPDATE_EXCLUSIVE;

import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.OperationSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The table locks each operation takes on PostgreSQL, and the work it does while holding them,
 * after the manual's ALTER TABLE, CREATE INDEX and "Explicit Locking" pages (checked against a
 * real server by LocksOnPostgresTest). Rules, the many-statements check and the proof use this one
 * table instead of each knowing lock levels.
 *
 * <p>Only table-level locks are listed, on the tables named by the operation (the referenced
 * table of a foreign key included). Locks on tables the statement does not name (the tables
 * referencing a truncated table with CASCADE, the table of a constraint's index) are not.
 */
public final class Locks {

    private Locks() {}

    /** The effect of the operation at {@code site}, knowing the change before it and the server version. */
    public static LockEffect of(OperationSite site) {
        return of(site.operation(), site.context().dialect().majorVersion(), ChangeHistory.before(site));
    }

    /**
     * The effect of {@code operation} on a PostgreSQL server of major version {@code version}.
     * {@code history} resolves what the operation alone does not say: the table of an index
     * created earlier, a column's previous type, a NOT NULL check validated earlier.
     */
    public static LockEffect of(Operation operation, int version, ChangeHistory history) {
        return switch (operation) {
            case Operation.CreateTable t -> createTable(t);
            case Operation.DropTable d -> all(d.dropped(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.RenameTable r -> one(r.table(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.Truncate t -> all(t.truncated(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            // Since PostgreSQL 12 ATTACH takes only SHARE UPDATE EXCLUSIVE on the parent; the new
            // partition is scanned to prove its rows fit, unless a CHECK already proves it.
            case Operation.AttachPartition a -> new LockEffect(List.of(
                    TableLock.on(a.table(), version >= 12 ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE),
                    TableLock.on(a.partition(), ACCESS_EXCLUSIVE)), Work.SCAN);
            case Operation.DetachPartition d -> new LockEffect(List.of(
                    TableLock.on(d.table(), d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE),
                    TableLock.on(d.partition(), d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE)),
                    Work.CATALOG_ONLY);
            case Operation.LockTable l -> all(l.locked(), LockLevel.parse(l.mode()).orElse(ACCESS_EXCLUSIVE), Work.CATALOG_ONLY);
            case Operation.AddColumn a -> addColumn(a, version);
            case Operation.DropColumn d -> one(d.table(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.RenameColumn r -> one(r.table(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.AlterColumnType a -> one(a.table(), ACCESS_EXCLUSIVE,
                    a.using().isEmpty() && history.columnType(a.table(), a.column())
                            .filter(old -> TypeChanges.isMetadataOnly(old, a.newType())).isPresent()
                            ? Work.CATALOG_ONLY : Work.REWRITE);
            case Operation.SetColumnDefault s -> one(s.table(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.SetNotNull s -> one(s.table(), ACCESS_EXCLUSIVE,
                    version >= 12 && history.hasValidatedNotNullCheck(s.table(), s.column()) ? Work.CATALOG_ONLY : Work.SCAN);
            case Operation.DropNotNull d -> one(d.table(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.AddConstraint a -> addConstraint(a);
            // VALIDATE takes only SHARE UPDATE EXCLUSIVE: reads and writes go on during the scan.
            case Operation.ValidateConstraint v -> one(v.table(), SHARE_UPDATE_EXCLUSIVE, Work.SCAN);
            case Operation.DropConstraint d -> one(d.table(), ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.CreateIndex c -> one(c.table(), c.concurrently() ? SHARE_UPDATE_EXCLUSIVE : SHARE, Work.INDEX_BUILD);
            case Operation.DropIndex d -> onIndexTables(d.names(), d.table(), history,
                    d.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE, Work.CATALOG_ONLY);
            // REINDEX holds SHARE on the table and ACCESS EXCLUSIVE on the index: every query that
            // plans with the index waits, so it is reported as the stronger lock.
            case Operation.Reindex r -> reindex(r, history);
            case Operation.CreateTrigger t -> one(t.table(), SHARE_ROW_EXCLUSIVE, Work.CATALOG_ONLY);
            case Operation.Maintenance m -> maintenance(m);
            case Operation.DataChange d -> one(d.table(), ROW_EXCLUSIVE,
                    d.kind() == Operation.DataChange.Kind.INSERT ? Work.CATALOG_ONLY : Work.ROW_CHANGES);
            case Operation.RenameIndex r -> LockEffect.NONE;
            case Operation.CreateEnum e -> LockEffect.NONE;
            case Operation.AddEnumValue e -> LockEffect.NONE;
            case Operation.RenameEnumValue e -> LockEffect.NONE;
            case Operation.AlterDomain d -> LockEffect.NONE;
            case Operation.DropSchema d -> LockEffect.NONE;
            case Operation.DropDatabase d -> LockEffect.NONE;
            case Operation.OtherDdl o -> LockEffect.NONE;
            case Operation.SetTimeout s -> LockEffect.NONE;
            case Operation.SetParameter s -> LockEffect.NONE;
            case Operation.Transaction t -> LockEffect.NONE;
            case Operation.Query q -> LockEffect.NONE;
            case Operation.MysqlAlterOptions m -> LockEffect.NONE;
            case Operation.OpaqueCode o -> LockEffect.NONE;
            case Operation.Unparsed u -> LockEffect.NONE;
        };
    }

    /**
     * True when adding this column to a table with rows rewrites the table: a volatile default,
     * a stored generated or identity column, a serial (its nextval() default), or before
     * PostgreSQL 11 any non-null default.
     */
    public static boolean addColumnRewrites(ColumnDef column, int version) {
        boolean generatedStored = column.generated().filter(g -> g == ColumnDef.Generated.STORED).isPresent();
        boolean defaultRewrites = column.defaultValue()
                .filter(d -> !d.isNull() && (d.isVolatile() || version < 11)).isPresent();
        return generatedStored || column.isIdentity() || column.type().map(t -> t.isSerial()).orElse(false)
                || defaultRewrites;
    }

    private static LockEffect createTable(Operation.CreateTable t) {
        // The new table itself is not listed: no other session can be using a table that did not exist.
        var locks = new ArrayList<TableLock>();
        // Attaching a new partition to its parent locks the parent.
        t.partitionOf().ifPresent(parent -> locks.add(TableLock.on(parent, ACCESS_EXCLUSIVE)));
        // A foreign key adds triggers to the referenced table.
        t.columns().stream().flatMap(c -> c.references().stream())
                .forEach(r -> locks.add(TableLock.on(r.table(), SHARE_ROW_EXCLUSIVE)));
        t.constraints().stream().flatMap(c -> c.references().stream())
                .forEach(r -> locks.add(TableLock.on(r.table(), SHARE_ROW_EXCLUSIVE)));
        return new LockEffect(locks, t.asSelect() ? Work.ROW_CHANGES : Work.CATALOG_ONLY);
    }

    private static LockEffect addColumn(Operation.AddColumn a, int version) {
        ColumnDef column = a.column();
        var locks = new ArrayList<TableLock>();
        locks.add(TableLock.on(a.table(), ACCESS_EXCLUSIVE));
        column.references().map(ForeignKeyTarget::table).ifPresent(t -> locks.add(TableLock.on(t, SHARE_ROW_EXCLUSIVE)));
        Work work;
        if (addColumnRewrites(column, version)) {
            work = Work.REWRITE;
        } else if (column.unique() || column.primaryKey()) {
            work = Work.INDEX_BUILD;
        } else if (column.references().isPresent() || column.check().isPresent()) {
            work = Work.SCAN;
        } else {
            work = Work.CATALOG_ONLY;
        }
        return new LockEffect(locks, work);
    }

    private static LockEffect addConstraint(Operation.AddConstraint a) {
        ConstraintDef c = a.constraint();
        Work checked = a.notValid() ? Work.CATALOG_ONLY : Work.SCAN;
        return switch (c.kind()) {
            case FOREIGN_KEY -> {
                var locks = new ArrayList<TableLock>();
                locks.add(TableLock.on(a.table(), SHARE_ROW_EXCLUSIVE));
                c.references().ifPresent(r -> locks.add(TableLock.on(r.table(), SHARE_ROW_EXCLUSIVE)));
                yield new LockEffect(locks, checked);
            }
            case CHECK, NOT_NULL -> one(a.table(), ACCESS_EXCLUSIVE, checked);
            case PRIMARY_KEY, UNIQUE -> one(a.table(), ACCESS_EXCLUSIVE,
                    c.usingIndex().isPresent() ? Work.CATALOG_ONLY : Work.INDEX_BUILD);
            case EXCLUSION -> one(a.table(), ACCESS_EXCLUSIVE, Work.INDEX_BUILD);
        };
    }

    private static LockEffect reindex(Operation.Reindex r, ChangeHistory history) {
        LockLevel level = r.concurrently() ? SHARE_UPDATE_EXCLUSIVE : ACCESS_EXCLUSIVE;
        return switch (r.kind().toLowerCase(java.util.Locale.ROOT)) {
            case "table" -> one(TableRef.parse(r.target()), level, Work.INDEX_BUILD);
            case "index" -> onIndexTables(List.of(r.target()), Optional.empty(), history, level, Work.INDEX_BUILD);
            // SCHEMA, DATABASE, SYSTEM: every table in it, one after the other.
            default -> new LockEffect(List.of(new TableLock(Optional.empty(), "every table of " + r.kind().toLowerCase(
                    java.util.Locale.ROOT) + " " + r.target(), level)), Work.INDEX_BUILD);
        };
    }

    private static LockEffect maintenance(Operation.Maintenance m) {
        String command = m.command().strip().toUpperCase(java.util.Locale.ROOT);
        if (command.startsWith("VACUUM FULL") || command.startsWith("CLUSTER")) {
            return all(m.targets(), ACCESS_EXCLUSIVE, Work.REWRITE);
        }
        // Plain VACUUM and ANALYZE take SHARE UPDATE EXCLUSIVE: they block only other maintenance and DDL.
        return all(m.targets(), SHARE_UPDATE_EXCLUSIVE, Work.SCAN);
    }

    private static LockEffect onIndexTables(List<String> indexes, Optional<TableRef> table, ChangeHistory history,
                                            LockLevel level, Work work) {
        var locks = new ArrayList<TableLock>();
        for (String index : indexes) {
            Optional<TableRef> known = table.or(() -> history.tableOfNewIndex(index));
            locks.add(known.map(t -> TableLock.on(t, level)).orElseGet(() -> TableLock.onTableOfIndex(index, level)));
        }
        return new LockEffect(locks, work);
    }

    private static LockEffect one(TableRef table, LockLevel level, Work work) {
        return new LockEffect(List.of(TableLock.on(table, level)), work);
    }

    private static LockEffect all(List<TableRef> tables, LockLevel level, Work work) {
        return new LockEffect(tables.stream().map(t -> TableLock.on(t, level)).toList(), work);
    }
}

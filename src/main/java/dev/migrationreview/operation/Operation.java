package dev.migrationreview.operation;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One schema operation, independent of the framework that wrote it. Every frontend (SQL,
 * Liquibase, Rails, Alembic, Django) translates into these records, so rules never look at
 * frameworks. Where a statement carries several actions (one ALTER TABLE with three clauses) it
 * yields several operations.
 */
public sealed interface Operation {

    /** The tables this operation reads or changes; used for ownership and "created in this change" checks. */
    List<TableRef> tables();

    /**
     * True for PostgreSQL operations that refuse to run inside a transaction block (they commit
     * transactions of their own): the CONCURRENTLY forms and VACUUM.
     */
    default boolean refusesTransactionBlock() {
        return switch (this) {
            case CreateIndex i -> i.concurrently();
            case DropIndex i -> i.concurrently();
            case Reindex r -> r.concurrently();
            case DetachPartition d -> d.concurrently();
            case Maintenance m -> m.command().equalsIgnoreCase("VACUUM");
            default -> false;
        };
    }

    // ---- tables -------------------------------------------------------------------------------

    record CreateTable(TableRef table, List<ColumnDef> columns, List<ConstraintDef> constraints,
                       boolean ifNotExists, boolean temporary, boolean asSelect, Optional<TableRef> partitionOf)
            implements Operation {
        public CreateTable {
            columns = List.copyOf(columns);
            constraints = List.copyOf(constraints);
        }
        public List<TableRef> tables() { return List.of(table); }
    }

    record DropTable(List<TableRef> dropped, boolean ifExists, boolean cascade) implements Operation {
        public DropTable { dropped = List.copyOf(dropped); }
        public List<TableRef> tables() { return dropped; }
    }

    record RenameTable(TableRef table, String newName) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    record Truncate(List<TableRef> truncated, boolean cascade) implements Operation {
        public Truncate { truncated = List.copyOf(truncated); }
        public List<TableRef> tables() { return truncated; }
    }

    /** ALTER TABLE ... ATTACH / DETACH PARTITION. */
    record AttachPartition(TableRef table, TableRef partition) implements Operation {
        public List<TableRef> tables() { return List.of(table, partition); }
    }

    record DetachPartition(TableRef table, TableRef partition, boolean concurrently) implements Operation {
        public List<TableRef> tables() { return List.of(table, partition); }
    }

    /** LOCK TABLE, taken explicitly. */
    record LockTable(List<TableRef> locked, String mode) implements Operation {
        public LockTable { locked = List.copyOf(locked); }
        public List<TableRef> tables() { return locked; }
    }

    // ---- columns ------------------------------------------------------------------------------

    record AddColumn(TableRef table, ColumnDef column, boolean ifNotExists) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    record DropColumn(TableRef table, String column, boolean ifExists, boolean cascade) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    record RenameColumn(TableRef table, String column, String newName) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    /** ALTER COLUMN TYPE (PostgreSQL) or MODIFY/CHANGE COLUMN (MySQL) with the full new definition. */
    record AlterColumnType(TableRef table, String column, DataType newType, Optional<String> using,
                           Optional<ColumnDef> mysqlDefinition) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    /** SET DEFAULT (value present) or DROP DEFAULT (empty). */
    record SetColumnDefault(TableRef table, String column, Optional<DefaultValue> value) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    record SetNotNull(TableRef table, String column) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    record DropNotNull(TableRef table, String column) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    // ---- constraints --------------------------------------------------------------------------

    record AddConstraint(TableRef table, ConstraintDef constraint, boolean notValid) implements Operation {
        public List<TableRef> tables() {
            return constraint.references().map(r -> List.of(table, r.table())).orElse(List.of(table));
        }
    }

    record ValidateConstraint(TableRef table, String constraint) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    record DropConstraint(TableRef table, String constraint, boolean ifExists) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    // ---- indexes ------------------------------------------------------------------------------

    record CreateIndex(Optional<String> name, TableRef table, List<String> columns, boolean unique,
                       boolean concurrently, boolean partial, boolean ifNotExists, Optional<String> method)
            implements Operation {
        public CreateIndex { columns = List.copyOf(columns); }
        public List<TableRef> tables() { return List.of(table); }
    }

    /** DROP INDEX; {@code table} is known for MySQL's {@code DROP INDEX i ON t} and framework DSLs. */
    record DropIndex(List<String> names, Optional<TableRef> table, boolean concurrently, boolean ifExists,
                     boolean cascade) implements Operation {
        public DropIndex { names = List.copyOf(names); }
        public List<TableRef> tables() { return table.map(List::of).orElse(List.of()); }
    }

    record RenameIndex(String name, String newName) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    /** REINDEX of an INDEX, TABLE, SCHEMA or DATABASE. */
    record Reindex(String kind, String target, boolean concurrently) implements Operation {
        public List<TableRef> tables() {
            return kind.equalsIgnoreCase("table") ? List.of(TableRef.parse(target)) : List.of();
        }
    }

    // ---- types, schemas, other objects --------------------------------------------------------

    record CreateEnum(String type, List<String> values) implements Operation {
        public CreateEnum { values = List.copyOf(values); }
        public List<TableRef> tables() { return List.of(); }
    }

    record AddEnumValue(String type, String value, boolean ifNotExists) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    record RenameEnumValue(String type, String value, String newValue) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    /** ALTER DOMAIN: adding a constraint scans every column using the domain. */
    record AlterDomain(String domain, String action, boolean notValid) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    record DropSchema(String schema, boolean cascade) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    record DropDatabase(String database) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    record CreateTrigger(String name, TableRef table) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    /**
     * DDL that takes no lock worth a rule and changes no table's shape: CREATE FUNCTION, VIEW,
     * SCHEMA, EXTENSION, SEQUENCE, COMMENT ON, GRANT ... {@code kind} is upper-case, e.g. "CREATE VIEW".
     */
    record OtherDdl(String kind, Optional<TableRef> target) implements Operation {
        public List<TableRef> tables() { return target.map(List::of).orElse(List.of()); }
    }

    /** VACUUM, ANALYZE, CLUSTER: maintenance run from a migration. */
    record Maintenance(String command, List<TableRef> targets) implements Operation {
        public Maintenance { targets = List.copyOf(targets); }
        public List<TableRef> tables() { return targets; }
    }

    // ---- data ---------------------------------------------------------------------------------

    /** INSERT/UPDATE/DELETE/MERGE: a backfill when it touches existing rows. */
    record DataChange(Kind kind, TableRef table, boolean hasWhere, boolean hasLimitOrBatch) implements Operation {
        public enum Kind { INSERT, UPDATE, DELETE, MERGE }
        public List<TableRef> tables() { return List.of(table); }
    }

    // ---- session and transaction --------------------------------------------------------------

    /** SET lock_timeout / statement_timeout (or MySQL lock_wait_timeout / max_execution_time). */
    record SetTimeout(Timeout timeout, Optional<Duration> value, boolean local) implements Operation {
        public enum Timeout { LOCK, STATEMENT, IDLE_IN_TRANSACTION }
        public List<TableRef> tables() { return List.of(); }
    }

    /** Any other SET of a session parameter. */
    record SetParameter(String parameter, String value) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    record Transaction(Control control) implements Operation {
        public enum Control { BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE }
        public List<TableRef> tables() { return List.of(); }
    }

    /** A read (SELECT, SHOW, EXPLAIN) or a procedural block (DO, CALL) that changes no schema by itself. */
    record Query(String kind) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    // ---- MySQL ALTER TABLE options ------------------------------------------------------------

    /** ALGORITHM= and LOCK= clauses of a MySQL ALTER TABLE; empty when not written. */
    record MysqlAlterOptions(TableRef table, Optional<String> algorithm, Optional<String> lock) implements Operation {
        public List<TableRef> tables() { return List.of(table); }
    }

    // ---- what was not understood --------------------------------------------------------------

    /** Code that runs arbitrary logic (RunPython, Java migrations): its effect cannot be judged statically. */
    record OpaqueCode(String description) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }

    /** A statement neither parser understood; {@code reason} says why for the unparsed-statement finding. */
    record Unparsed(String reason) implements Operation {
        public List<TableRef> tables() { return List.of(); }
    }
}

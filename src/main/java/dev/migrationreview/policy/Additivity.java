package dev.migrationreview.policy;

import dev.migrationreview.operation.Operation;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether an operation only adds to the schema (readers and writers of the old schema keep
 * working) or takes something away: a drop, a rename, a type change, a tightened constraint, a
 * rewrite of existing rows. Additive-only areas need a senior reviewer for the latter. Anything
 * done to a table created earlier in the same change is additive: nobody depends on it yet.
 *
 * @param reason for a non-additive operation, what kind of removal it is ("drop", "rename", ...)
 */
public record Additivity(Kind kind, Optional<String> reason) {

    public enum Kind { ADDITIVE, NON_ADDITIVE, NO_SCHEMA_CHANGE }

    static final Additivity ADDITIVE = new Additivity(Kind.ADDITIVE, Optional.empty());
    static final Additivity NO_SCHEMA_CHANGE = new Additivity(Kind.NO_SCHEMA_CHANGE, Optional.empty());
    static final String DROP = "drop";
    static final String RENAME = "rename";
    static final String TYPE_CHANGE = "type change";
    static final String TIGHTENING = "constraint tightening";
    static final String DATA_REWRITE = "data rewrite";
    static final String UNKNOWN_EFFECT = "unknown effect";
    /** Procedural blocks may run any statement; what they change cannot be judged. */
    private static final Set<String> PROCEDURAL = Set.of("DO", "CALL", "EXEC", "EXECUTE");

    public boolean nonAdditive() {
        return kind == Kind.NON_ADDITIVE;
    }

    public boolean changesSchema() {
        return kind != Kind.NO_SCHEMA_CHANGE;
    }

    private static Additivity non(String reason) {
        return new Additivity(Kind.NON_ADDITIVE, Optional.of(reason));
    }

    /** How {@code operation} changes what existed; {@code onNewTable} when its table was created earlier in the change. */
    public static Additivity of(Operation operation, boolean onNewTable) {
        Additivity plain = of(operation);
        return onNewTable && plain.nonAdditive() ? ADDITIVE : plain;
    }

    private static Additivity of(Operation operation) {
        return switch (operation) {
            case Operation.CreateTable create -> ADDITIVE;
            case Operation.DropTable drop -> non(DROP);
            case Operation.RenameTable rename -> non(RENAME);
            case Operation.Truncate truncate -> non(DATA_REWRITE);
            case Operation.AttachPartition attach -> ADDITIVE;
            case Operation.DetachPartition detach -> non(DROP);
            case Operation.LockTable lock -> NO_SCHEMA_CHANGE;
            case Operation.AddColumn add -> ADDITIVE;
            case Operation.DropColumn drop -> non(DROP);
            case Operation.RenameColumn rename -> non(RENAME);
            case Operation.AlterColumnType alter -> non(TYPE_CHANGE);
            case Operation.SetColumnDefault setDefault -> setDefault.value().isPresent() ? ADDITIVE : non(DROP);
            case Operation.SetNotNull setNotNull -> non(TIGHTENING);
            case Operation.DropNotNull dropNotNull -> ADDITIVE;
            case Operation.AddConstraint add -> non(TIGHTENING);
            case Operation.ValidateConstraint validate -> non(TIGHTENING);
            case Operation.DropConstraint drop -> non(DROP);
            case Operation.CreateIndex index -> index.unique() ? non(TIGHTENING) : ADDITIVE;
            case Operation.DropIndex drop -> non(DROP);
            case Operation.RenameIndex rename -> non(RENAME);
            case Operation.Reindex reindex -> NO_SCHEMA_CHANGE;
            case Operation.CreateEnum create -> ADDITIVE;
            case Operation.AddEnumValue add -> ADDITIVE;
            case Operation.RenameEnumValue rename -> non(RENAME);
            case Operation.AlterDomain alter -> non(TIGHTENING);
            case Operation.DropSchema drop -> non(DROP);
            case Operation.DropDatabase drop -> non(DROP);
            case Operation.CreateTrigger trigger -> ADDITIVE;
            case Operation.OtherDdl other -> other.kind().toUpperCase(Locale.ROOT).startsWith("DROP") ? non(DROP) : ADDITIVE;
            case Operation.Maintenance maintenance -> NO_SCHEMA_CHANGE;
            case Operation.DataChange change -> change.kind() == Operation.DataChange.Kind.INSERT ? ADDITIVE : non(DATA_REWRITE);
            case Operation.SetTimeout timeout -> NO_SCHEMA_CHANGE;
            case Operation.SetParameter parameter -> NO_SCHEMA_CHANGE;
            case Operation.Transaction transaction -> NO_SCHEMA_CHANGE;
            case Operation.Query query -> PROCEDURAL.contains(query.kind().toUpperCase(Locale.ROOT))
                    ? non(UNKNOWN_EFFECT) : NO_SCHEMA_CHANGE;
            case Operation.MysqlAlterOptions options -> NO_SCHEMA_CHANGE;
            case Operation.OpaqueCode opaque -> non(UNKNOWN_EFFECT);
            case Operation.Unparsed unparsed -> non(UNKNOWN_EFFECT);
        };
    }
}

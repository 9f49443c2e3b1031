package dev.migrationreview.operation;

import java.util.Optional;

/** A column as created or added, with the inline constraints rules care about. */
public record ColumnDef(
        String name,
        Optional<DataType> type,
        boolean notNull,
        Optional<DefaultValue> defaultValue,
        boolean primaryKey,
        boolean unique,
        Optional<Generated> generated,
        Optional<ForeignKeyTarget> references,
        Optional<String> check) {

    /** How the database fills the column itself. */
    public enum Generated { STORED, VIRTUAL, IDENTITY_ALWAYS, IDENTITY_BY_DEFAULT, AUTO_INCREMENT }

    public static ColumnDef simple(String name, DataType type) {
        return new ColumnDef(name, Optional.of(type), false, Optional.empty(), false, false,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    public boolean isIdentity() {
        return generated.filter(g -> g == Generated.IDENTITY_ALWAYS || g == Generated.IDENTITY_BY_DEFAULT).isPresent();
    }

    /** True when every existing row must get a value the database cannot supply without a default. */
    public boolean requiresValue() {
        return notNull && defaultValue.filter(d -> !d.isNull()).isEmpty() && generated.isEmpty()
                && !type.map(DataType::isSerial).orElse(false);
    }
}

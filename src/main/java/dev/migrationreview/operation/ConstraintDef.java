package dev.migrationreview.operation;

import java.util.List;
import java.util.Optional;

/**
 * A table constraint. {@code usingIndex} is set for {@code ADD ... USING INDEX name}, which attaches
 * an index built earlier (concurrently) instead of building one under lock.
 */
public record ConstraintDef(
        Optional<String> name,
        Kind kind,
        List<String> columns,
        Optional<ForeignKeyTarget> references,
        Optional<String> expression,
        Optional<String> usingIndex) {

    public enum Kind { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK, EXCLUSION, NOT_NULL }

    public ConstraintDef {
        columns = List.copyOf(columns);
    }

    public static ConstraintDef of(Kind kind, List<String> columns) {
        return new ConstraintDef(Optional.empty(), kind, columns, Optional.empty(), Optional.empty(), Optional.empty());
    }
}

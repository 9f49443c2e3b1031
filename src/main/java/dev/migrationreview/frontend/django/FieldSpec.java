package dev.migrationreview.frontend.django;

import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import java.util.Optional;

/**
 * A Django model field reduced to what decides its database column: the column name and type,
 * nullability, uniqueness and index, its relation, and its defaults.
 *
 * @param type          the column type; empty for relations (the target's key type decides) and
 *                      for field classes this review does not know
 * @param defaultValue  Django's {@code default=}: applied by Django, never kept in the database
 * @param dbDefault     Django 5's {@code db_default=}: a real database default
 */
record FieldSpec(
        String name,
        String fieldClass,
        Kind kind,
        Optional<String> dbColumn,
        Optional<DataType> type,
        boolean nullable,
        boolean primaryKey,
        boolean unique,
        boolean dbIndex,
        Optional<ColumnDef.Generated> generated,
        boolean positive,
        Optional<PythonDefault> defaultValue,
        Optional<DefaultValue> dbDefault,
        Optional<Relation> relation) {

    enum Kind { PLAIN, FOREIGN_KEY, ONE_TO_ONE, MANY_TO_MANY }

    /**
     * A {@code default=} as Django applies it when adding a column: a literal becomes a constant
     * default; a callable is called once, so every existing row gets the same value.
     *
     * @param sql       the value as SQL, or the callable as written
     * @param callable  a function Django calls (uuid.uuid4, timezone.now, dict)
     * @param volatileCallable a callable that gives a different value per call (uuid4, random)
     */
    record PythonDefault(String sql, boolean callable, boolean volatileCallable) {}

    /**
     * What a relation points at.
     *
     * @param target  {@code app_label.ModelName}, a bare model name (same app), or "self"
     * @param through the explicit through model of a many-to-many field, if any
     */
    record Relation(String target, Optional<String> toField, boolean dbConstraint, Optional<String> through) {}

    /** The column that stores the field: {@code db_column}, else the name, with {@code _id} for relations. */
    String column() {
        return dbColumn.orElse(isRelationColumn() ? name + "_id" : name);
    }

    boolean isRelationColumn() {
        return kind == Kind.FOREIGN_KEY || kind == Kind.ONE_TO_ONE;
    }

    boolean isManyToMany() {
        return kind == Kind.MANY_TO_MANY;
    }

    /** Unique, as the database sees it (a one-to-one is unique). */
    boolean isUnique() {
        return unique || kind == Kind.ONE_TO_ONE || primaryKey;
    }

    /** Whether Django creates a plain index for the column (db_index, relations, slugs), unique ones aside. */
    boolean isIndexed() {
        return dbIndex && !isUnique();
    }
}

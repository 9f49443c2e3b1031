package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Liquibase's column vocabulary: type names as written in changelogs (which Liquibase translates
 * per database), the {@code defaultValue*} and {@code value*} attributes, and {@code <constraints>}.
 */
final class LiquibaseColumns {

    private LiquibaseColumns() {}

    /**
     * The type the database will get. Liquibase writes some generic names differently per database;
     * for PostgreSQL those that change a rule's verdict are mapped ({@code DATETIME} is a timestamp
     * without time zone there).
     */
    static DataType type(String written, Dialect dialect) {
        String type = written.strip().replaceFirst("(?i)^java\\.sql\\.Types\\.", "");
        boolean array = type.endsWith("[]");
        if (array) {
            type = type.substring(0, type.length() - 2).strip();
        }
        List<String> modifiers = List.of();
        int open = type.indexOf('(');
        int close = type.lastIndexOf(')');
        if (open > 0 && close > open) {
            modifiers = Arrays.stream(type.substring(open + 1, close).split(",")).map(String::strip)
                    .filter(m -> !m.isEmpty()).toList();
            type = (type.substring(0, open) + " " + type.substring(close + 1)).strip();
        }
        String name = type.replaceAll("\\s+", " ");
        if (dialect.isPostgres()) {
            name = switch (name.toLowerCase(Locale.ROOT)) {
                case "datetime" -> "timestamp";
                case "tinyint" -> "smallint";
                case "clob", "longtext", "mediumtext", "tinytext", "nclob" -> "text";
                case "blob", "longblob", "mediumblob", "tinyblob", "longvarbinary", "varbinary", "binary" -> "bytea";
                case "nvarchar", "varchar2" -> "varchar";
                default -> name;
            };
        }
        return new DataType(name, modifiers, array);
    }

    /** A column of createTable or addColumn, with its inline constraints. */
    static ColumnDef column(ChangelogNode column, Dialect dialect) {
        var constraints = column.child("constraints");
        boolean primaryKey = constraints.map(c -> c.flag("primaryKey", false)).orElse(false);
        boolean notNull = primaryKey || constraints.map(c -> !c.flag("nullable", true)).orElse(false);
        return new ColumnDef(
                name(column.attribute("name").orElse("?")),
                column.attribute("type").map(t -> type(t, dialect)),
                notNull,
                defaultValue(column),
                primaryKey,
                constraints.map(c -> c.flag("unique", false)).orElse(false),
                generated(column, dialect),
                constraints.flatMap(LiquibaseColumns::references),
                constraints.flatMap(c -> c.attribute("checkConstraint")));
    }

    /** The value a default-value attribute family ({@code defaultValue}, {@code value}) gives, as SQL. */
    static Optional<DefaultValue> defaultValue(ChangelogNode node) {
        return sqlValue(node, "defaultValue").map(DefaultValue::new);
    }

    /**
     * A value written as {@code <prefix>}, {@code <prefix>Numeric}, {@code <prefix>Boolean},
     * {@code <prefix>Date}, {@code <prefix>Computed} or {@code <prefix>SequenceNext}, rendered as SQL.
     */
    static Optional<String> sqlValue(ChangelogNode node, String prefix) {
        var computed = node.attribute(prefix + "Computed");
        if (computed.isPresent()) {
            return computed;
        }
        var sequence = node.attribute(prefix + "SequenceNext");
        if (sequence.isPresent()) {
            return Optional.of("nextval('" + sequence.get() + "')");
        }
        var numeric = node.attribute(prefix + "Numeric").or(() -> node.attribute(prefix + "Boolean"));
        if (numeric.isPresent()) {
            return numeric;
        }
        var date = node.attribute(prefix + "Date");
        if (date.isPresent()) {
            // Liquibase passes through a date that is a function or keyword (NOW(), CURRENT_TIMESTAMP).
            return Optional.of(date.get().matches("[0-9].*") ? quoted(date.get()) : date.get());
        }
        // A plain value is a string literal even when blank: defaultValue="" is an empty string.
        return Optional.ofNullable(node.attributes().get(prefix)).map(LiquibaseColumns::quoted);
    }

    private static Optional<ColumnDef.Generated> generated(ChangelogNode column, Dialect dialect) {
        if (!column.flag("autoIncrement", false)) {
            return Optional.empty();
        }
        if (column.attribute("generationType").map(g -> g.equalsIgnoreCase("ALWAYS")).orElse(false)) {
            return Optional.of(ColumnDef.Generated.IDENTITY_ALWAYS);
        }
        // Liquibase creates PostgreSQL auto-increment columns as identity columns (GENERATED BY DEFAULT).
        return Optional.of(dialect.isPostgres() ? ColumnDef.Generated.IDENTITY_BY_DEFAULT : ColumnDef.Generated.AUTO_INCREMENT);
    }

    private static Optional<ForeignKeyTarget> references(ChangelogNode constraints) {
        var table = constraints.attribute("referencedTableName");
        if (table.isPresent()) {
            return Optional.of(new ForeignKeyTarget(table(constraints.attribute("referencedTableSchemaName"), table.get()),
                    names(constraints.attribute("referencedColumnNames").orElse(""))));
        }
        // The older form: references="table(column)".
        return constraints.attribute("references").map(reference -> {
            int open = reference.indexOf('(');
            String target = open > 0 ? reference.substring(0, open) : reference;
            String columns = open > 0 ? reference.substring(open + 1).replace(")", "") : "";
            return new ForeignKeyTarget(TableRef.parse(target.strip()), names(columns));
        });
    }

    static TableRef table(Optional<String> schema, String table) {
        return schema.map(s -> TableRef.of(name(s), name(table))).orElseGet(() -> TableRef.of(name(table)));
    }

    static String name(String identifier) {
        return TableRef.Identifiers.fold(identifier);
    }

    /** A comma-separated column list ({@code columnNames="a, b"}). */
    static List<String> names(String list) {
        var names = new ArrayList<String>();
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                names.add(name(part));
            }
        }
        return names;
    }

    private static String quoted(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}

package dev.migrationreview.frontend.rails;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Column definitions as ActiveRecord's schema statements write them for the file's database and
 * the migration's Rails version: {@code t.string :email, null: false} is {@code email character
 * varying NOT NULL}; references are bigint from Rails 5.1 and timestamps NOT NULL from 5.0 with
 * precision 6 from 7.0.
 */
final class RailsColumns {

    private final RbScope scope;
    private final Dialect dialect;
    private final RailsVersion version;
    private final Function<RbNode, String> source;

    RailsColumns(RbScope scope, Dialect dialect, RailsVersion version, Function<RbNode, String> source) {
        this.scope = scope;
        this.dialect = dialect;
        this.version = version;
        this.source = source;
    }

    /** A column of Rails type {@code type} with the options of {@code call}. */
    ColumnDef column(String name, String type, RbNode.Call call) {
        boolean primaryKey = call.option("primary_key").flatMap(scope::bool).orElse(false);
        boolean notNull = call.option("null").flatMap(scope::bool).map(n -> !n).orElse(primaryKey);
        Optional<ColumnDef.Generated> generated = Optional.empty();
        String columnType = type;
        if (type.equals("virtual")) {
            columnType = call.option("type").flatMap(scope::text).orElse("string");
            generated = Optional.of(call.option("stored").flatMap(scope::bool).orElse(false)
                    ? ColumnDef.Generated.STORED : ColumnDef.Generated.VIRTUAL);
        }
        Optional<DataType> dataType = type(columnType, call);
        if (dataType.isPresent() && call.option("array").flatMap(scope::bool).orElse(false)) {
            dataType = dataType.map(t -> new DataType(t.name(), t.modifiers(), true));
        }
        return new ColumnDef(name, dataType, notNull, call.option("default").flatMap(this::defaultValue),
                primaryKey || type.equals("primary_key"), call.option("unique").flatMap(scope::bool).orElse(false),
                generated, Optional.empty(), Optional.empty());
    }

    /** The type a reference column has: bigint from Rails 5.1 (integer before), or its {@code type:}. */
    DataType referenceType(RbNode.Call call) {
        return call.option("type").flatMap(scope::text).flatMap(t -> type(t, call))
                .orElse(DataType.of(version.atLeast(5, 1) ? "bigint" : "integer"));
    }

    /** {@code created_at} and {@code updated_at} as {@code t.timestamps} or {@code add_timestamps} add them. */
    List<ColumnDef> timestamps(RbNode.Call call) {
        boolean notNull = call.option("null").flatMap(scope::bool).map(n -> !n).orElse(version.atLeast(5, 0));
        var type = type(call.option("type").flatMap(scope::text).orElse("datetime"), call).orElseThrow();
        var defaultValue = call.option("default").flatMap(this::defaultValue);
        return List.of("created_at", "updated_at").stream().map(name -> new ColumnDef(name, Optional.of(type), notNull,
                defaultValue, false, false, Optional.empty(), Optional.empty(), Optional.empty())).toList();
    }

    /** The primary key {@code create_table} adds unless {@code id: false}. */
    Optional<ColumnDef> primaryKey(RbNode.Call createTable) {
        var id = createTable.option("id");
        if (id.flatMap(scope::bool).filter(b -> !b).isPresent()) {
            return Optional.empty();
        }
        String name = createTable.option("primary_key").flatMap(scope::text).orElse("id");
        String type = id.flatMap(scope::text).orElse("primary_key");
        Optional<DefaultValue> defaultValue = Optional.empty();
        Optional<DataType> dataType;
        Optional<ColumnDef.Generated> generated = Optional.empty();
        switch (type) {
            case "uuid" -> {
                dataType = Optional.of(DataType.of("uuid"));
                defaultValue = Optional.of(new DefaultValue(createTable.option("default").flatMap(this::defaultValue)
                        .map(DefaultValue::expression).orElse("gen_random_uuid()")));
            }
            case "primary_key", "bigint", "integer", "serial", "bigserial" -> {
                boolean big = type.equals("bigint") || type.equals("bigserial")
                        || type.equals("primary_key") && version.atLeast(5, 1);
                if (dialect.isMysqlFamily()) {
                    dataType = Optional.of(DataType.of(big ? "bigint" : "integer"));
                    generated = Optional.of(ColumnDef.Generated.AUTO_INCREMENT);
                } else {
                    dataType = Optional.of(DataType.of(big ? "bigserial" : "serial"));
                }
            }
            default -> dataType = type(type, createTable);
        }
        return Optional.of(new ColumnDef(name, dataType, true, defaultValue, true, false, generated, Optional.empty(),
                Optional.empty()));
    }

    /** The database type of a Rails column type, with limit, precision and scale. */
    Optional<DataType> type(String railsType, RbNode.Call call) {
        boolean mysql = dialect.isMysqlFamily();
        Optional<Long> limit = call.option("limit").flatMap(scope::integer);
        Optional<Long> precision = call.option("precision").flatMap(scope::integer);
        return Optional.ofNullable(switch (railsType) {
            case "string" -> limit.map(n -> DataType.of("varchar", String.valueOf(n)))
                    .orElse(mysql ? DataType.of("varchar", "255") : DataType.of("varchar"));
            case "text" -> DataType.of("text");
            case "integer" -> DataType.of(switch (limit.orElse(4L).intValue()) {
                case 1, 2 -> "smallint";
                case 5, 6, 7, 8 -> "bigint";
                default -> "integer";
            });
            case "bigint" -> DataType.of("bigint");
            case "float" -> DataType.of(mysql ? "float" : "double precision");
            case "decimal", "numeric" -> precision.map(p -> DataType.of("numeric", String.valueOf(p),
                            String.valueOf(call.option("scale").flatMap(scope::integer).orElse(0L))))
                    .orElse(DataType.of("numeric"));
            case "datetime", "timestamp" -> timestamp(precision, mysql);
            case "timestamptz" -> DataType.of("timestamptz");
            case "time" -> DataType.of("time");
            case "date" -> DataType.of("date");
            case "binary", "blob" -> DataType.of(mysql ? "blob" : "bytea");
            case "boolean" -> mysql ? DataType.of("tinyint", "1") : DataType.of("boolean");
            case "primary_key" -> DataType.of(version.atLeast(5, 1) ? "bigserial" : "serial");
            case "enum" -> call.option("enum_type").flatMap(scope::text).map(DataType::of).orElse(null);
            case "json", "jsonb", "uuid", "inet", "cidr", "macaddr", "hstore", "citext", "ltree", "tsvector",
                 "interval", "money", "xml", "point", "line", "lseg", "box", "path", "polygon", "circle", "bit",
                 "serial", "bigserial", "oid", "int4range", "int8range", "numrange", "tsrange", "tstzrange",
                 "daterange" -> DataType.of(railsType);
            case "bit_varying" -> DataType.of("bit varying");
            default -> null;
        });
    }

    /** Rails 7 gives datetime columns precision 6; a {@code precision:} option sets it. */
    private DataType timestamp(Optional<Long> precision, boolean mysql) {
        Optional<Long> effective = precision.or(() -> version.atLeast(7, 0) ? Optional.of(6L) : Optional.empty());
        String name = mysql ? "datetime" : "timestamp";
        return effective.map(p -> DataType.of(name, String.valueOf(p))).orElse(DataType.of(name));
    }

    /** A {@code default:}: a literal as SQL, or the SQL a lambda returns ({@code -> { "now()" }}). */
    Optional<DefaultValue> defaultValue(RbNode node) {
        RbNode value = scope.resolve(node);
        if (RbScope.isNil(value)) {
            return Optional.empty();
        }
        if (value instanceof RbNode.Call call && (call.name().equals("lambda") || call.name().equals("proc"))
                && call.block().isPresent() && call.block().get().body().size() == 1) {
            return scope.text(call.block().get().body().get(0)).map(DefaultValue::new);
        }
        var bool = scope.bool(value);
        if (bool.isPresent()) {
            return Optional.of(new DefaultValue(bool.get().toString()));
        }
        var number = scope.number(value);
        if (number.isPresent()) {
            return Optional.of(new DefaultValue(number.get()));
        }
        var text = scope.text(value);
        if (text.isPresent()) {
            return Optional.of(new DefaultValue("'" + text.get().replace("'", "''") + "'"));
        }
        if (value instanceof RbNode.Hash h && h.pairs().isEmpty() || value instanceof RbNode.Array a && a.elements().isEmpty()) {
            return Optional.of(new DefaultValue(value instanceof RbNode.Hash ? "'{}'" : "'[]'"));
        }
        // A value Ruby computes when the migration runs: kept as written.
        return Optional.of(new DefaultValue(source.apply(value)));
    }

    /** The target of {@code foreign_key: true} or {@code foreign_key: { to_table: :users }} on a reference. */
    Optional<ForeignKeyTarget> foreignKey(String reference, RbNode.Call call) {
        var option = call.option("foreign_key");
        if (option.isEmpty() || option.flatMap(scope::bool).filter(b -> !b).isPresent()) {
            return Optional.empty();
        }
        RbNode value = scope.resolve(option.get());
        String target = value instanceof RbNode.Hash hash ? hash.pairs().stream()
                .filter(p -> p.key() instanceof RbNode.Sym s && s.name().equals("to_table")).findFirst()
                .flatMap(p -> scope.text(p.value())).orElse(plural(reference)) : plural(reference);
        String primaryKey = value instanceof RbNode.Hash hash ? hash.pairs().stream()
                .filter(p -> p.key() instanceof RbNode.Sym s && s.name().equals("primary_key")).findFirst()
                .flatMap(p -> scope.text(p.value())).orElse("id") : "id";
        return Optional.of(new ForeignKeyTarget(RailsCalls.table(target), List.of(primaryKey)));
    }

    /** The table a reference points at by convention: {@code :user} references {@code users}. */
    static String plural(String singular) {
        if (singular.endsWith("y") && singular.length() > 1 && "aeiou".indexOf(singular.charAt(singular.length() - 2)) < 0) {
            return singular.substring(0, singular.length() - 1) + "ies";
        }
        if (singular.endsWith("s") || singular.endsWith("x") || singular.endsWith("ch") || singular.endsWith("sh")) {
            return singular + "es";
        }
        return singular + "s";
    }
}

package dev.migrationreview.frontend.alembic;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyScope;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads SQLAlchemy schema constructs as Alembic migrations write them: {@code sa.Column} with its
 * type, server default and inline constraints, table constraints, and the DDL type each SQLAlchemy
 * type compiles to on the file's database.
 */
final class SqlAlchemySchema {

    private final PyScope scope;
    private final Dialect dialect;

    SqlAlchemySchema(PyScope scope, Dialect dialect) {
        this.scope = scope;
        this.dialect = dialect;
    }

    /** A column read from {@code sa.Column(...)}, with the index it asks for ({@code index=True}). */
    record Column(ColumnDef definition, boolean indexed) {}

    static boolean isCall(PyExpr expr, String... names) {
        if (expr instanceof PyExpr.Call call) {
            var name = PyScope.simpleName(call.func());
            return name.isPresent() && List.of(names).contains(name.get());
        }
        return false;
    }

    Optional<Column> column(PyExpr expr) {
        if (!(scope.resolve(expr) instanceof PyExpr.Call call) || !isCall(call, "Column")) {
            return Optional.empty();
        }
        var positional = new ArrayList<>(call.args());
        Optional<String> name = call.keyword("name").flatMap(scope::string);
        if (name.isEmpty() && !positional.isEmpty() && scope.string(positional.get(0)).isPresent()) {
            name = scope.string(positional.remove(0));
        }
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<PyExpr> typeExpr = call.keyword("type_");
        if (typeExpr.isEmpty() && !positional.isEmpty() && !isCall(positional.get(0), "ForeignKey", "Identity",
                "Computed", "Sequence", "CheckConstraint")) {
            typeExpr = Optional.of(positional.remove(0));
        }
        Optional<ForeignKeyTarget> references = Optional.empty();
        Optional<ColumnDef.Generated> generated = Optional.empty();
        Optional<String> check = Optional.empty();
        for (PyExpr arg : positional) {
            if (isCall(arg, "ForeignKey") && arg instanceof PyExpr.Call fk) {
                references = fk.arg(0, "column").flatMap(scope::string).map(SqlAlchemySchema::columnTarget);
            } else if (isCall(arg, "Identity") && arg instanceof PyExpr.Call identity) {
                generated = Optional.of(identity.keyword("always").flatMap(scope::bool).orElse(false)
                        ? ColumnDef.Generated.IDENTITY_ALWAYS : ColumnDef.Generated.IDENTITY_BY_DEFAULT);
            } else if (isCall(arg, "Computed") && arg instanceof PyExpr.Call computed) {
                generated = Optional.of(computed.keyword("persisted").flatMap(scope::bool).orElse(true)
                        ? ColumnDef.Generated.STORED : ColumnDef.Generated.VIRTUAL);
            } else if (isCall(arg, "CheckConstraint") && arg instanceof PyExpr.Call constraint) {
                check = constraint.arg(0, "sqltext").flatMap(this::sqlText);
            }
        }
        boolean primaryKey = call.keyword("primary_key").flatMap(scope::bool).orElse(false);
        boolean nullable = call.keyword("nullable").flatMap(scope::bool).orElse(!primaryKey);
        Optional<DataType> type = typeExpr.flatMap(this::type);
        boolean autoincrement = call.keyword("autoincrement").map(v -> scope.bool(v).orElse(true)).orElse(true);
        if (primaryKey && autoincrement && generated.isEmpty() && references.isEmpty() && dialect.isPostgres()) {
            // SQLAlchemy creates an integer primary key as SERIAL (BIGSERIAL) on PostgreSQL.
            type = type.map(t -> switch (t.name()) {
                case "integer" -> DataType.of("serial");
                case "bigint" -> DataType.of("bigserial");
                case "smallint" -> DataType.of("smallserial");
                default -> t;
            });
        }
        var definition = new ColumnDef(name.get(), type, !nullable,
                call.keyword("server_default").flatMap(this::serverDefault), primaryKey,
                call.keyword("unique").flatMap(scope::bool).orElse(false), generated, references, check);
        return Optional.of(new Column(definition, call.keyword("index").flatMap(scope::bool).orElse(false)));
    }

    /** {@code "table.column"} or {@code "schema.table.column"} as written in {@code sa.ForeignKey}. */
    private static ForeignKeyTarget columnTarget(String target) {
        int dot = target.lastIndexOf('.');
        if (dot < 0) {
            return new ForeignKeyTarget(TableRef.parse(target), List.of());
        }
        return new ForeignKeyTarget(TableRef.parse(target.substring(0, dot)), List.of(target.substring(dot + 1)));
    }

    /** A table-level constraint given to {@code op.create_table}. */
    Optional<ConstraintDef> constraint(PyExpr expr) {
        if (!(scope.resolve(expr) instanceof PyExpr.Call call)) {
            return Optional.empty();
        }
        Optional<String> name = call.keyword("name").flatMap(this::constraintName);
        String kind = PyScope.simpleName(call.func()).orElse("");
        return switch (kind) {
            case "PrimaryKeyConstraint", "UniqueConstraint" -> Optional.of(new ConstraintDef(name,
                    kind.equals("UniqueConstraint") ? ConstraintDef.Kind.UNIQUE : ConstraintDef.Kind.PRIMARY_KEY,
                    columnNames(call.args()), Optional.empty(), Optional.empty(), Optional.empty()));
            case "ForeignKeyConstraint" -> {
                var local = call.arg(0, "columns").flatMap(scope::strings).orElse(List.of());
                var remote = call.arg(1, "refcolumns").flatMap(scope::strings).orElse(List.of());
                Optional<ForeignKeyTarget> target = remote.isEmpty() ? Optional.empty()
                        : Optional.of(foreignKeyTarget(remote));
                yield Optional.of(new ConstraintDef(name, ConstraintDef.Kind.FOREIGN_KEY, local, target,
                        Optional.empty(), Optional.empty()));
            }
            case "CheckConstraint" -> Optional.of(new ConstraintDef(name, ConstraintDef.Kind.CHECK, List.of(),
                    Optional.empty(), call.arg(0, "sqltext").flatMap(this::sqlText), Optional.empty()));
            default -> Optional.empty();
        };
    }

    /** Remote columns of a ForeignKeyConstraint are written {@code table.column}. */
    private static ForeignKeyTarget foreignKeyTarget(List<String> remote) {
        var first = columnTarget(remote.get(0));
        var columns = new ArrayList<String>();
        for (String r : remote) {
            columns.addAll(columnTarget(r).columns());
        }
        return new ForeignKeyTarget(first.table(), columns);
    }

    /** Column names given as strings (or sa.Column objects) in positional arguments. */
    private List<String> columnNames(List<PyExpr> args) {
        var names = new ArrayList<String>();
        for (PyExpr arg : args) {
            scope.string(arg).ifPresent(names::add);
        }
        return names;
    }

    /** A constraint or index name, unwrapping Alembic's naming-convention marker {@code op.f("...")}. */
    Optional<String> constraintName(PyExpr expr) {
        if (scope.resolve(expr) instanceof PyExpr.Call call && isCall(call, "f", "conv") && !call.args().isEmpty()) {
            return scope.string(call.args().get(0));
        }
        return scope.string(expr);
    }

    /** SQL given as a string or {@code sa.text("...")}. */
    Optional<String> sqlText(PyExpr expr) {
        PyExpr value = scope.resolve(expr);
        if (value instanceof PyExpr.Call call && isCall(call, "text", "literal_column") && !call.args().isEmpty()) {
            return scope.string(call.args().get(0));
        }
        return scope.string(value);
    }

    /**
     * A {@code server_default}: a string is a quoted literal, {@code sa.text(...)} raw SQL,
     * {@code sa.func.now()} a function call, {@code sa.false()} a boolean.
     */
    Optional<DefaultValue> serverDefault(PyExpr expr) {
        PyExpr value = scope.resolve(expr);
        if (PyScope.isNone(value)) {
            return Optional.empty();
        }
        if (value instanceof PyExpr.Call call) {
            var dotted = PyScope.dotted(call.func()).orElse("");
            String simple = PyScope.simpleName(call.func()).orElse("");
            if (isCall(call, "text", "literal_column")) {
                return call.args().isEmpty() ? Optional.empty() : scope.string(call.args().get(0)).map(DefaultValue::new);
            }
            if (simple.equals("false") || simple.equals("true") || simple.equals("null")) {
                return Optional.of(new DefaultValue(simple));
            }
            if (dotted.contains("func.")) {
                return Optional.of(new DefaultValue(dotted.substring(dotted.indexOf("func.") + 5) + "()"));
            }
            if (simple.equals("literal") && !call.args().isEmpty()) {
                return serverDefault(call.args().get(0));
            }
        }
        return scope.string(value).map(s -> new DefaultValue("'" + s.replace("'", "''") + "'"))
                .or(() -> scope.integer(value).map(n -> new DefaultValue(String.valueOf(n))))
                .or(() -> scope.bool(value).map(b -> new DefaultValue(b.toString())));
    }

    /** The DDL type a SQLAlchemy type renders as on this file's database; empty for custom types. */
    Optional<DataType> type(PyExpr expr) {
        PyExpr value = scope.resolve(expr);
        if (value instanceof PyExpr.Call call && call.func() instanceof PyExpr.Attribute a
                && a.attr().equals("with_variant")) {
            var variantDialect = call.arg(1, "dialect_name").flatMap(scope::string);
            if (variantDialect.flatMap(DatabaseKind::fromName).filter(k -> k == dialect.kind()).isPresent()) {
                return type(call.args().get(0));
            }
            return type(a.value());
        }
        PyExpr callee = value instanceof PyExpr.Call call ? call.func() : value;
        var name = PyScope.simpleName(callee);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<PyExpr.Call> arguments = value instanceof PyExpr.Call call ? Optional.of(call) : Optional.empty();
        return typeNamed(name.get(), arguments);
    }

    /**
     * The type as {@link #type} renders it, or for a project's own type class (a TypeDecorator such
     * as {@code UTF8LongText()}) its class name: a column changed to it is still a type change.
     */
    Optional<DataType> typeAsWritten(PyExpr expr) {
        return type(expr).or(() -> {
            PyExpr value = scope.resolve(expr);
            return PyScope.simpleName(value instanceof PyExpr.Call call ? call.func() : value).map(DataType::of);
        });
    }

    private Optional<DataType> typeNamed(String name, Optional<PyExpr.Call> call) {
        boolean mysql = dialect.isMysqlFamily();
        Optional<Long> length = call.flatMap(c -> c.arg(0, "length")).flatMap(scope::integer);
        boolean timezone = call.flatMap(c -> c.keyword("timezone")).flatMap(scope::bool).orElse(false);
        return switch (name) {
            case "Integer", "INTEGER", "INT" -> Optional.of(DataType.of("integer"));
            case "BigInteger", "BIGINT" -> Optional.of(DataType.of("bigint"));
            case "SmallInteger", "SMALLINT" -> Optional.of(DataType.of("smallint"));
            case "String", "Unicode", "VARCHAR", "NVARCHAR" -> Optional.of(length
                    .map(n -> DataType.of("varchar", String.valueOf(n))).orElse(DataType.of("varchar")));
            case "CHAR", "NCHAR" -> Optional.of(DataType.of("char", String.valueOf(length.orElse(1L))));
            case "Text", "UnicodeText", "TEXT" -> Optional.of(DataType.of("text"));
            case "LONGTEXT", "MEDIUMTEXT", "TINYTEXT" -> Optional.of(DataType.of(name.toLowerCase(Locale.ROOT)));
            case "Boolean", "BOOLEAN" -> Optional.of(mysql ? DataType.of("tinyint", "1") : DataType.of("boolean"));
            case "DateTime", "DATETIME" -> Optional.of(mysql ? DataType.of("datetime")
                    : DataType.of(timezone ? "timestamptz" : "timestamp"));
            case "TIMESTAMP" -> Optional.of(DataType.of(timezone ? "timestamptz" : "timestamp"));
            case "Date", "DATE" -> Optional.of(DataType.of("date"));
            case "Time", "TIME" -> Optional.of(DataType.of(timezone ? "timetz" : "time"));
            case "Interval", "INTERVAL" -> Optional.of(DataType.of("interval"));
            case "Float", "FLOAT", "Double", "DOUBLE", "DOUBLE_PRECISION" -> Optional.of(DataType.of(
                    mysql ? "float" : "double precision"));
            case "REAL" -> Optional.of(DataType.of("real"));
            case "Numeric", "NUMERIC", "DECIMAL" -> Optional.of(numeric(call));
            case "LargeBinary", "BLOB", "BYTEA", "LONGBLOB", "BINARY", "VARBINARY" -> Optional.of(
                    mysql ? DataType.of(name.equals("LargeBinary") ? "blob" : name.toLowerCase(Locale.ROOT))
                            : DataType.of("bytea"));
            case "JSON" -> Optional.of(DataType.of("json"));
            case "JSONB" -> Optional.of(DataType.of("jsonb"));
            case "UUID", "Uuid" -> Optional.of(mysql ? DataType.of("char", "32") : DataType.of("uuid"));
            case "INET", "CIDR", "MACADDR", "CITEXT", "TSVECTOR", "HSTORE", "MONEY", "OID" ->
                    Optional.of(DataType.of(name.toLowerCase(Locale.ROOT)));
            case "TINYINT" -> Optional.of(DataType.of("tinyint"));
            case "MEDIUMINT" -> Optional.of(DataType.of("mediumint"));
            case "ARRAY" -> call.flatMap(c -> c.arg(0, "item_type")).flatMap(this::type)
                    .map(t -> new DataType(t.name(), t.modifiers(), true));
            case "Enum" -> call.flatMap(c -> c.keyword("name")).flatMap(scope::string).map(DataType::of);
            default -> Optional.empty();
        };
    }

    private DataType numeric(Optional<PyExpr.Call> call) {
        var precision = call.flatMap(c -> c.arg(0, "precision")).flatMap(scope::integer);
        var scale = call.flatMap(c -> c.arg(1, "scale")).flatMap(scope::integer);
        if (precision.isEmpty()) {
            return DataType.of("numeric");
        }
        return scale.map(s -> DataType.of("numeric", String.valueOf(precision.get()), String.valueOf(s)))
                .orElse(DataType.of("numeric", String.valueOf(precision.get())));
    }
}

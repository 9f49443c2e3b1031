package dev.migrationreview.frontend.alembic;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyScope;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Translates one Alembic operation call ({@code op.add_column(...)}, or {@code batch_op.add_column(...)}
 * inside {@code batch_alter_table}) into operations, binding its arguments to the parameters of
 * Alembic's signature as Python would, so positional and keyword forms read alike.
 */
final class AlembicOperations {

    /** What an operation call amounts to. */
    sealed interface Translation {
        record Operations(List<Operation> operations) implements Translation {}

        /** {@code op.execute}: SQL (or a SQLAlchemy statement) the reader resolves. */
        record Execute(Optional<PyExpr> statement) implements Translation {}

        /** A call that changes nothing by itself: {@code op.get_bind()}, {@code op.f(...)}. */
        record Helper() implements Translation {}

        record NotUnderstood(String reason) implements Translation {}
    }

    /** The table of a {@code batch_alter_table} block. */
    record Batch(TableRef table) {}

    private final PyScope scope;
    private final Dialect dialect;
    private final SqlAlchemySchema schema;

    AlembicOperations(PyScope scope, Dialect dialect) {
        this.scope = scope;
        this.dialect = dialect;
        this.schema = new SqlAlchemySchema(scope, dialect);
    }

    Translation translate(String method, PyExpr.Call call, Optional<Batch> batch) {
        return switch (method) {
            case "create_table" -> batch.isPresent() ? notInBatch(method) : createTable(call);
            case "drop_table" -> table(bind(call, batch, "table_name", "schema", "if_exists"), batch)
                    .<Translation>map(t -> ops(new Operation.DropTable(List.of(t),
                            flag(bind(call, batch, "table_name", "schema", "if_exists"), "if_exists"), false)))
                    .orElseGet(() -> unknownTable(method));
            case "rename_table" -> renameTable(call, batch);
            case "add_column" -> addColumn(call, batch);
            case "drop_column" -> dropColumn(call, batch);
            case "alter_column" -> alterColumn(call, batch);
            case "create_index" -> createIndex(call, batch);
            case "drop_index" -> dropIndex(call, batch);
            case "create_foreign_key" -> createForeignKey(call, batch);
            case "create_unique_constraint" -> keyConstraint(call, batch, ConstraintDef.Kind.UNIQUE);
            case "create_primary_key" -> keyConstraint(call, batch, ConstraintDef.Kind.PRIMARY_KEY);
            case "create_check_constraint" -> checkConstraint(call, batch);
            case "create_exclude_constraint" -> excludeConstraint(call, batch);
            case "drop_constraint" -> dropConstraint(call, batch);
            case "create_table_comment", "drop_table_comment" -> {
                var args = bind(call, batch, "table_name");
                yield ops(new Operation.OtherDdl("COMMENT ON TABLE", table(args, batch)));
            }
            case "execute" -> new Translation.Execute(call.arg(0, "sqltext"));
            case "bulk_insert" -> bulkInsert(call);
            case "get_bind", "get_context", "f", "inline_literal", "implementation_for", "batch_alter_table",
                 "register_operation", "run_async" -> new Translation.Helper();
            default -> new Translation.NotUnderstood("op." + method + " is not an Alembic operation this review reads");
        };
    }

    private static Translation ops(Operation... operations) {
        return new Translation.Operations(List.of(operations));
    }

    private static Translation notInBatch(String method) {
        return new Translation.NotUnderstood(method + " is not a batch operation");
    }

    private static Translation unknownTable(String method) {
        return new Translation.NotUnderstood("the table of " + method + " is computed at run time");
    }

    // ---- argument binding ---------------------------------------------------------------------

    /**
     * Binds positional arguments to Alembic's parameter names. In a batch block the table
     * parameter ({@code table_name}, {@code source_table}) is not written, so it is skipped.
     */
    private static Map<String, PyExpr> bind(PyExpr.Call call, Optional<Batch> batch, String... parameters) {
        var names = new ArrayList<String>();
        for (String p : parameters) {
            if (!(batch.isPresent() && (p.equals("table_name") || p.equals("source_table")))) {
                names.add(p);
            }
        }
        return call.bind(names);
    }

    private Optional<TableRef> table(Map<String, PyExpr> args, Optional<Batch> batch) {
        if (batch.isPresent()) {
            return Optional.of(batch.get().table());
        }
        return tableNamed(args, "table_name");
    }

    private Optional<TableRef> tableNamed(Map<String, PyExpr> args, String parameter) {
        Optional<String> schemaName = Optional.ofNullable(args.get("schema")).flatMap(scope::string);
        return Optional.ofNullable(args.get(parameter)).flatMap(scope::string)
                .map(name -> new TableRef(schemaName, name));
    }

    private boolean flag(Map<String, PyExpr> args, String name) {
        return Optional.ofNullable(args.get(name)).flatMap(scope::bool).orElse(false);
    }

    private Optional<String> string(Map<String, PyExpr> args, String name) {
        return Optional.ofNullable(args.get(name)).flatMap(scope::string);
    }

    private List<String> columns(Map<String, PyExpr> args, String name) {
        return Optional.ofNullable(args.get(name)).flatMap(scope::elements).orElse(List.of()).stream()
                .map(this::columnOrExpression).flatMap(Optional::stream).toList();
    }

    /** An index element: a column name, {@code sa.text("lower(email)")}, or a {@code sa.Column}. */
    private Optional<String> columnOrExpression(PyExpr element) {
        return schema.sqlText(element).or(() -> schema.column(element).map(c -> c.definition().name()));
    }

    // ---- operations ---------------------------------------------------------------------------

    private Translation createTable(PyExpr.Call call) {
        var name = call.arg(0, "table_name").flatMap(scope::string);
        if (name.isEmpty()) {
            return unknownTable("create_table");
        }
        var table = new TableRef(call.keyword("schema").flatMap(scope::string), name.get());
        var columns = new ArrayList<ColumnDef>();
        var constraints = new ArrayList<ConstraintDef>();
        var indexes = new ArrayList<Operation>();
        for (PyExpr element : call.args().subList(1, call.args().size())) {
            var column = schema.column(element);
            if (column.isPresent()) {
                columns.add(column.get().definition());
                if (column.get().indexed()) {
                    indexes.add(columnIndex(table, column.get().definition()));
                }
                continue;
            }
            var constraint = schema.constraint(element);
            if (constraint.isPresent()) {
                constraints.add(constraint.get());
            } else if (!(element instanceof PyExpr.Starred)) {
                return new Translation.NotUnderstood("create_table element " + describe(element) + " is not understood");
            }
        }
        var operations = new ArrayList<Operation>();
        operations.add(new Operation.CreateTable(table, columns, constraints,
                call.keyword("if_not_exists").flatMap(scope::bool).orElse(false), false, false, Optional.empty()));
        operations.addAll(indexes);
        return new Translation.Operations(operations);
    }

    private static String describe(PyExpr element) {
        return element instanceof PyExpr.Call c ? PyScope.dotted(c.func()).orElse("call") + "(...)" : "value";
    }

    /** The index SQLAlchemy creates for {@code index=True}, named by its default convention. */
    private static Operation columnIndex(TableRef table, ColumnDef column) {
        return new Operation.CreateIndex(Optional.of("ix_" + table.name() + "_" + column.name()), table,
                List.of(column.name()), column.unique(), false, false, false, Optional.empty());
    }

    private Translation renameTable(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "old_table_name", "new_table_name", "schema");
        var table = tableNamed(args, "old_table_name");
        var newName = string(args, "new_table_name");
        if (table.isEmpty() || newName.isEmpty()) {
            return unknownTable("rename_table");
        }
        return ops(new Operation.RenameTable(table.get(), newName.get()));
    }

    private Translation addColumn(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "table_name", "column", "schema");
        var table = table(args, batch);
        var column = Optional.ofNullable(args.get("column")).flatMap(schema::column);
        if (table.isEmpty() || column.isEmpty()) {
            return new Translation.NotUnderstood(table.isEmpty() ? "the table of add_column is computed at run time"
                    : "the column given to add_column is not a sa.Column(...) this review can read");
        }
        var operations = new ArrayList<Operation>();
        operations.add(new Operation.AddColumn(table.get(), column.get().definition(), flag(args, "if_not_exists")));
        if (column.get().indexed()) {
            operations.add(columnIndex(table.get(), column.get().definition()));
        }
        return new Translation.Operations(operations);
    }

    private Translation dropColumn(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "table_name", "column_name", "schema");
        var table = table(args, batch);
        var column = string(args, "column_name");
        if (table.isEmpty() || column.isEmpty()) {
            return new Translation.NotUnderstood("the table or column of drop_column is computed at run time");
        }
        return ops(new Operation.DropColumn(table.get(), column.get(), flag(args, "if_exists"), false));
    }

    private Translation alterColumn(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "table_name", "column_name", "nullable", "comment", "server_default",
                "new_column_name", "type_", "existing_type", "existing_server_default", "existing_nullable",
                "existing_comment", "schema");
        var table = table(args, batch);
        var column = string(args, "column_name");
        if (table.isEmpty() || column.isEmpty()) {
            return new Translation.NotUnderstood("the table or column of alter_column is computed at run time");
        }
        var operations = new ArrayList<Operation>();
        Optional<Boolean> nullable = Optional.ofNullable(args.get("nullable")).flatMap(scope::bool);
        Optional<DataType> newType = Optional.ofNullable(args.get("type_")).flatMap(schema::typeAsWritten);
        if (dialect.isMysqlFamily() && (newType.isPresent() || nullable.isPresent())) {
            // MySQL has no SET NOT NULL: Alembic rewrites the whole column with MODIFY.
            var type = newType.or(() -> Optional.ofNullable(args.get("existing_type")).flatMap(schema::type));
            if (type.isPresent()) {
                boolean notNull = !nullable.or(() -> Optional.ofNullable(args.get("existing_nullable"))
                        .flatMap(scope::bool)).orElse(true);
                PyExpr givenDefault = args.get("server_default");
                PyExpr keptDefault = givenDefault == null || unchanged(givenDefault)
                        ? args.get("existing_server_default") : givenDefault;
                var definition = new ColumnDef(column.get(), type, notNull, Optional.ofNullable(keptDefault)
                        .flatMap(schema::serverDefault), false, false, Optional.empty(), Optional.empty(), Optional.empty());
                operations.add(new Operation.AlterColumnType(table.get(), column.get(), type.get(), Optional.empty(),
                        Optional.of(definition)));
                nullable = Optional.empty();
            }
        } else if (newType.isPresent()) {
            operations.add(new Operation.AlterColumnType(table.get(), column.get(), newType.get(),
                    Optional.ofNullable(args.get("postgresql_using")).flatMap(scope::string), Optional.empty()));
        }
        nullable.ifPresent(n -> operations.add(n ? new Operation.DropNotNull(table.get(), column.get())
                : new Operation.SetNotNull(table.get(), column.get())));
        PyExpr serverDefault = args.get("server_default");
        if (serverDefault != null && !unchanged(serverDefault)) {
            operations.add(new Operation.SetColumnDefault(table.get(), column.get(), schema.serverDefault(serverDefault)));
        }
        string(args, "new_column_name").ifPresent(n -> operations.add(
                new Operation.RenameColumn(table.get(), column.get(), n)));
        if (args.containsKey("comment")) {
            operations.add(new Operation.OtherDdl("COMMENT ON COLUMN", table));
        }
        if (operations.isEmpty()) {
            return new Translation.NotUnderstood("alter_column changes nothing this review can read");
        }
        return new Translation.Operations(operations);
    }

    /** Alembic's default {@code server_default=False} means "leave the default as it is". */
    private static boolean unchanged(PyExpr serverDefault) {
        return serverDefault instanceof PyExpr.Constant c && c.text().equals("False");
    }

    private Translation createIndex(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "index_name", "table_name", "columns", "schema", "unique");
        var table = table(args, batch);
        if (table.isEmpty()) {
            return unknownTable("create_index");
        }
        boolean partial = args.containsKey("postgresql_where") && dialect.isPostgres()
                || args.containsKey("sqlite_where") || args.containsKey("mssql_where");
        boolean concurrently = dialect.isPostgres() && flag(args, "postgresql_concurrently");
        Optional<String> method = dialect.isPostgres() ? string(args, "postgresql_using") : string(args, "mysql_using");
        return ops(new Operation.CreateIndex(Optional.ofNullable(args.get("index_name")).flatMap(schema::constraintName),
                table.get(), columns(args, "columns"), flag(args, "unique"), concurrently, partial,
                flag(args, "if_not_exists"), method));
    }

    private Translation dropIndex(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "index_name", "table_name", "schema");
        var name = Optional.ofNullable(args.get("index_name")).flatMap(schema::constraintName);
        if (name.isEmpty()) {
            return new Translation.NotUnderstood("the index name of drop_index is computed at run time");
        }
        return ops(new Operation.DropIndex(List.of(name.get()), table(args, batch),
                dialect.isPostgres() && flag(args, "postgresql_concurrently"), flag(args, "if_exists"), false));
    }

    private Translation createForeignKey(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "constraint_name", "source_table", "referent_table", "local_cols",
                "remote_cols", "onupdate", "ondelete");
        var table = batch.map(Batch::table).or(() -> tableNamed(renamed(args, "source_schema", "source_table"), "table"));
        var referent = tableNamed(renamed(args, "referent_schema", "referent_table"), "table");
        if (table.isEmpty() || referent.isEmpty()) {
            return unknownTable("create_foreign_key");
        }
        var constraint = new ConstraintDef(Optional.ofNullable(args.get("constraint_name")).flatMap(schema::constraintName),
                ConstraintDef.Kind.FOREIGN_KEY, strings(args, "local_cols"),
                Optional.of(new ForeignKeyTarget(referent.get(), strings(args, "remote_cols"))),
                Optional.empty(), Optional.empty());
        return ops(new Operation.AddConstraint(table.get(), constraint, flag(args, "postgresql_not_valid")));
    }

    /** Arguments with {@code schemaParameter} as "schema" and {@code tableParameter} as "table". */
    private static Map<String, PyExpr> renamed(Map<String, PyExpr> args, String schemaParameter, String tableParameter) {
        var view = new HashMap<String, PyExpr>();
        Optional.ofNullable(args.get(schemaParameter)).ifPresent(v -> view.put("schema", v));
        Optional.ofNullable(args.get(tableParameter)).ifPresent(v -> view.put("table", v));
        return view;
    }

    private List<String> strings(Map<String, PyExpr> args, String name) {
        return Optional.ofNullable(args.get(name)).flatMap(scope::strings).orElse(List.of());
    }

    private Translation keyConstraint(PyExpr.Call call, Optional<Batch> batch, ConstraintDef.Kind kind) {
        var args = bind(call, batch, "constraint_name", "table_name", "columns", "schema");
        var table = table(args, batch);
        if (table.isEmpty()) {
            return unknownTable(kind == ConstraintDef.Kind.UNIQUE ? "create_unique_constraint" : "create_primary_key");
        }
        var constraint = new ConstraintDef(Optional.ofNullable(args.get("constraint_name")).flatMap(schema::constraintName),
                kind, strings(args, "columns"), Optional.empty(), Optional.empty(), Optional.empty());
        return ops(new Operation.AddConstraint(table.get(), constraint, false));
    }

    private Translation checkConstraint(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "constraint_name", "table_name", "condition", "schema");
        var table = table(args, batch);
        if (table.isEmpty()) {
            return unknownTable("create_check_constraint");
        }
        var constraint = new ConstraintDef(Optional.ofNullable(args.get("constraint_name")).flatMap(schema::constraintName),
                ConstraintDef.Kind.CHECK, List.of(), Optional.empty(),
                Optional.ofNullable(args.get("condition")).flatMap(schema::sqlText), Optional.empty());
        return ops(new Operation.AddConstraint(table.get(), constraint, flag(args, "postgresql_not_valid")));
    }

    private Translation excludeConstraint(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "constraint_name", "table_name");
        var table = table(args, batch);
        if (table.isEmpty()) {
            return unknownTable("create_exclude_constraint");
        }
        var constraint = new ConstraintDef(Optional.ofNullable(args.get("constraint_name")).flatMap(schema::constraintName),
                ConstraintDef.Kind.EXCLUSION, List.of(), Optional.empty(), Optional.empty(), Optional.empty());
        return ops(new Operation.AddConstraint(table.get(), constraint, false));
    }

    private Translation dropConstraint(PyExpr.Call call, Optional<Batch> batch) {
        var args = bind(call, batch, "constraint_name", "table_name", "type_", "schema");
        var table = table(args, batch);
        var name = Optional.ofNullable(args.get("constraint_name")).flatMap(schema::constraintName);
        if (table.isEmpty() || name.isEmpty()) {
            return new Translation.NotUnderstood("the table or name of drop_constraint is computed at run time");
        }
        return ops(new Operation.DropConstraint(table.get(), name.get(), flag(args, "if_exists")));
    }

    private Translation bulkInsert(PyExpr.Call call) {
        return call.arg(0, "table").flatMap(this::tableOf)
                .<Translation>map(t -> ops(new Operation.DataChange(Operation.DataChange.Kind.INSERT, t, false, false)))
                .orElseGet(() -> unknownTable("bulk_insert"));
    }

    /**
     * The table a SQLAlchemy table object names: {@code sa.table("t", ...)}, {@code sa.Table("t", ...)},
     * the result of {@code op.create_table("t", ...)}, or an attribute such as {@code tables.t}.
     */
    Optional<TableRef> tableOf(PyExpr expr) {
        PyExpr value = scope.resolve(expr);
        if (value instanceof PyExpr.Call call && SqlAlchemySchema.isCall(call, "table", "Table", "create_table")) {
            return call.arg(0, "name").flatMap(scope::string)
                    .map(name -> new TableRef(call.keyword("schema").flatMap(scope::string), name));
        }
        if (value instanceof PyExpr.Attribute attribute && !(attribute.value() instanceof PyExpr.Call)) {
            return Optional.of(TableRef.of(attribute.attr()));
        }
        return scope.string(value).map(TableRef::of);
    }

    /**
     * A SQLAlchemy Core statement given to execute: {@code t.update().where(...)},
     * {@code sa.delete(t)}, {@code t.insert().values(...)}.
     */
    Optional<Operation> dataChange(PyExpr statement) {
        boolean where = false;
        boolean limit = false;
        PyExpr current = scope.resolve(statement);
        for (int depth = 0; depth < 64 && current instanceof PyExpr.Call call && call.func() instanceof PyExpr.Attribute a;
             depth++) {
            switch (a.attr()) {
                case "where", "filter", "filter_by" -> where = true;
                case "limit" -> limit = true;
                case "update", "delete", "insert" -> {
                    var kind = Operation.DataChange.Kind.valueOf(a.attr().toUpperCase(java.util.Locale.ROOT));
                    var table = call.args().isEmpty() ? tableOf(a.value()) : tableOf(call.args().get(0));
                    boolean filtered = where;
                    boolean limited = limit;
                    return table.map(t -> new Operation.DataChange(kind, t, filtered, limited));
                }
                default -> { }
            }
            current = scope.resolve(a.value());
        }
        return Optional.empty();
    }
}

package dev.migrationreview.frontend.rails;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Translates one ActiveRecord migration method ({@code add_column}, {@code add_index ...
 * algorithm: :concurrently}, {@code add_foreign_key ... validate: false}, a {@code create_table}
 * block) into operations, and gives the reverse Rails' command recorder would run for it in a
 * {@code change} method, or why it has none.
 */
final class RailsCalls {

    /** What a call amounts to. */
    sealed interface Result {
        /**
         * Operations, and their reverse ({@code irreversible} says why there is none). Calls inside
         * a table block that could not be read are listed in {@code problems}.
         */
        record Ops(List<Operation> forward, List<Operation> inverse, Optional<String> irreversible,
                   List<Problem> problems) implements Result {
            public Ops {
                forward = List.copyOf(forward);
                inverse = List.copyOf(inverse);
                problems = List.copyOf(problems);
            }
        }

        /** {@code execute}: SQL the reader hands to the SQL frontend. */
        record Sql(RbNode.Call call, Optional<RbNode> sql) implements Result {}

        /** A call that changes no schema ({@code say}, {@code reset_column_information}). */
        record NoEffect() implements Result {}

        record NotUnderstood(String reason) implements Result {}
    }

    record Problem(RbNode.Call call, String reason) {}

    private static final Set<String> NO_EFFECT = Set.of("say", "puts", "reset_column_information", "print",
            "revert_to_original_schema", "sleep");
    private static final Set<String> COLUMN_TYPES = Set.of("string", "text", "integer", "bigint", "float", "decimal",
            "numeric", "datetime", "timestamp", "timestamptz", "time", "date", "binary", "blob", "boolean", "json",
            "jsonb", "uuid", "inet", "cidr", "macaddr", "hstore", "citext", "ltree", "tsvector", "interval", "money",
            "xml", "point", "line", "lseg", "box", "path", "polygon", "circle", "bit", "bit_varying", "serial",
            "bigserial", "oid", "int4range", "int8range", "numrange", "tsrange", "tstzrange", "daterange", "enum",
            "virtual", "primary_key");

    private final RbScope scope;
    private final Dialect dialect;
    private final RailsColumns columns;

    RailsCalls(RbScope scope, Dialect dialect, RailsVersion version, java.util.function.Function<RbNode, String> source) {
        this.scope = scope;
        this.dialect = dialect;
        this.columns = new RailsColumns(scope, dialect, version, source);
    }

    static TableRef table(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? TableRef.of(name) : TableRef.of(name.substring(0, dot), name.substring(dot + 1));
    }

    private static Result ops(List<Operation> forward, List<Operation> inverse) {
        return new Result.Ops(forward, inverse, Optional.empty(), List.of());
    }

    private static Result irreversible(List<Operation> forward, String why) {
        return new Result.Ops(forward, List.of(), Optional.of(why), List.of());
    }

    private Optional<TableRef> tableArg(RbNode.Call call) {
        return call.arg(0).flatMap(scope::text).map(RailsCalls::table);
    }

    private Optional<String> text(RbNode.Call call, int index) {
        return call.arg(index).flatMap(scope::text);
    }

    private boolean flag(RbNode.Call call, String option) {
        return call.option(option).flatMap(scope::bool).orElse(false);
    }

    /** A migration method called without a receiver (or on {@code connection}). */
    Result migration(RbNode.Call call) {
        String name = call.name();
        if (NO_EFFECT.contains(name)) {
            return new Result.NoEffect();
        }
        if (name.equals("execute") || name.equals("exec_update") || name.equals("exec_delete")
                || name.equals("exec_insert") || name.equals("update") || name.equals("delete") || name.equals("insert")) {
            return new Result.Sql(call, call.arg(0));
        }
        var table = tableArg(call);
        if (table.isEmpty() && needsTable(name)) {
            return new Result.NotUnderstood(name + ": the table name is computed at run time");
        }
        return switch (name) {
            case "create_table" -> createTable(table.get(), call);
            case "create_join_table" -> createJoinTable(call);
            case "drop_table" -> dropTable(table.get(), call);
            case "drop_join_table" -> text(call, 1).map(second -> {
                var joined = table(RailsNames.joinTable(table.get().name(), second));
                return irreversible(List.of(new Operation.DropTable(List.of(joined), false, false)),
                        "drop_join_table cannot be reversed");
            }).orElse(new Result.NotUnderstood("drop_join_table needs two table names"));
            case "rename_table" -> text(call, 1).map(newName -> ops(
                    List.of(new Operation.RenameTable(table.get(), newName)),
                    List.of(new Operation.RenameTable(table(newName), table.get().name()))))
                    .orElse(new Result.NotUnderstood("rename_table: the new name is computed at run time"));
            case "add_column" -> addColumn(table.get(), call, 1);
            case "remove_column" -> removeColumns(table.get(), call, text(call, 1).map(List::of).orElse(List.of()),
                    text(call, 2).or(() -> call.option("type").flatMap(scope::text)));
            case "remove_columns" -> removeColumns(table.get(), call, restTexts(call, 1),
                    call.option("type").flatMap(scope::text));
            case "rename_column" -> renameColumn(table.get(), text(call, 1), text(call, 2));
            case "change_column" -> changeColumn(table.get(), call, 1);
            case "change_column_default" -> changeDefault(table.get(), call, 1);
            case "change_column_null" -> changeNull(table.get(), call, 1);
            case "change_column_comment", "change_table_comment" -> ops(
                    List.of(new Operation.OtherDdl(name.equals("change_table_comment") ? "COMMENT ON TABLE"
                            : "COMMENT ON COLUMN", table)), List.of(new Operation.OtherDdl("COMMENT ON TABLE", table)));
            case "add_timestamps" -> addTimestamps(table.get(), call);
            case "remove_timestamps" -> removeTimestamps(table.get(), call);
            case "add_index" -> addIndex(table.get(), call.arg(1), call);
            case "remove_index" -> removeIndex(table.get(), call, 1);
            case "rename_index" -> text(call, 1).flatMap(old -> text(call, 2).map(now -> ops(
                    List.of(new Operation.RenameIndex(old, now)), List.of(new Operation.RenameIndex(now, old)))))
                    .orElse(new Result.NotUnderstood("rename_index: the names are computed at run time"));
            case "add_reference", "add_belongs_to" -> addReference(table.get(), call, 1);
            case "remove_reference", "remove_belongs_to" -> removeReference(table.get(), call, 1);
            case "add_foreign_key" -> addForeignKey(table.get(), call, 1);
            case "remove_foreign_key" -> removeForeignKey(table.get(), call, 1);
            case "validate_foreign_key" -> validateForeignKey(table.get(), call, 1);
            case "add_check_constraint" -> addCheck(table.get(), call, 1);
            case "remove_check_constraint" -> removeCheck(table.get(), call, 1);
            case "validate_check_constraint", "validate_constraint" -> validateNamed(table.get(), call, 1);
            case "add_exclusion_constraint", "add_unique_constraint", "add_unique_key" ->
                    addNamedConstraint(table.get(), call, name.equals("add_exclusion_constraint")
                            ? ConstraintDef.Kind.EXCLUSION : ConstraintDef.Kind.UNIQUE);
            case "remove_exclusion_constraint", "remove_unique_constraint", "remove_unique_key" -> call.option("name")
                    .flatMap(scope::text).map(n -> irreversible(List.of(new Operation.DropConstraint(table.get(), n,
                            false)), name + " without its definition cannot be reversed"))
                    .orElse(new Result.NotUnderstood(name + " without a name"));
            case "enable_extension", "disable_extension" -> {
                var create = new Operation.OtherDdl("CREATE EXTENSION", Optional.empty());
                var drop = new Operation.OtherDdl("DROP EXTENSION", Optional.empty());
                yield name.startsWith("enable") ? ops(List.of(create), List.of(drop)) : ops(List.of(drop), List.of(create));
            }
            case "create_schema", "drop_schema" -> text(call, 0).map(schema -> name.startsWith("create")
                    ? ops(List.of(new Operation.OtherDdl("CREATE SCHEMA", Optional.empty())),
                    List.of(new Operation.DropSchema(schema, false)))
                    : irreversible(List.of(new Operation.DropSchema(schema, false)), "drop_schema cannot be reversed"))
                    .orElse(new Result.NotUnderstood(name + ": the schema name is computed at run time"));
            case "create_enum" -> text(call, 0).map(type -> ops(List.of(new Operation.CreateEnum(type,
                            call.arg(1).flatMap(scope::texts).orElse(List.of()))),
                    List.of(new Operation.OtherDdl("DROP TYPE", Optional.empty()))))
                    .orElse(new Result.NotUnderstood("create_enum: the type name is computed at run time"));
            case "drop_enum" -> irreversible(List.of(new Operation.OtherDdl("DROP TYPE", Optional.empty())),
                    "drop_enum without its values cannot be reversed");
            case "add_enum_value" -> text(call, 0).flatMap(type -> text(call, 1).map(value -> irreversible(List.of(
                    new Operation.AddEnumValue(type, value, flag(call, "if_not_exists"))),
                    "PostgreSQL cannot remove an enum value")))
                    .orElse(new Result.NotUnderstood("add_enum_value: the type or value is computed at run time"));
            case "rename_enum_value" -> text(call, 0).flatMap(type -> call.option("from").flatMap(scope::text)
                    .flatMap(from -> call.option("to").flatMap(scope::text).map(to -> ops(
                            List.of(new Operation.RenameEnumValue(type, from, to)),
                            List.of(new Operation.RenameEnumValue(type, to, from))))))
                    .orElse(new Result.NotUnderstood("rename_enum_value: the values are computed at run time"));
            default -> new Result.NotUnderstood(name + " is not a Rails migration method this review reads");
        };
    }

    private static boolean needsTable(String method) {
        return !Set.of("enable_extension", "disable_extension", "create_schema", "drop_schema", "create_enum",
                "drop_enum", "add_enum_value", "rename_enum_value", "create_join_table").contains(method);
    }

    private List<String> restTexts(RbNode.Call call, int from) {
        var names = new ArrayList<String>();
        for (RbNode arg : call.args().subList(Math.min(from, call.args().size()), call.args().size())) {
            RbNode value = arg instanceof RbNode.Splat s ? s.value() : arg;
            scope.texts(value).ifPresent(names::addAll);
        }
        return names;
    }

    // ---- tables -------------------------------------------------------------------------------

    /**
     * {@code create_table} with its block: the columns, primary key and inline constraints in one
     * CREATE TABLE, then its indexes. {@code force: true} drops an existing table first.
     */
    private Result createTable(TableRef table, RbNode.Call call) {
        var forward = new ArrayList<Operation>();
        call.option("force").filter(f -> !scope.bool(f).equals(Optional.of(false))).ifPresent(force -> forward.add(
                new Operation.DropTable(List.of(table), true, scope.text(force).filter("cascade"::equals).isPresent())));
        var columnList = new ArrayList<ColumnDef>();
        columns.primaryKey(call).ifPresent(columnList::add);
        var constraints = new ArrayList<ConstraintDef>();
        var after = new ArrayList<Operation>();
        var problems = new ArrayList<Problem>();
        for (RbNode.Call inner : blockCalls(call)) {
            switch (tableCall(table, inner, true)) {
                case Result.Ops ops -> {
                    for (Operation op : ops.forward()) {
                        switch (op) {
                            case Operation.AddColumn add -> columnList.add(add.column());
                            case Operation.AddConstraint add -> constraints.add(add.constraint());
                            default -> after.add(op);
                        }
                    }
                    problems.addAll(ops.problems());
                }
                case Result.NotUnderstood reason -> problems.add(new Problem(inner, reason.reason()));
                default -> { }
            }
        }
        if (columnList.stream().filter(ColumnDef::primaryKey).count() > 1) {
            columnList.removeIf(c -> c.primaryKey() && c.name().equals("id") && columnList.stream()
                    .anyMatch(o -> o.primaryKey() && !o.name().equals("id")));
        }
        forward.add(new Operation.CreateTable(table, columnList, constraints, flag(call, "if_not_exists"),
                flag(call, "temporary"), call.option("as").isPresent(), Optional.empty()));
        forward.addAll(after);
        return new Result.Ops(forward, List.of(new Operation.DropTable(List.of(table), false, false)), Optional.empty(),
                problems);
    }

    /** The {@code t.*} calls of a table block, through conditionals in it. */
    List<RbNode.Call> blockCalls(RbNode.Call call) {
        var calls = new ArrayList<RbNode.Call>();
        call.block().ifPresent(block -> {
            String parameter = block.parameters().isEmpty() ? "" : block.parameters().get(0);
            collectTableCalls(block.body(), parameter, calls);
        });
        return calls;
    }

    private void collectTableCalls(List<RbNode> body, String parameter, List<RbNode.Call> calls) {
        for (RbNode node : body) {
            switch (node) {
                case RbNode.Call c when c.receiver().filter(r -> r instanceof RbNode.Var v && v.name().equals(parameter))
                        .isPresent() -> calls.add(c);
                case RbNode.If f -> {
                    collectTableCalls(f.then(), parameter, calls);
                    collectTableCalls(f.otherwise(), parameter, calls);
                }
                case RbNode.Compound c -> collectTableCalls(c.body(), parameter, calls);
                default -> { }
            }
        }
    }

    private Result createJoinTable(RbNode.Call call) {
        var first = text(call, 0);
        var second = text(call, 1);
        if (first.isEmpty() || second.isEmpty()) {
            return new Result.NotUnderstood("create_join_table: the table names are computed at run time");
        }
        var table = table(call.option("table_name").flatMap(scope::text)
                .orElse(RailsNames.joinTable(first.get(), second.get())));
        var columnList = new ArrayList<ColumnDef>();
        for (String t : List.of(first.get(), second.get())) {
            columnList.add(new ColumnDef(RailsNames.singular(t) + "_id", Optional.of(columns.referenceType(call)), true,
                    Optional.empty(), false, false, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        var forward = new ArrayList<Operation>();
        forward.add(new Operation.CreateTable(table, columnList, List.of(), false, false, false, Optional.empty()));
        var problems = new ArrayList<Problem>();
        for (RbNode.Call inner : blockCalls(call)) {
            if (tableCall(table, inner, true) instanceof Result.Ops ops) {
                forward.addAll(ops.forward());
            } else {
                problems.add(new Problem(inner, inner.name() + " is not understood in create_join_table"));
            }
        }
        return new Result.Ops(forward, List.of(new Operation.DropTable(List.of(table), false, false)), Optional.empty(),
                problems);
    }

    /** drop_table is reversible when its columns are given in a block (Rails re-creates them). */
    private Result dropTable(TableRef table, RbNode.Call call) {
        var drop = new Operation.DropTable(List.of(table), flag(call, "if_exists"),
                call.option("force").flatMap(scope::text).filter("cascade"::equals).isPresent());
        if (call.block().isPresent() && createTable(table, call) instanceof Result.Ops create) {
            return ops(List.of(drop), create.forward());
        }
        return irreversible(List.of(drop), "drop_table without the table's columns in a block cannot be reversed");
    }

    /**
     * A call inside a {@code create_table} or {@code change_table} block on table {@code table}:
     * {@code t.string :a, :b}, {@code t.references}, {@code t.index}, {@code t.remove}, ...
     */
    Result tableCall(TableRef table, RbNode.Call call, boolean newTable) {
        String name = call.name();
        if (COLUMN_TYPES.contains(name) && !name.equals("primary_key") || name.equals("column")) {
            return columnCall(table, call, name.equals("column"));
        }
        return switch (name) {
            case "primary_key" -> text(call, 0).map(pk -> {
                var type = text(call, 1).orElse("primary_key");
                var column = columns.column(pk, type, call);
                var key = new ColumnDef(column.name(), column.type(), true, column.defaultValue(), true, false,
                        column.generated(), Optional.empty(), Optional.empty());
                return ops(List.of(new Operation.AddColumn(table, key, false)),
                        List.of(new Operation.DropColumn(table, pk, false, false)));
            }).orElse(new Result.NotUnderstood("primary_key without a name"));
            case "timestamps" -> addTimestamps(table, call);
            case "references", "belongs_to" -> references(table, call, 0, newTable);
            case "index" -> addIndex(table, call.arg(0), call);
            case "check_constraint" -> addCheck(table, call, 0);
            case "foreign_key" -> addForeignKey(table, call, 0);
            case "remove" -> removeColumns(table, call, restTexts(call, 0), call.option("type").flatMap(scope::text));
            case "rename" -> renameColumn(table, text(call, 0), text(call, 1));
            case "change" -> changeColumn(table, call, 0);
            case "change_default" -> changeDefault(table, call, 0);
            case "change_null" -> changeNull(table, call, 0);
            case "remove_index" -> removeIndex(table, call, 0);
            case "rename_index" -> text(call, 0).flatMap(old -> text(call, 1).map(now -> ops(
                    List.of(new Operation.RenameIndex(old, now)), List.of(new Operation.RenameIndex(now, old)))))
                    .orElse(new Result.NotUnderstood("rename_index: the names are computed at run time"));
            case "remove_references", "remove_belongs_to" -> removeReference(table, call, 0);
            case "remove_timestamps" -> removeTimestamps(table, call);
            case "remove_foreign_key" -> removeForeignKey(table, call, 0);
            case "remove_check_constraint" -> removeCheck(table, call, 0);
            default -> new Result.NotUnderstood("t." + name + " is not a table method this review reads");
        };
    }

    /** {@code t.string :a, :b, null: false} (several columns) or {@code t.column :a, :string}. */
    private Result columnCall(TableRef table, RbNode.Call call, boolean generic) {
        var forward = new ArrayList<Operation>();
        var inverse = new ArrayList<Operation>();
        List<String> names = generic ? text(call, 0).map(List::of).orElse(List.of()) : restTexts(call, 0);
        String type = generic ? text(call, 1).orElse("") : call.name();
        if (names.isEmpty() || type.isEmpty()) {
            return new Result.NotUnderstood("t." + call.name() + ": the column name or type is computed at run time");
        }
        for (String column : names) {
            var definition = columns.column(column, type, call);
            forward.add(new Operation.AddColumn(table, definition, flag(call, "if_not_exists")));
            inverse.add(0, new Operation.DropColumn(table, column, false, false));
            call.option("index").filter(i -> !scope.bool(i).equals(Optional.of(false)))
                    .ifPresent(i -> forward.add(index(table, List.of(column), scope.resolve(i))));
        }
        return ops(forward, inverse);
    }

    // ---- columns ------------------------------------------------------------------------------

    private Result addColumn(TableRef table, RbNode.Call call, int nameAt) {
        var name = text(call, nameAt);
        var type = text(call, nameAt + 1);
        if (name.isEmpty() || type.isEmpty()) {
            return new Result.NotUnderstood("add_column: the column name or type is computed at run time");
        }
        var definition = columns.column(name.get(), type.get(), call);
        if (definition.type().isEmpty()) {
            return new Result.NotUnderstood("add_column: type :" + type.get() + " is not one this review knows");
        }
        return ops(List.of(new Operation.AddColumn(table, definition, flag(call, "if_not_exists"))),
                List.of(new Operation.DropColumn(table, name.get(), false, false)));
    }

    private Result removeColumns(TableRef table, RbNode.Call call, List<String> names, Optional<String> type) {
        if (names.isEmpty()) {
            return new Result.NotUnderstood(call.name() + ": the column names are computed at run time");
        }
        var forward = names.stream().<Operation>map(n -> new Operation.DropColumn(table, n, flag(call, "if_exists"),
                false)).toList();
        if (type.isEmpty()) {
            return irreversible(forward, call.name() + " without the column type cannot be reversed");
        }
        var inverse = new ArrayList<Operation>();
        for (String n : names) {
            inverse.add(new Operation.AddColumn(table, columns.column(n, type.get(), call), false));
        }
        return ops(forward, inverse);
    }

    private Result renameColumn(TableRef table, Optional<String> from, Optional<String> to) {
        if (from.isEmpty() || to.isEmpty()) {
            return new Result.NotUnderstood("rename_column: the names are computed at run time");
        }
        return ops(List.of(new Operation.RenameColumn(table, from.get(), to.get())),
                List.of(new Operation.RenameColumn(table, to.get(), from.get())));
    }

    /** change_column: the new type, then the default and nullability options ActiveRecord also applies. */
    private Result changeColumn(TableRef table, RbNode.Call call, int nameAt) {
        var name = text(call, nameAt);
        var type = text(call, nameAt + 1);
        if (name.isEmpty() || type.isEmpty()) {
            return new Result.NotUnderstood("change_column: the column or type is computed at run time");
        }
        var definition = columns.column(name.get(), type.get(), call);
        if (definition.type().isEmpty()) {
            return new Result.NotUnderstood("change_column: type :" + type.get() + " is not one this review knows");
        }
        var forward = new ArrayList<Operation>();
        forward.add(new Operation.AlterColumnType(table, name.get(), definition.type().get(),
                call.option("using").flatMap(scope::text), dialect.isMysqlFamily() ? Optional.of(definition)
                : Optional.empty()));
        if (!dialect.isMysqlFamily()) {
            call.option("default").ifPresent(d -> forward.add(new Operation.SetColumnDefault(table, name.get(),
                    columns.defaultValue(d))));
            call.option("null").flatMap(scope::bool).ifPresent(nullable -> forward.add(nullable
                    ? new Operation.DropNotNull(table, name.get()) : new Operation.SetNotNull(table, name.get())));
        }
        return irreversible(forward, "change_column cannot be reversed: use up and down");
    }

    private Result changeDefault(TableRef table, RbNode.Call call, int nameAt) {
        var name = text(call, nameAt);
        if (name.isEmpty()) {
            return new Result.NotUnderstood("change_column_default: the column is computed at run time");
        }
        var to = call.option("to");
        var from = call.option("from");
        if (to.isPresent() || from.isPresent()) {
            return ops(List.of(new Operation.SetColumnDefault(table, name.get(), to.flatMap(columns::defaultValue))),
                    List.of(new Operation.SetColumnDefault(table, name.get(), from.flatMap(columns::defaultValue))));
        }
        var value = call.arg(nameAt + 1).flatMap(columns::defaultValue);
        return irreversible(List.of(new Operation.SetColumnDefault(table, name.get(), value)),
                "change_column_default without from: and to: cannot be reversed");
    }

    /**
     * change_column_null: NOT NULL after filling NULLs with the fourth argument when given (an
     * UPDATE of every NULL row); allowing NULL again is the reverse.
     */
    private Result changeNull(TableRef table, RbNode.Call call, int nameAt) {
        var name = text(call, nameAt);
        var nullable = call.arg(nameAt + 1).flatMap(scope::bool);
        if (name.isEmpty() || nullable.isEmpty()) {
            return new Result.NotUnderstood("change_column_null: the column or the null flag is computed at run time");
        }
        if (nullable.get()) {
            return ops(List.of(new Operation.DropNotNull(table, name.get())),
                    List.of(new Operation.SetNotNull(table, name.get())));
        }
        var forward = new ArrayList<Operation>();
        call.arg(nameAt + 2).filter(d -> !RbScope.isNil(d)).ifPresent(d -> forward.add(
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, table, true, false)));
        forward.add(new Operation.SetNotNull(table, name.get()));
        return ops(forward, List.of(new Operation.DropNotNull(table, name.get())));
    }

    private Result addTimestamps(TableRef table, RbNode.Call call) {
        var forward = new ArrayList<Operation>();
        for (ColumnDef column : columns.timestamps(call)) {
            forward.add(new Operation.AddColumn(table, column, flag(call, "if_not_exists")));
        }
        return ops(forward, List.of(new Operation.DropColumn(table, "updated_at", false, false),
                new Operation.DropColumn(table, "created_at", false, false)));
    }

    private Result removeTimestamps(TableRef table, RbNode.Call call) {
        var inverse = new ArrayList<Operation>();
        for (ColumnDef column : columns.timestamps(call)) {
            inverse.add(new Operation.AddColumn(table, column, false));
        }
        return ops(List.of(new Operation.DropColumn(table, "created_at", false, false),
                new Operation.DropColumn(table, "updated_at", false, false)), inverse);
    }

    // ---- indexes ------------------------------------------------------------------------------

    private Result addIndex(TableRef table, Optional<RbNode> columnArg, RbNode.Call call) {
        var names = columnArg.flatMap(scope::texts);
        if (names.isEmpty()) {
            return new Result.NotUnderstood("add_index: the columns are computed at run time");
        }
        var hash = new RbNode.Hash(call.options(), call.span());
        var create = index(table, names.get(), hash);
        var drop = new Operation.DropIndex(List.of(((Operation.CreateIndex) create).name().orElseThrow()),
                Optional.of(table), ((Operation.CreateIndex) create).concurrently(), false, false);
        return ops(List.of(create), List.of(drop));
    }

    /** An index on {@code columnNames} with options as a hash ({@code unique:}, {@code where:}, {@code algorithm:}) or true. */
    private Operation index(TableRef table, List<String> columnNames, RbNode options) {
        var option = (java.util.function.Function<String, Optional<RbNode>>) key -> options instanceof RbNode.Hash h
                ? h.pairs().stream().filter(p -> p.key() instanceof RbNode.Sym s && s.name().equals(key)).findFirst()
                .map(RbNode.Pair::value) : Optional.empty();
        String name = option.apply("name").flatMap(scope::text).orElse(RailsNames.index(table.name(), columnNames));
        boolean concurrently = dialect.isPostgres()
                && option.apply("algorithm").flatMap(scope::text).filter("concurrently"::equals).isPresent();
        return new Operation.CreateIndex(Optional.of(name), table, columnNames,
                option.apply("unique").flatMap(scope::bool).orElse(false), concurrently,
                option.apply("where").isPresent(), option.apply("if_not_exists").flatMap(scope::bool).orElse(false),
                option.apply("using").flatMap(scope::text));
    }

    private Result removeIndex(TableRef table, RbNode.Call call, int columnAt) {
        var columnNames = call.arg(columnAt).or(() -> call.option("column")).flatMap(scope::texts);
        var name = call.option("name").flatMap(scope::text)
                .or(() -> columnNames.map(c -> RailsNames.index(table.name(), c)));
        if (name.isEmpty()) {
            return new Result.NotUnderstood("remove_index: the index is computed at run time");
        }
        boolean concurrently = dialect.isPostgres()
                && call.option("algorithm").flatMap(scope::text).filter("concurrently"::equals).isPresent();
        var drop = new Operation.DropIndex(List.of(name.get()), Optional.of(table), concurrently,
                flag(call, "if_exists"), false);
        if (columnNames.isEmpty()) {
            return irreversible(List.of(drop), "remove_index without its columns cannot be reversed");
        }
        var options = new ArrayList<>(call.options());
        options.removeIf(p -> p.key() instanceof RbNode.Sym s && (s.name().equals("column") || s.name().equals("if_exists")));
        return ops(List.of(drop), List.of(index(table, columnNames.get(), new RbNode.Hash(options, call.span()))));
    }

    // ---- references and keys ------------------------------------------------------------------

    private Result addReference(TableRef table, RbNode.Call call, int refAt) {
        return references(table, call, refAt, false);
    }

    /**
     * A reference: the {@code <name>_id} column (and {@code <name>_type} when polymorphic), its index
     * (on by default from Rails 5, with {@code index: { algorithm: :concurrently }} honoured) and
     * its foreign key when asked for (inline in a new table, ADD CONSTRAINT on an existing one).
     */
    private Result references(TableRef table, RbNode.Call call, int refAt, boolean newTable) {
        var reference = text(call, refAt);
        if (reference.isEmpty()) {
            return new Result.NotUnderstood(call.name() + ": the reference is computed at run time");
        }
        String column = reference.get() + "_id";
        boolean polymorphic = flag(call, "polymorphic");
        boolean notNull = call.option("null").flatMap(scope::bool).map(n -> !n).orElse(false);
        var foreignKey = columns.foreignKey(reference.get(), call);
        var forward = new ArrayList<Operation>();
        var idColumn = new ColumnDef(column, Optional.of(columns.referenceType(call)), notNull,
                call.option("default").flatMap(columns::defaultValue), false, false, Optional.empty(),
                newTable ? foreignKey : Optional.empty(), Optional.empty());
        forward.add(new Operation.AddColumn(table, idColumn, flag(call, "if_not_exists")));
        if (polymorphic) {
            forward.add(new Operation.AddColumn(table, new ColumnDef(reference.get() + "_type",
                    Optional.of(dialect.isMysqlFamily() ? DataType.of("varchar", "255") : DataType.of("varchar")), notNull,
                    Optional.empty(), false, false, Optional.empty(), Optional.empty(), Optional.empty()), false));
        }
        var indexOption = call.option("index").map(scope::resolve);
        boolean indexed = indexOption.map(i -> !scope.bool(i).equals(Optional.of(false))).orElse(true);
        if (indexed) {
            var indexColumns = polymorphic ? List.of(reference.get() + "_type", column) : List.of(column);
            forward.add(index(table, indexColumns, indexOption.orElse(new RbNode.Literal("true", call.span()))));
        }
        if (!newTable && foreignKey.isPresent()) {
            forward.add(new Operation.AddConstraint(table, new ConstraintDef(
                    Optional.of(RailsNames.foreignKey(table.name(), column)), ConstraintDef.Kind.FOREIGN_KEY,
                    List.of(column), foreignKey, Optional.empty(), Optional.empty()), false));
        }
        var inverse = new ArrayList<Operation>();
        inverse.add(new Operation.DropColumn(table, column, false, false));
        if (polymorphic) {
            inverse.add(new Operation.DropColumn(table, reference.get() + "_type", false, false));
        }
        return ops(forward, inverse);
    }

    private Result removeReference(TableRef table, RbNode.Call call, int refAt) {
        var reference = text(call, refAt);
        if (reference.isEmpty()) {
            return new Result.NotUnderstood(call.name() + ": the reference is computed at run time");
        }
        var forward = new ArrayList<Operation>();
        forward.add(new Operation.DropColumn(table, reference.get() + "_id", false, false));
        if (flag(call, "polymorphic")) {
            forward.add(new Operation.DropColumn(table, reference.get() + "_type", false, false));
        }
        var add = references(table, call, refAt, false);
        return ops(forward, add instanceof Result.Ops ops ? ops.forward() : List.of());
    }

    /** add_foreign_key: {@code validate: false} adds it NOT VALID, to be validated in a later migration. */
    private Result addForeignKey(TableRef table, RbNode.Call call, int toAt) {
        var to = text(call, toAt);
        if (to.isEmpty()) {
            return new Result.NotUnderstood("add_foreign_key: the referenced table is computed at run time");
        }
        String column = call.option("column").flatMap(scope::text).orElse(RailsNames.referenceColumn(to.get()));
        String name = call.option("name").flatMap(scope::text).orElse(RailsNames.foreignKey(table.name(), column));
        String primaryKey = call.option("primary_key").flatMap(scope::text).orElse("id");
        boolean valid = call.option("validate").flatMap(scope::bool).orElse(true);
        var constraint = new ConstraintDef(Optional.of(name), ConstraintDef.Kind.FOREIGN_KEY, List.of(column),
                Optional.of(new ForeignKeyTarget(table(to.get()), List.of(primaryKey))), Optional.empty(), Optional.empty());
        return ops(List.of(new Operation.AddConstraint(table, constraint, !valid)),
                List.of(new Operation.DropConstraint(table, name, false)));
    }

    /** A foreign key named by {@code name:}, else by Rails' hash of its column (given, or derived from the table). */
    private Optional<String> foreignKeyName(TableRef table, RbNode.Call call, Optional<String> to) {
        var column = call.option("column").flatMap(scope::text).or(() -> to.map(RailsNames::referenceColumn));
        return call.option("name").flatMap(scope::text).or(() -> column.map(c -> RailsNames.foreignKey(table.name(), c)));
    }

    private Result removeForeignKey(TableRef table, RbNode.Call call, int toAt) {
        var to = text(call, toAt).or(() -> call.option("to_table").flatMap(scope::text));
        var name = foreignKeyName(table, call, to);
        if (name.isEmpty()) {
            return new Result.NotUnderstood("remove_foreign_key: the key is computed at run time");
        }
        var drop = List.<Operation>of(new Operation.DropConstraint(table, name.get(), flag(call, "if_exists")));
        if (to.isEmpty()) {
            return irreversible(drop, "remove_foreign_key without the referenced table cannot be reversed");
        }
        var add = addForeignKey(table, call, toAt);
        return ops(drop, add instanceof Result.Ops ops ? ops.forward() : List.of());
    }

    private Result validateForeignKey(TableRef table, RbNode.Call call, int toAt) {
        return foreignKeyName(table, call, text(call, toAt)).<Result>map(n -> ops(List.of(new Operation.ValidateConstraint(table, n)), List.of()))
                .orElse(new Result.NotUnderstood("validate_foreign_key: the key is computed at run time"));
    }

    private Result addCheck(TableRef table, RbNode.Call call, int expressionAt) {
        var expression = text(call, expressionAt);
        if (expression.isEmpty()) {
            return new Result.NotUnderstood("add_check_constraint: the expression is computed at run time");
        }
        String name = call.option("name").flatMap(scope::text)
                .orElse(RailsNames.checkConstraint(table.name(), expression.get()));
        boolean valid = call.option("validate").flatMap(scope::bool).orElse(true);
        var constraint = new ConstraintDef(Optional.of(name), ConstraintDef.Kind.CHECK, List.of(), Optional.empty(),
                expression, Optional.empty());
        return ops(List.of(new Operation.AddConstraint(table, constraint, !valid)),
                List.of(new Operation.DropConstraint(table, name, false)));
    }

    private Result removeCheck(TableRef table, RbNode.Call call, int expressionAt) {
        var expression = text(call, expressionAt);
        var name = call.option("name").flatMap(scope::text)
                .or(() -> expression.map(e -> RailsNames.checkConstraint(table.name(), e)));
        if (name.isEmpty()) {
            return new Result.NotUnderstood("remove_check_constraint: the constraint is computed at run time");
        }
        var drop = List.<Operation>of(new Operation.DropConstraint(table, name.get(), flag(call, "if_exists")));
        if (expression.isEmpty()) {
            return irreversible(drop, "remove_check_constraint without its expression cannot be reversed");
        }
        var add = addCheck(table, call, expressionAt);
        return ops(drop, add instanceof Result.Ops ops ? ops.forward() : List.of());
    }

    private Result validateNamed(TableRef table, RbNode.Call call, int nameAt) {
        return call.option("name").or(() -> call.arg(nameAt)).flatMap(scope::text)
                .<Result>map(n -> ops(List.of(new Operation.ValidateConstraint(table, n)), List.of()))
                .orElse(new Result.NotUnderstood(call.name() + ": the constraint is computed at run time"));
    }

    private Result addNamedConstraint(TableRef table, RbNode.Call call, ConstraintDef.Kind kind) {
        var columnNames = kind == ConstraintDef.Kind.UNIQUE ? call.arg(1).flatMap(scope::texts).orElse(List.of())
                : List.<String>of();
        Optional<String> name = call.option("name").flatMap(scope::text);
        var constraint = new ConstraintDef(name, kind, columnNames, Optional.empty(),
                kind == ConstraintDef.Kind.EXCLUSION ? call.arg(1).flatMap(scope::text) : Optional.empty(),
                call.option("using_index").flatMap(scope::text));
        var inverse = name.<List<Operation>>map(n -> List.of(new Operation.DropConstraint(table, n, false)))
                .orElse(Collections.emptyList());
        return name.isPresent() ? ops(List.of(new Operation.AddConstraint(table, constraint, false)), inverse)
                : irreversible(List.of(new Operation.AddConstraint(table, constraint, false)),
                "a constraint without a name cannot be removed by the rollback");
    }
}

package dev.migrationreview.frontend.django;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.django.ProjectState.Model;
import dev.migrationreview.frontend.django.ProjectState.NamedObject;
import dev.migrationreview.frontend.python.PyExpr;
import dev.migrationreview.frontend.python.PyScope;
import dev.migrationreview.frontend.dsl.Span;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Translates Django migration operations into the SQL operations Django's PostgreSQL (or MySQL)
 * schema editor runs, from the project state before each one: AddField adds the column (with a
 * default it then drops), its foreign key and its index, created without CONCURRENTLY; AlterField
 * compares the field with its previous definition; RunSQL hands its SQL on; RunPython is opaque.
 * Each translation also gives the reverse (the rollback), or none when Django cannot reverse it.
 */
final class DjangoOperations {

    /** What one Django operation does to the database, in order. */
    sealed interface Step {
        record Ops(List<Operation> operations) implements Step {}

        /** SQL in a string literal (RunSQL), parsed by the SQL frontend on the literal's lines. */
        record Sql(PyExpr sql) implements Step {}

        /** An operation nested in another (SeparateDatabaseAndState), reported on its own lines. */
        record Nested(PyExpr.Call call, List<Step> steps) implements Step {}

        record NotUnderstood(String reason) implements Step {}
    }

    /** The forward steps, the rollback (empty when irreversible) and the state afterwards. */
    record Translated(List<Step> forward, Optional<List<Step>> backward, ProjectState after) {}

    /** Models of other apps, for the key type and table of a foreign key's target. */
    interface ForeignModels {
        Optional<Model> find(String app, String model);
    }

    private static final List<String> MODEL_PARAMETERS = List.of("name");
    private static final List<String> FIELD_PARAMETERS = List.of("model_name", "name", "field", "preserve_default");

    private final String app;
    private final PyScope scope;
    private final Dialect dialect;
    private final DjangoFields fields;
    private final ForeignModels foreign;
    private final Function<Span, String> source;

    DjangoOperations(String app, PyScope scope, Dialect dialect, DjangoVersion version, ForeignModels foreign,
                     Function<Span, String> source) {
        this.app = app;
        this.scope = scope;
        this.dialect = dialect;
        this.fields = new DjangoFields(scope, dialect, version);
        this.foreign = foreign;
        this.source = source;
    }

    Translated translate(PyExpr.Call call, ProjectState before) {
        String kind = PyScope.simpleName(call.func()).orElse("");
        var after = before.copy();
        return switch (kind) {
            case "CreateModel" -> createModel(call, before, after);
            case "DeleteModel" -> deleteModel(call, before, after);
            case "RenameModel" -> renameModel(call, before, after);
            case "AlterModelTable" -> alterModelTable(call, before, after);
            case "AddField" -> addField(call, before, after);
            case "RemoveField" -> removeField(call, before, after);
            case "AlterField" -> alterField(call, before, after);
            case "RenameField" -> renameField(call, before, after);
            case "AlterUniqueTogether", "AlterIndexTogether" -> together(call, kind, before, after);
            case "AddIndex", "AddIndexConcurrently" -> addIndex(call, kind.endsWith("Concurrently"), before, after);
            case "RemoveIndex", "RemoveIndexConcurrently" ->
                    removeIndex(call, kind.endsWith("Concurrently"), before, after);
            case "RenameIndex" -> renameIndex(call, before, after);
            case "AddConstraint", "AddConstraintNotValid" -> addConstraint(call, kind.endsWith("NotValid"), before, after);
            case "RemoveConstraint" -> removeConstraint(call, before, after);
            case "ValidateConstraint" -> validateConstraint(call, before, after);
            case "AlterOrderWithRespectTo" -> orderWithRespectTo(call, before, after);
            case "RunSQL" -> runSql(call, before, after);
            case "RunPython" -> runPython(call, after);
            case "SeparateDatabaseAndState" -> separate(call, before, after);
            case "AlterModelOptions", "AlterModelManagers", "AlterConstraint" -> new Translated(List.of(ops()), Optional.of(List.of(ops())),
                    after);
            case "AlterModelTableComment" -> {
                var model = before.modelOrDefault(app, string(call.bind(List.of("name", "table_comment")), "name"));
                var comment = ops(new Operation.OtherDdl("COMMENT ON TABLE", Optional.of(table(model))));
                yield new Translated(List.of(comment), Optional.of(List.of(comment)), after);
            }
            case "CreateExtension", "BtreeGinExtension", "BtreeGistExtension", "CITextExtension", "CryptoExtension",
                 "HStoreExtension", "TrigramExtension", "UnaccentExtension" -> new Translated(
                    List.of(ops(new Operation.OtherDdl("CREATE EXTENSION", Optional.empty()))),
                    Optional.of(List.of(ops(new Operation.OtherDdl("DROP EXTENSION", Optional.empty())))), after);
            case "CreateCollation", "RemoveCollation" -> new Translated(
                    List.of(ops(new Operation.OtherDdl(kind.startsWith("Create") ? "CREATE COLLATION" : "DROP COLLATION",
                            Optional.empty()))), Optional.of(List.of(ops())), after);
            default -> new Translated(List.of(new Step.NotUnderstood("Django operation " + kind
                    + " is not one this review reads")), Optional.empty(), after);
        };
    }

    private static Step ops(Operation... operations) {
        return new Step.Ops(List.of(operations));
    }

    private static Step ops(List<Operation> operations) {
        return new Step.Ops(operations);
    }

    private String string(Map<String, PyExpr> args, String name) {
        return Optional.ofNullable(args.get(name)).flatMap(scope::string).orElse("");
    }

    private static TableRef table(Model model) {
        return TableRef.of(model.table());
    }

    private static Translated both(List<Operation> forward, List<Operation> backward, ProjectState after) {
        return new Translated(List.of(ops(forward)), Optional.of(List.of(ops(backward))), after);
    }

    // ---- models -------------------------------------------------------------------------------

    private Translated createModel(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("name", "fields", "options", "bases", "managers"));
        String name = string(args, "name");
        var fieldMap = new LinkedHashMap<String, FieldSpec>();
        var unreadable = new ArrayList<String>();
        for (PyExpr entry : Optional.ofNullable(args.get("fields")).flatMap(scope::elements).orElse(List.of())) {
            var pair = scope.elements(entry).filter(p -> p.size() == 2);
            var fieldName = pair.flatMap(p -> scope.string(p.get(0)));
            var field = fieldName.flatMap(n -> fields.read(n, pair.get().get(1)));
            field.ifPresentOrElse(f -> fieldMap.put(f.name(), f), () -> unreadable.add(fieldName.orElse("?")));
        }
        var options = Optional.ofNullable(args.get("options")).map(scope::resolve)
                .filter(o -> o instanceof PyExpr.Dict).map(o -> (PyExpr.Dict) o);
        Map<String, PyExpr> optionMap = new HashMap<>();
        options.ifPresent(d -> d.entries().forEach(e -> e.key().flatMap(scope::string)
                .ifPresent(k -> optionMap.put(k, e.value()))));
        boolean managed = Optional.ofNullable(optionMap.get("managed")).flatMap(scope::bool).orElse(true)
                && !Optional.ofNullable(optionMap.get("proxy")).flatMap(scope::bool).orElse(false);
        var model = new Model(app, name, Optional.ofNullable(optionMap.get("db_table")).flatMap(scope::string),
                fieldMap, together(optionMap.get("unique_together")), together(optionMap.get("index_together")),
                Map.of(), Map.of(), managed);
        var indexes = new LinkedHashMap<String, NamedObject>();
        for (PyExpr index : Optional.ofNullable(optionMap.get("indexes")).flatMap(scope::elements).orElse(List.of())) {
            index(model, index, false).ifPresent(i -> indexes.put(indexName(i.create()), i));
        }
        var constraints = new LinkedHashMap<String, NamedObject>();
        for (PyExpr c : Optional.ofNullable(optionMap.get("constraints")).flatMap(scope::elements).orElse(List.of())) {
            constraint(model, c, false).ifPresent(o -> constraints.put(objectName(o), o));
        }
        model = model.withIndexes(indexes).withConstraints(constraints);
        after.put(model);
        if (!unreadable.isEmpty()) {
            return new Translated(List.of(new Step.NotUnderstood("CreateModel " + name + ": fields "
                    + unreadable + " are not readable")), Optional.empty(), after);
        }
        if (!model.managed()) {
            return both(List.of(), List.of(), after);
        }
        return both(createModelOps(model, after), deleteModelOps(model), after);
    }

    private List<List<String>> together(PyExpr value) {
        if (value == null) {
            return List.of();
        }
        var sets = new ArrayList<List<String>>();
        var elements = scope.elements(value).orElse(List.of());
        if (!elements.isEmpty() && scope.string(elements.get(0)).isPresent()) {
            scope.strings(value).ifPresent(sets::add);
            return sets;
        }
        for (PyExpr set : elements) {
            scope.strings(set).ifPresent(sets::add);
        }
        return sets;
    }

    private List<Operation> createModelOps(Model model, ProjectState state) {
        var columns = new ArrayList<ColumnDef>();
        var constraints = new ArrayList<ConstraintDef>();
        var later = new ArrayList<Operation>();
        for (FieldSpec field : model.fields().values()) {
            if (field.isManyToMany()) {
                later.addAll(throughTable(model, field, state, true));
                continue;
            }
            columns.add(column(model, field, state, Optional.empty()));
            later.addAll(fieldIndexes(model, field));
        }
        for (List<String> unique : model.uniqueTogether()) {
            var cols = unique.stream().map(model::column).toList();
            constraints.add(new ConstraintDef(Optional.of(DjangoNames.index(model.table(), cols, "_uniq")),
                    ConstraintDef.Kind.UNIQUE, cols, Optional.empty(), Optional.empty(), Optional.empty()));
        }
        for (List<String> index : model.indexTogether()) {
            later.add(togetherIndex(model, index));
        }
        for (NamedObject object : model.constraints().values()) {
            if (object.create() instanceof Operation.AddConstraint add) {
                constraints.add(add.constraint());
            } else {
                later.add(object.create());
            }
        }
        model.indexes().values().forEach(i -> later.add(i.create()));
        var operations = new ArrayList<Operation>();
        operations.add(new Operation.CreateTable(table(model), columns, constraints, false, false, false,
                Optional.empty()));
        operations.addAll(later);
        return operations;
    }

    private List<Operation> deleteModelOps(Model model) {
        var operations = new ArrayList<Operation>();
        for (FieldSpec field : model.fields().values()) {
            if (field.isManyToMany() && field.relation().flatMap(FieldSpec.Relation::through).isEmpty()) {
                operations.add(new Operation.DropTable(List.of(TableRef.of(throughName(model, field))), false, false));
            }
        }
        operations.add(new Operation.DropTable(List.of(table(model)), false, false));
        return operations;
    }

    private Translated deleteModel(PyExpr.Call call, ProjectState before, ProjectState after) {
        String name = string(call.bind(MODEL_PARAMETERS), "name");
        var model = before.modelOrDefault(app, name);
        after.remove(app, name);
        if (!model.managed()) {
            return both(List.of(), List.of(), after);
        }
        return both(deleteModelOps(model), createModelOps(model, before), after);
    }

    private Translated renameModel(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("old_name", "new_name"));
        String oldName = string(args, "old_name");
        String newName = string(args, "new_name");
        var model = before.modelOrDefault(app, oldName);
        var renamed = model.renamed(newName);
        after.remove(app, oldName);
        after.put(renamed);
        for (Model other : after.models()) {
            after.put(other.withFields(retarget(other, oldName, newName)));
        }
        return both(renameTables(model, renamed), renameTables(renamed, model), after);
    }

    /** Fields of {@code model} with relations to this app's {@code oldName} pointed at {@code newName}. */
    private Map<String, FieldSpec> retarget(Model model, String oldName, String newName) {
        var result = new LinkedHashMap<String, FieldSpec>();
        for (FieldSpec f : model.fields().values()) {
            var relation = f.relation().filter(r -> reference(r.target(), model.app()).equals(List.of(app,
                    oldName.toLowerCase(Locale.ROOT))));
            result.put(f.name(), relation.isEmpty() ? f : new FieldSpec(f.name(), f.fieldClass(), f.kind(),
                    f.dbColumn(), f.type(), f.nullable(), f.primaryKey(), f.unique(), f.dbIndex(), f.generated(),
                    f.positive(), f.defaultValue(), f.dbDefault(), Optional.of(new FieldSpec.Relation(
                    app + "." + newName, relation.get().toField(), relation.get().dbConstraint(),
                    relation.get().through()))));
        }
        return result;
    }

    private List<Operation> renameTables(Model from, Model to) {
        var operations = new ArrayList<Operation>();
        if (!from.table().equals(to.table())) {
            operations.add(new Operation.RenameTable(table(from), to.table()));
        }
        for (FieldSpec field : from.fields().values()) {
            if (field.isManyToMany() && field.relation().flatMap(FieldSpec.Relation::through).isEmpty()
                    && !throughName(from, field).equals(throughName(to, field))) {
                operations.add(new Operation.RenameTable(TableRef.of(throughName(from, field)), throughName(to, field)));
            }
        }
        return operations;
    }

    private Translated alterModelTable(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("name", "table"));
        var model = before.modelOrDefault(app, string(args, "name"));
        var moved = model.withTable(Optional.ofNullable(args.get("table")).flatMap(scope::string));
        after.put(moved);
        return both(renameTables(model, moved), renameTables(moved, model), after);
    }

    // ---- fields -------------------------------------------------------------------------------

    private Translated addField(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(FIELD_PARAMETERS);
        var model = before.modelOrDefault(app, string(args, "model_name"));
        var field = Optional.ofNullable(args.get("field")).flatMap(f -> fields.read(string(args, "name"), f));
        if (field.isEmpty()) {
            return unreadableField("AddField", after);
        }
        var changed = model.withField(field.get());
        after.put(changed);
        return new Translated(addFieldSteps(changed, field.get(), after),
                Optional.of(List.of(ops(removeFieldOps(model, field.get())))), after);
    }

    private static Translated unreadableField(String operation, ProjectState after) {
        return new Translated(List.of(new Step.NotUnderstood(operation + ": the field is not a field call this review"
                + " can read")), Optional.empty(), after);
    }

    /**
     * ADD COLUMN as Django runs it: with the effective default in the statement (then dropped, as
     * Django keeps defaults in Python), the foreign key inline, and the index built afterwards
     * without CONCURRENTLY. A volatile callable default is evaluated once by Django, so every
     * existing row gets the same value: reported as code whose effect needs a reviewer.
     */
    private List<Step> addFieldSteps(Model model, FieldSpec field, ProjectState state) {
        if (field.isManyToMany()) {
            return List.of(ops(throughTable(model, field, state, false)));
        }
        var pythonDefault = field.dbDefault().isEmpty() ? field.defaultValue() : Optional.<FieldSpec.PythonDefault>empty();
        var operations = new ArrayList<Operation>();
        operations.add(new Operation.AddColumn(table(model),
                column(model, field, state, pythonDefault.map(d -> new DefaultValue(d.sql()))), false));
        if (pythonDefault.isPresent()) {
            operations.add(new Operation.SetColumnDefault(table(model), field.column(), Optional.empty()));
            if (pythonDefault.get().volatileCallable()) {
                operations.add(new Operation.OpaqueCode("Django calls default=" + pythonDefault.get().sql()
                        + " once: every existing row of " + model.table() + " gets the same " + field.column()));
            }
        }
        operations.addAll(fieldIndexes(model, field));
        return List.of(ops(operations));
    }

    private List<Operation> removeFieldOps(Model model, FieldSpec field) {
        if (field.isManyToMany()) {
            return field.relation().flatMap(FieldSpec.Relation::through).isPresent() ? List.of()
                    : List.of(new Operation.DropTable(List.of(TableRef.of(throughName(model, field))), false, false));
        }
        return List.of(new Operation.DropColumn(table(model), field.column(), false, false));
    }

    private Translated removeField(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "name"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        String name = string(args, "name");
        var field = model.field(name);
        after.put(model.withoutField(name));
        if (field.isEmpty()) {
            // Earlier migrations were not readable: the column is named after the field.
            var drop = new Operation.DropColumn(table(model), name, false, false);
            return new Translated(List.of(ops(drop)), Optional.empty(), after);
        }
        return new Translated(List.of(ops(removeFieldOps(model, field.get()))),
                Optional.of(addFieldSteps(model, field.get(), before)), after);
    }

    private Translated alterField(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(FIELD_PARAMETERS);
        var model = before.modelOrDefault(app, string(args, "model_name"));
        String name = string(args, "name");
        var field = Optional.ofNullable(args.get("field")).flatMap(f -> fields.read(name, f));
        if (field.isEmpty()) {
            return unreadableField("AlterField", after);
        }
        var changed = model.withField(field.get());
        after.put(changed);
        var previous = model.field(name);
        if (previous.isEmpty()) {
            return new Translated(List.of(new Step.NotUnderstood("AlterField " + model.name() + "." + name
                    + ": the field's previous definition is not in the migrations this review could read")),
                    Optional.empty(), after);
        }
        return both(alterFieldOps(model, previous.get(), field.get(), before),
                alterFieldOps(changed, field.get(), previous.get(), after), after);
    }

    /** What Django's {@code _alter_field} runs on PostgreSQL for the difference between two definitions. */
    private List<Operation> alterFieldOps(Model model, FieldSpec old, FieldSpec now, ProjectState state) {
        var operations = new ArrayList<Operation>();
        if (old.isManyToMany() || now.isManyToMany()) {
            return operations;
        }
        TableRef table = table(model);
        String column = now.column();
        var oldColumn = column(model, old, state, Optional.empty());
        var newColumn = column(model, now, state, Optional.empty());
        if (oldColumn.references().isPresent() && !oldColumn.references().equals(newColumn.references())) {
            operations.add(new Operation.DropConstraint(table, foreignKeyName(model, old, oldColumn), false));
        }
        if (old.isUnique() && !now.isUnique()) {
            operations.add(new Operation.DropConstraint(table, DjangoNames.index(model.table(), List.of(old.column()),
                    "_uniq"), false));
        }
        if (old.isIndexed() && !now.isIndexed()) {
            operations.add(new Operation.DropIndex(List.of(DjangoNames.index(model.table(), List.of(old.column()), "")),
                    Optional.of(table), false, false, false));
        }
        if (!old.column().equals(column)) {
            operations.add(new Operation.RenameColumn(table, old.column(), column));
        }
        if (newColumn.type().isPresent() && oldColumn.type().isPresent()
                && !newColumn.type().get().equals(oldColumn.type().get())) {
            operations.add(new Operation.AlterColumnType(table, column, newColumn.type().get(), Optional.empty(),
                    mysqlDefinition(newColumn)));
        }
        if (!old.dbDefault().equals(now.dbDefault())) {
            operations.add(new Operation.SetColumnDefault(table, column, now.dbDefault()));
        }
        if (old.nullable() && !now.nullable()) {
            var fill = now.dbDefault().isEmpty() ? now.defaultValue() : Optional.<FieldSpec.PythonDefault>empty();
            if (fill.isPresent()) {
                // Django's four-way default dance: set the default, fill the NULLs, set NOT NULL, drop it.
                operations.add(new Operation.SetColumnDefault(table, column, Optional.of(new DefaultValue(fill.get().sql()))));
                operations.add(new Operation.DataChange(Operation.DataChange.Kind.UPDATE, table, true, false));
                operations.add(new Operation.SetNotNull(table, column));
                operations.add(new Operation.SetColumnDefault(table, column, Optional.empty()));
            } else {
                operations.add(new Operation.SetNotNull(table, column));
            }
        } else if (!old.nullable() && now.nullable()) {
            operations.add(new Operation.DropNotNull(table, column));
        }
        if (!old.isUnique() && now.isUnique() && !now.primaryKey()) {
            var name = DjangoNames.index(model.table(), List.of(column), "_uniq");
            operations.add(new Operation.AddConstraint(table, new ConstraintDef(Optional.of(name),
                    ConstraintDef.Kind.UNIQUE, List.of(column), Optional.empty(), Optional.empty(), Optional.empty()),
                    false));
        }
        if (!old.isIndexed() && now.isIndexed()) {
            operations.add(plainIndex(model, column));
        }
        if (newColumn.references().isPresent() && !newColumn.references().equals(oldColumn.references())) {
            operations.add(new Operation.AddConstraint(table, new ConstraintDef(
                    Optional.of(foreignKeyName(model, now, newColumn)), ConstraintDef.Kind.FOREIGN_KEY, List.of(column),
                    newColumn.references(), Optional.empty(), Optional.empty()), false));
        }
        return operations;
    }

    private Optional<ColumnDef> mysqlDefinition(ColumnDef column) {
        return dialect.isMysqlFamily() ? Optional.of(column) : Optional.empty();
    }

    private Translated renameField(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "old_name", "new_name"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        String oldName = string(args, "old_name");
        String newName = string(args, "new_name");
        var field = model.field(oldName);
        if (field.isEmpty()) {
            after.put(model);
            var rename = new Operation.RenameColumn(table(model), oldName, newName);
            return new Translated(List.of(ops(rename)), Optional.empty(), after);
        }
        var old = field.get();
        var renamed = new FieldSpec(newName, old.fieldClass(), old.kind(), old.dbColumn(), old.type(), old.nullable(),
                old.primaryKey(), old.unique(), old.dbIndex(), old.generated(), old.positive(), old.defaultValue(),
                old.dbDefault(), old.relation());
        var fieldsAfter = new LinkedHashMap<String, FieldSpec>();
        model.fields().forEach((n, f) -> fieldsAfter.put(n.equals(oldName) ? newName : n, n.equals(oldName) ? renamed : f));
        var changed = model.withFields(fieldsAfter);
        after.put(changed);
        return both(renameFieldOps(model, old, changed, renamed), renameFieldOps(changed, renamed, model, old), after);
    }

    private List<Operation> renameFieldOps(Model fromModel, FieldSpec from, Model toModel, FieldSpec to) {
        if (from.isManyToMany()) {
            return from.relation().flatMap(FieldSpec.Relation::through).isPresent() ? List.of()
                    : List.of(new Operation.RenameTable(TableRef.of(throughName(fromModel, from)), throughName(toModel, to)));
        }
        if (from.column().equals(to.column())) {
            return List.of();
        }
        return List.of(new Operation.RenameColumn(table(fromModel), from.column(), to.column()));
    }

    private Translated orderWithRespectTo(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("name", "order_with_respect_to"));
        var model = before.modelOrDefault(app, string(args, "name"));
        boolean set = args.containsKey("order_with_respect_to") && !PyScope.isNone(args.get("order_with_respect_to"));
        var order = new FieldSpec("_order", "OrderWrt", FieldSpec.Kind.PLAIN, Optional.empty(),
                Optional.of(DataType.of("integer")), false, false, false, false, Optional.empty(), false,
                Optional.of(new FieldSpec.PythonDefault("0", false, false)), Optional.empty(), Optional.empty());
        boolean had = model.field("_order").isPresent();
        if (set == had) {
            return both(List.of(), List.of(), after);
        }
        var changed = set ? model.withField(order) : model.withoutField("_order");
        after.put(changed);
        if (set) {
            return new Translated(addFieldSteps(changed, order, after),
                    Optional.of(List.of(ops(removeFieldOps(model, order)))), after);
        }
        return new Translated(List.of(ops(removeFieldOps(model, order))), Optional.of(addFieldSteps(model, order, before)),
                after);
    }

    // ---- columns, keys and indexes ------------------------------------------------------------

    /** The column as CREATE TABLE or ADD COLUMN writes it. */
    private ColumnDef column(Model model, FieldSpec field, ProjectState state, Optional<DefaultValue> pythonDefault) {
        Optional<DataType> type = field.type();
        Optional<ForeignKeyTarget> references = Optional.empty();
        if (field.isRelationColumn() && field.relation().isPresent()) {
            var relation = field.relation().get();
            var target = target(relation, model, state);
            var targetField = relation.toField().flatMap(target::field).or(target::primaryKey);
            type = targetField.flatMap(FieldSpec::type).map(DjangoOperations::keyType)
                    .or(() -> ContribModels.keyType(target.app()));
            if (relation.dbConstraint()) {
                references = Optional.of(new ForeignKeyTarget(table(target),
                        List.of(targetField.map(FieldSpec::column).orElse("id"))));
            }
        }
        var defaultValue = field.dbDefault().or(() -> pythonDefault);
        return new ColumnDef(field.column(), type, !field.nullable(), defaultValue, field.primaryKey(),
                field.isUnique() && !field.primaryKey(), field.generated(), references,
                field.positive() ? Optional.of("\"" + field.column() + "\" >= 0") : Optional.empty());
    }

    /** A key column referencing a serial or identity key has the key's plain integer type. */
    private static DataType keyType(DataType key) {
        return switch (key.name()) {
            case "serial", "serial4" -> DataType.of("integer");
            case "bigserial", "serial8" -> DataType.of("bigint");
            case "smallserial", "serial2" -> DataType.of("smallint");
            default -> key;
        };
    }

    /** The type of a column referencing the model's primary key. */
    private static Optional<DataType> keyTypeOf(Model model) {
        return model.primaryKey().flatMap(FieldSpec::type).map(DjangoOperations::keyType);
    }

    /** The model a relation points at: in this state, another app's migrations, or a placeholder. */
    private Model target(FieldSpec.Relation relation, Model from, ProjectState state) {
        var ref = reference(relation.target(), from.app());
        return state.model(ref.get(0), ref.get(1))
                .or(() -> foreign.find(ref.get(0), ref.get(1)))
                .orElse(Model.of(ref.get(0), ref.get(1)));
    }

    /** ["app", "model"] for "app.Model", "Model" (the current app) or "self". */
    private List<String> reference(String target, String currentApp) {
        int dot = target.lastIndexOf('.');
        if (dot < 0) {
            return List.of(currentApp, target.toLowerCase(Locale.ROOT));
        }
        return List.of(target.substring(0, dot), target.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private String foreignKeyName(Model model, FieldSpec field, ColumnDef column) {
        var target = column.references().orElseThrow();
        return DjangoNames.index(model.table(), List.of(field.column()), "_fk_" + target.table().name() + "_"
                + String.join("_", target.columns()));
    }

    /** The indexes Django creates with a column: db_index (foreign keys, slugs) and the LIKE index for text. */
    private List<Operation> fieldIndexes(Model model, FieldSpec field) {
        var operations = new ArrayList<Operation>();
        if (field.isIndexed()) {
            operations.add(plainIndex(model, field.column()));
        }
        boolean text = field.type().map(t -> t.isVarchar() || t.name().equals("text")).orElse(false);
        if (dialect.isPostgres() && text && !field.primaryKey() && (field.isIndexed() || field.isUnique())) {
            operations.add(new Operation.CreateIndex(Optional.of(DjangoNames.index(model.table(),
                    List.of(field.column()), "_like")), table(model), List.of(field.column()), false, false, false,
                    false, Optional.empty()));
        }
        return operations;
    }

    private Operation plainIndex(Model model, String column) {
        return new Operation.CreateIndex(Optional.of(DjangoNames.index(model.table(), List.of(column), "")),
                table(model), List.of(column), false, false, false, false, Optional.empty());
    }

    private Operation togetherIndex(Model model, List<String> fieldNames) {
        var columns = fieldNames.stream().map(model::column).toList();
        return new Operation.CreateIndex(Optional.of(DjangoNames.index(model.table(), columns, "_idx")), table(model),
                columns, false, false, false, false, Optional.empty());
    }

    private static String throughName(Model model, FieldSpec field) {
        return model.table() + "_" + field.column();
    }

    /** The join table Django creates for a many-to-many field without an explicit through model. */
    private List<Operation> throughTable(Model model, FieldSpec field, ProjectState state, boolean onNewTable) {
        if (field.relation().isEmpty() || field.relation().get().through().isPresent()) {
            return List.of();
        }
        var target = target(field.relation().get(), model, state);
        String from = model.name().toLowerCase(Locale.ROOT) + "_id";
        String to = (target.name().equalsIgnoreCase(model.name()) ? "to_" : "") + target.name().toLowerCase(Locale.ROOT)
                + "_id";
        if (from.equals(to)) {
            from = "from_" + from;
        }
        var fromType = keyTypeOf(model);
        var toType = keyTypeOf(target);
        String name = throughName(model, field);
        var columns = List.of(
                new ColumnDef("id", Optional.of(fromType.orElse(DataType.of("bigint"))), true,
                        Optional.empty(), true, false, Optional.of(dialect.isMysqlFamily()
                        ? ColumnDef.Generated.AUTO_INCREMENT : ColumnDef.Generated.IDENTITY_BY_DEFAULT),
                        Optional.empty(), Optional.empty()),
                new ColumnDef(from, fromType, true, Optional.empty(), false, false, Optional.empty(),
                        Optional.of(new ForeignKeyTarget(table(model), List.of("id"))), Optional.empty()),
                new ColumnDef(to, toType, true, Optional.empty(), false, false, Optional.empty(),
                        Optional.of(new ForeignKeyTarget(table(target), List.of("id"))), Optional.empty()));
        var unique = ConstraintDef.of(ConstraintDef.Kind.UNIQUE, List.of(from, to));
        var through = TableRef.of(name);
        return List.of(
                new Operation.CreateTable(through, columns, List.of(unique), false, false, false, Optional.empty()),
                new Operation.CreateIndex(Optional.of(DjangoNames.index(name, List.of(from), "")), through, List.of(from),
                        false, false, false, false, Optional.empty()),
                new Operation.CreateIndex(Optional.of(DjangoNames.index(name, List.of(to), "")), through, List.of(to),
                        false, false, false, false, Optional.empty()));
    }

    // ---- indexes and constraints --------------------------------------------------------------

    private Translated together(PyExpr.Call call, String kind, ProjectState before, ProjectState after) {
        boolean unique = kind.equals("AlterUniqueTogether");
        var args = call.bind(List.of("name", unique ? "unique_together" : "index_together"));
        var model = before.modelOrDefault(app, string(args, "name"));
        var sets = together(args.get(unique ? "unique_together" : "index_together"));
        var old = unique ? model.uniqueTogether() : model.indexTogether();
        var changed = unique ? model.withTogether(sets, model.indexTogether()) : model.withTogether(model.uniqueTogether(), sets);
        after.put(changed);
        return both(togetherOps(model, old, sets, unique), togetherOps(changed, sets, old, unique), after);
    }

    private List<Operation> togetherOps(Model model, List<List<String>> old, List<List<String>> now, boolean unique) {
        var operations = new ArrayList<Operation>();
        for (List<String> removed : old) {
            if (!now.contains(removed)) {
                var columns = removed.stream().map(model::column).toList();
                operations.add(unique
                        ? new Operation.DropConstraint(table(model), DjangoNames.index(model.table(), columns, "_uniq"), false)
                        : new Operation.DropIndex(List.of(DjangoNames.index(model.table(), columns, "_idx")),
                        Optional.of(table(model)), false, false, false));
            }
        }
        for (List<String> added : now) {
            if (!old.contains(added)) {
                var columns = added.stream().map(model::column).toList();
                operations.add(unique ? new Operation.AddConstraint(table(model), new ConstraintDef(
                        Optional.of(DjangoNames.index(model.table(), columns, "_uniq")), ConstraintDef.Kind.UNIQUE,
                        columns, Optional.empty(), Optional.empty(), Optional.empty()), false)
                        : togetherIndex(model, added));
            }
        }
        return operations;
    }

    /** {@code models.Index(fields=[...], name=..., condition=...)} or a contrib.postgres index class. */
    private Optional<NamedObject> index(Model model, PyExpr expr, boolean concurrently) {
        if (!(scope.resolve(expr) instanceof PyExpr.Call call)) {
            return Optional.empty();
        }
        String cls = PyScope.simpleName(call.func()).orElse("Index");
        var columns = new ArrayList<String>();
        for (String f : Optional.ofNullable(call.keyword("fields").orElse(null)).flatMap(scope::strings).orElse(List.of())) {
            columns.add(model.column(f.startsWith("-") ? f.substring(1) : f));
        }
        for (PyExpr expression : call.args()) {
            columns.add(source.apply(expression.span()));
        }
        var name = call.keyword("name").flatMap(scope::string)
                .orElseGet(() -> DjangoNames.index(model.table(), columns, "_idx"));
        Optional<String> method = cls.equals("Index") || !cls.endsWith("Index") ? Optional.empty()
                : Optional.of(cls.substring(0, cls.length() - "Index".length()).toLowerCase(Locale.ROOT));
        var create = new Operation.CreateIndex(Optional.of(name), table(model), columns, false, concurrently,
                call.keyword("condition").isPresent(), false, method);
        return Optional.of(new NamedObject(create, new Operation.DropIndex(List.of(name), Optional.of(table(model)),
                concurrently, false, false)));
    }

    private static String indexName(Operation create) {
        return create instanceof Operation.CreateIndex index ? index.name().orElse("") : "";
    }

    private static String objectName(NamedObject object) {
        return switch (object.create()) {
            case Operation.AddConstraint add -> add.constraint().name().orElse("");
            case Operation.CreateIndex index -> index.name().orElse("");
            default -> "";
        };
    }

    private Translated addIndex(PyExpr.Call call, boolean concurrently, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "index"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        var index = Optional.ofNullable(args.get("index")).flatMap(i -> index(model, i, concurrently));
        if (index.isEmpty()) {
            return new Translated(List.of(new Step.NotUnderstood("AddIndex: the index is not an Index(...) call this"
                    + " review can read")), Optional.empty(), after);
        }
        var indexes = new HashMap<>(model.indexes());
        indexes.put(indexName(index.get().create()), index.get());
        after.put(model.withIndexes(indexes));
        return both(List.of(index.get().create()), List.of(index.get().drop()), after);
    }

    private Translated removeIndex(PyExpr.Call call, boolean concurrently, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "name"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        String name = string(args, "name");
        var indexes = new HashMap<>(model.indexes());
        var removed = Optional.ofNullable(indexes.remove(name));
        after.put(model.withIndexes(indexes));
        var drop = new Operation.DropIndex(List.of(name), Optional.of(table(model)), concurrently, false, false);
        return new Translated(List.of(ops(drop)), removed.map(r -> List.of(ops(withConcurrently(r.create(),
                concurrently)))), after);
    }

    private static Operation withConcurrently(Operation create, boolean concurrently) {
        if (create instanceof Operation.CreateIndex i) {
            return new Operation.CreateIndex(i.name(), i.table(), i.columns(), i.unique(), concurrently, i.partial(),
                    i.ifNotExists(), i.method());
        }
        return create;
    }

    private Translated renameIndex(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "new_name", "old_name", "old_fields"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        String newName = string(args, "new_name");
        String oldName = Optional.ofNullable(args.get("old_name")).flatMap(scope::string).orElseGet(() ->
                DjangoNames.index(model.table(), Optional.ofNullable(args.get("old_fields")).flatMap(scope::strings)
                        .orElse(List.of()).stream().map(model::column).toList(), "_idx"));
        var indexes = new HashMap<>(model.indexes());
        var existing = Optional.ofNullable(indexes.remove(oldName));
        existing.ifPresent(e -> indexes.put(newName, renamedIndex(e, newName, model)));
        after.put(model.withIndexes(indexes));
        return both(List.of(new Operation.RenameIndex(oldName, newName)),
                List.of(new Operation.RenameIndex(newName, oldName)), after);
    }

    private static NamedObject renamedIndex(NamedObject index, String newName, Model model) {
        if (index.create() instanceof Operation.CreateIndex i) {
            return new NamedObject(new Operation.CreateIndex(Optional.of(newName), i.table(), i.columns(), i.unique(),
                    i.concurrently(), i.partial(), i.ifNotExists(), i.method()),
                    new Operation.DropIndex(List.of(newName), Optional.of(table(model)), false, false, false));
        }
        return index;
    }

    /**
     * A constraint as Django creates it: a plain UniqueConstraint or CheckConstraint with ALTER
     * TABLE ... ADD CONSTRAINT (validated under lock), a conditional or expression unique
     * constraint as a unique index.
     */
    private Optional<NamedObject> constraint(Model model, PyExpr expr, boolean notValid) {
        if (!(scope.resolve(expr) instanceof PyExpr.Call call)) {
            return Optional.empty();
        }
        String cls = PyScope.simpleName(call.func()).orElse("");
        String name = call.keyword("name").flatMap(scope::string).orElse("");
        TableRef table = table(model);
        var columns = call.keyword("fields").flatMap(scope::strings).orElse(List.of()).stream()
                .map(model::column).toList();
        BiFunction<ConstraintDef.Kind, Optional<String>, NamedObject> alter = (kind, expression) -> new NamedObject(
                new Operation.AddConstraint(table, new ConstraintDef(Optional.of(name), kind, columns, Optional.empty(),
                        expression, Optional.empty()), notValid),
                new Operation.DropConstraint(table, name, false));
        return switch (cls) {
            case "UniqueConstraint" -> {
                boolean asIndex = call.keyword("condition").isPresent() || !call.args().isEmpty()
                        || call.keyword("include").isPresent() || call.keyword("opclasses").isPresent();
                if (!asIndex) {
                    yield Optional.of(alter.apply(ConstraintDef.Kind.UNIQUE, Optional.empty()));
                }
                var indexColumns = new ArrayList<>(columns);
                call.args().forEach(a -> indexColumns.add(source.apply(a.span())));
                yield Optional.of(new NamedObject(new Operation.CreateIndex(Optional.of(name), table, indexColumns, true,
                        false, call.keyword("condition").isPresent(), false, Optional.empty()),
                        new Operation.DropIndex(List.of(name), Optional.of(table), false, false, false)));
            }
            case "CheckConstraint" -> Optional.of(alter.apply(ConstraintDef.Kind.CHECK,
                    call.keyword("condition").or(() -> call.keyword("check")).map(c -> source.apply(c.span()))));
            case "ExclusionConstraint" -> Optional.of(alter.apply(ConstraintDef.Kind.EXCLUSION, Optional.empty()));
            default -> Optional.empty();
        };
    }

    private Translated addConstraint(PyExpr.Call call, boolean notValid, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "constraint"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        var constraint = Optional.ofNullable(args.get("constraint")).flatMap(c -> constraint(model, c, notValid));
        if (constraint.isEmpty()) {
            return new Translated(List.of(new Step.NotUnderstood("AddConstraint: the constraint is not one this review"
                    + " can read")), Optional.empty(), after);
        }
        var constraints = new HashMap<>(model.constraints());
        constraints.put(objectName(constraint.get()), constraint.get());
        after.put(model.withConstraints(constraints));
        return both(List.of(constraint.get().create()), List.of(constraint.get().drop()), after);
    }

    private Translated removeConstraint(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "name"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        String name = string(args, "name");
        var constraints = new HashMap<>(model.constraints());
        var removed = Optional.ofNullable(constraints.remove(name));
        after.put(model.withConstraints(constraints));
        Operation drop = removed.map(NamedObject::drop).orElse(new Operation.DropConstraint(table(model), name, false));
        return new Translated(List.of(ops(drop)), removed.map(r -> List.of(ops(r.create()))), after);
    }

    private Translated validateConstraint(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("model_name", "name"));
        var model = before.modelOrDefault(app, string(args, "model_name"));
        return both(List.of(new Operation.ValidateConstraint(table(model), string(args, "name"))), List.of(), after);
    }

    // ---- code ---------------------------------------------------------------------------------

    private Translated runSql(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("sql", "reverse_sql", "state_operations", "hints", "elidable"));
        applyStateOperations(args.get("state_operations"), after);
        return new Translated(sqlSteps(args.get("sql")).orElse(List.of()), Optional.ofNullable(args.get("reverse_sql"))
                .flatMap(this::sqlSteps), after);
    }

    /** SQL of RunSQL: a string, or a list of strings and (sql, params) pairs; {@code RunSQL.noop} is none. */
    private Optional<List<Step>> sqlSteps(PyExpr value) {
        if (value == null || PyScope.isNone(value)) {
            return Optional.empty();
        }
        if (PyScope.dotted(value).filter(d -> d.endsWith(".noop")).isPresent()) {
            return Optional.of(List.of());
        }
        if (scope.string(value).isPresent()) {
            return Optional.of(List.of(new Step.Sql(value)));
        }
        var elements = scope.elements(value);
        if (elements.isEmpty()) {
            return Optional.of(List.of(new Step.NotUnderstood("the SQL given to RunSQL is computed at run time")));
        }
        var steps = new ArrayList<Step>();
        for (PyExpr element : elements.get()) {
            var pair = scope.elements(element);
            steps.addAll(sqlSteps(pair.isPresent() && !pair.get().isEmpty() ? pair.get().get(0) : element)
                    .orElse(List.of()));
        }
        return Optional.of(steps);
    }

    private Translated runPython(PyExpr.Call call, ProjectState after) {
        var args = call.bind(List.of("code", "reverse_code", "atomic", "hints", "elidable"));
        String code = Optional.ofNullable(args.get("code")).map(c -> source.apply(c.span())).orElse("code");
        var forward = List.of(ops(new Operation.OpaqueCode("RunPython " + code + ": a data migration in Python")));
        var reverse = Optional.ofNullable(args.get("reverse_code")).filter(r -> !PyScope.isNone(r)).map(r ->
                PyScope.dotted(r).filter(d -> d.endsWith(".noop")).isPresent() ? List.<Step>of()
                        : List.of(ops(new Operation.OpaqueCode("RunPython " + source.apply(r.span())
                        + ": reverses the data migration in Python"))));
        return new Translated(forward, reverse, after);
    }

    /** Database operations run against a copy of the state; only the state operations change the state. */
    private Translated separate(PyExpr.Call call, ProjectState before, ProjectState after) {
        var args = call.bind(List.of("database_operations", "state_operations"));
        var forward = new ArrayList<Step>();
        var backward = new ArrayList<Step>();
        boolean reversible = true;
        var database = before.copy();
        for (PyExpr op : Optional.ofNullable(args.get("database_operations")).flatMap(scope::elements).orElse(List.of())) {
            if (!(op instanceof PyExpr.Call inner)) {
                forward.add(new Step.NotUnderstood("a database operation that is not a call"));
                continue;
            }
            var translated = translate(inner, database);
            forward.add(new Step.Nested(inner, translated.forward()));
            translated.backward().ifPresent(b -> backward.add(0, new Step.Nested(inner, b)));
            reversible &= translated.backward().isPresent();
            database = translated.after();
        }
        applyStateOperations(args.get("state_operations"), after);
        return new Translated(forward, reversible ? Optional.of(backward) : Optional.empty(), after);
    }

    /** Applies state-only operations (of SeparateDatabaseAndState or RunSQL) to {@code state}. */
    private void applyStateOperations(PyExpr operations, ProjectState state) {
        if (operations == null) {
            return;
        }
        var current = state;
        for (PyExpr op : scope.elements(operations).orElse(List.of())) {
            if (op instanceof PyExpr.Call inner) {
                current = translate(inner, current).after();
            }
        }
        if (current != state) {
            current.models().forEach(state::put);
            for (Model model : state.models()) {
                if (current.model(model.app(), model.name()).isEmpty()) {
                    state.remove(model.app(), model.name());
                }
            }
        }
    }
}

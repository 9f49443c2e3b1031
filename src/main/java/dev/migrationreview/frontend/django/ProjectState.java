package dev.migrationreview.frontend.django;

import dev.migrationreview.operation.Operation;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The models Django's migrations have built up to some point, as far as the database is
 * concerned: each model's table, fields (in order), index and unique sets, and the named indexes
 * and constraints it declared. Immutable model records make copies cheap, which
 * SeparateDatabaseAndState and rollbacks need.
 */
final class ProjectState {

    /**
     * An index or constraint a migration created, with the operation that created it and the one
     * that removes it (a partial unique constraint is an index, dropped with DROP INDEX).
     */
    record NamedObject(Operation create, Operation drop) {}

    record Model(String app, String name, Optional<String> dbTable, Map<String, FieldSpec> fields,
                 List<List<String>> uniqueTogether, List<List<String>> indexTogether,
                 Map<String, NamedObject> indexes, Map<String, NamedObject> constraints, boolean managed) {

        Model {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
            uniqueTogether = List.copyOf(uniqueTogether);
            indexTogether = List.copyOf(indexTogether);
            indexes = Map.copyOf(indexes);
            constraints = Map.copyOf(constraints);
        }

        static Model of(String app, String name) {
            return new Model(app, name, Optional.empty(), Map.of(), List.of(), List.of(), Map.of(), Map.of(), true);
        }

        /** {@code db_table}, or Django's default {@code <app_label>_<model name in lower case>}. */
        String table() {
            return dbTable.orElse(defaultTable(app, name));
        }

        Optional<FieldSpec> field(String fieldName) {
            return Optional.ofNullable(fields.get(fieldName));
        }

        Optional<FieldSpec> primaryKey() {
            return fields.values().stream().filter(FieldSpec::primaryKey).findFirst();
        }

        /** The column of a field name as written in unique_together or Index(fields=...). */
        String column(String fieldName) {
            return field(fieldName).map(FieldSpec::column).orElse(fieldName);
        }

        Model withFields(Map<String, FieldSpec> newFields) {
            return new Model(app, name, dbTable, newFields, uniqueTogether, indexTogether, indexes, constraints, managed);
        }

        Model withField(FieldSpec field) {
            var copy = new LinkedHashMap<>(fields);
            copy.put(field.name(), field);
            return withFields(copy);
        }

        Model withoutField(String fieldName) {
            var copy = new LinkedHashMap<>(fields);
            copy.remove(fieldName);
            return withFields(copy);
        }

        Model renamed(String newName) {
            return new Model(app, newName, dbTable, fields, uniqueTogether, indexTogether, indexes, constraints, managed);
        }

        Model withTable(Optional<String> table) {
            return new Model(app, name, table, fields, uniqueTogether, indexTogether, indexes, constraints, managed);
        }

        Model withTogether(List<List<String>> unique, List<List<String>> index) {
            return new Model(app, name, dbTable, fields, unique, index, indexes, constraints, managed);
        }

        Model withIndexes(Map<String, NamedObject> newIndexes) {
            return new Model(app, name, dbTable, fields, uniqueTogether, indexTogether, newIndexes, constraints, managed);
        }

        Model withConstraints(Map<String, NamedObject> newConstraints) {
            return new Model(app, name, dbTable, fields, uniqueTogether, indexTogether, indexes, newConstraints, managed);
        }
    }

    static String defaultTable(String app, String model) {
        return app + "_" + model.toLowerCase(Locale.ROOT);
    }

    private final Map<String, Model> models;

    ProjectState() {
        this(new HashMap<>());
    }

    private ProjectState(Map<String, Model> models) {
        this.models = models;
    }

    ProjectState copy() {
        return new ProjectState(new HashMap<>(models));
    }

    private static String key(String app, String model) {
        return app + "." + model.toLowerCase(Locale.ROOT);
    }

    Optional<Model> model(String app, String name) {
        return Optional.ofNullable(models.get(key(app, name)));
    }

    /** The model, or a placeholder with Django's default table when earlier migrations were not readable. */
    Model modelOrDefault(String app, String name) {
        return model(app, name).orElse(Model.of(app, name));
    }

    void put(Model model) {
        models.put(key(model.app(), model.name()), model);
    }

    void remove(String app, String name) {
        models.remove(key(app, name));
    }

    Iterable<Model> models() {
        return List.copyOf(models.values());
    }
}

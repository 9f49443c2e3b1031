package dev.migrationreview.frontend.liquibase;

import static dev.migrationreview.frontend.liquibase.LiquibaseColumns.name;
import static dev.migrationreview.frontend.liquibase.LiquibaseColumns.names;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Translates one Liquibase change (other than {@code sql} and {@code sqlFile}, which are SQL) into
 * the operations Liquibase runs for it on the dialect under review, and the operations of its
 * automatic rollback when Liquibase derives one.
 */
final class ChangeTranslator {

    /** What a change does; {@code automaticRollback} is empty when Liquibase cannot undo it by itself. */
    record TranslatedChange(List<Operation> operations, Optional<Inverse> automaticRollback, boolean understood) {
        TranslatedChange {
            operations = List.copyOf(operations);
        }
    }

    /** The changes Liquibase runs to undo a change, described for the report. */
    record Inverse(String description, List<Operation> operations) {
        Inverse {
            operations = List.copyOf(operations);
        }
    }

    /** A change lacks an attribute Liquibase requires: it cannot be translated. */
    private static final class MissingAttribute extends RuntimeException {
        MissingAttribute(String change, String attribute) {
            super("Liquibase change '" + change + "' has no " + attribute);
        }
    }

    private final Dialect dialect;

    ChangeTranslator(Dialect dialect) {
        this.dialect = dialect;
    }

    TranslatedChange translate(ChangelogNode change) {
        try {
            return switch (change.name()) {
                case "createTable" -> createTable(change);
                case "dropTable" -> only(new Operation.DropTable(List.of(table(change)), false,
                        change.flag("cascadeConstraints", false)));
                case "renameTable" -> renameTable(change);
                case "addColumn" -> addColumn(change);
                case "dropColumn" -> dropColumn(change);
                case "renameColumn" -> renameColumn(change);
                case "modifyDataType" -> only(modifyType(table(change), name(required(change, "columnName")),
                        required(change, "newDataType"), false));
                case "addNotNullConstraint" -> addNotNull(change);
                case "dropNotNullConstraint" -> dropNotNull(change);
                case "addDefaultValue" -> addDefault(change);
                case "dropDefaultValue" -> only(new Operation.SetColumnDefault(table(change),
                        name(required(change, "columnName")), Optional.empty()));
                case "createIndex" -> createIndex(change);
                case "dropIndex" -> only(new Operation.DropIndex(List.of(name(required(change, "indexName"))),
                        change.attribute("tableName").map(t -> LiquibaseColumns.table(change.attribute("schemaName"), t)),
                        false, false, false));
                case "addForeignKeyConstraint" -> addForeignKey(change);
                case "dropForeignKeyConstraint" -> only(new Operation.DropConstraint(
                        table(change, "baseTableSchemaName", "baseTableName"), name(required(change, "constraintName")), false));
                case "dropAllForeignKeyConstraints" -> only(new Operation.DropConstraint(
                        table(change, "baseTableSchemaName", "baseTableName"), "(every foreign key)", false));
                case "addUniqueConstraint" -> addConstraint(change, ConstraintDef.Kind.UNIQUE);
                case "addPrimaryKey" -> addConstraint(change, ConstraintDef.Kind.PRIMARY_KEY);
                case "addCheckConstraint" -> addCheck(change);
                case "dropUniqueConstraint", "dropCheckConstraint" -> only(new Operation.DropConstraint(table(change),
                        name(required(change, "constraintName")), false));
                case "dropPrimaryKey" -> only(new Operation.DropConstraint(table(change),
                        primaryKeyName(change, table(change)), false));
                case "addAutoIncrement" -> only(addAutoIncrement(change));
                case "addLookupTable" -> addLookupTable(change);
                case "mergeColumns" -> mergeColumns(change);
                case "createSequence" -> reversible(List.of(new Operation.OtherDdl("CREATE SEQUENCE", Optional.empty())),
                        "dropSequence " + required(change, "sequenceName"),
                        List.of(new Operation.OtherDdl("DROP SEQUENCE", Optional.empty())));
                case "renameSequence" -> reversible(List.of(new Operation.OtherDdl("ALTER SEQUENCE", Optional.empty())),
                        "renameSequence back to " + required(change, "oldSequenceName"),
                        List.of(new Operation.OtherDdl("ALTER SEQUENCE", Optional.empty())));
                case "dropSequence" -> only(new Operation.OtherDdl("DROP SEQUENCE", Optional.empty()));
                case "alterSequence" -> only(new Operation.OtherDdl("ALTER SEQUENCE", Optional.empty()));
                case "createView" -> reversible(List.of(new Operation.OtherDdl("CREATE VIEW", Optional.of(view(change, "viewName")))),
                        "dropView " + required(change, "viewName"),
                        List.of(new Operation.OtherDdl("DROP VIEW", Optional.of(view(change, "viewName")))));
                case "renameView" -> reversible(List.of(new Operation.OtherDdl("ALTER VIEW", Optional.of(view(change, "oldViewName")))),
                        "renameView back to " + required(change, "oldViewName"),
                        List.of(new Operation.OtherDdl("ALTER VIEW", Optional.of(view(change, "newViewName")))));
                case "dropView" -> only(new Operation.OtherDdl("DROP VIEW", Optional.of(view(change, "viewName"))));
                case "createProcedure" -> only(new Operation.OtherDdl("CREATE PROCEDURE", Optional.empty()));
                case "dropProcedure" -> only(new Operation.OtherDdl("DROP PROCEDURE", Optional.empty()));
                case "createTrigger" -> only(new Operation.CreateTrigger(name(required(change, "triggerName")), table(change)));
                case "dropTrigger" -> only(new Operation.OtherDdl("DROP TRIGGER", change.attribute("tableName")
                        .map(t -> LiquibaseColumns.table(change.attribute("schemaName"), t))));
                case "setTableRemarks" -> only(new Operation.OtherDdl("COMMENT ON TABLE", Optional.of(table(change))));
                case "setColumnRemarks" -> only(new Operation.OtherDdl("COMMENT ON COLUMN", Optional.of(table(change))));
                case "insert" -> only(new Operation.DataChange(Operation.DataChange.Kind.INSERT, table(change), false, false));
                case "update" -> only(new Operation.DataChange(Operation.DataChange.Kind.UPDATE, table(change),
                        change.value("where").isPresent(), false));
                case "delete" -> only(new Operation.DataChange(Operation.DataChange.Kind.DELETE, table(change),
                        change.value("where").isPresent(), false));
                case "loadData" -> only(new Operation.DataChange(Operation.DataChange.Kind.INSERT, table(change), false, true));
                case "loadUpdateData" -> only(new Operation.DataChange(Operation.DataChange.Kind.MERGE, table(change), false, true));
                case "customChange" -> only(new Operation.OpaqueCode("Liquibase customChange "
                        + change.attribute("class").orElse("(no class)") + " runs Java code: its effect cannot be judged statically"));
                case "executeCommand" -> only(new Operation.OpaqueCode("Liquibase executeCommand runs "
                        + change.attribute("executable").orElse("an external program") + ": its effect cannot be judged statically"));
                case "tagDatabase", "empty", "output", "stop" -> reversible(List.of(), "nothing to undo", List.of());
                default -> unknown("Liquibase change '" + change.name() + "' is not understood");
            };
        } catch (MissingAttribute e) {
            return unknown(e.getMessage());
        }
    }

    private static TranslatedChange only(Operation... operations) {
        return new TranslatedChange(List.of(operations), Optional.empty(), true);
    }

    private static TranslatedChange reversible(List<Operation> operations, String inverse, List<Operation> inverseOperations) {
        return new TranslatedChange(operations, Optional.of(new Inverse(inverse, inverseOperations)), true);
    }

    private static TranslatedChange unknown(String reason) {
        return new TranslatedChange(List.of(new Operation.Unparsed(reason)), Optional.empty(), false);
    }

    private TranslatedChange createTable(ChangelogNode change) {
        TableRef table = table(change);
        var columns = change.children("column").stream().map(c -> LiquibaseColumns.column(c, dialect)).toList();
        return reversible(List.of(new Operation.CreateTable(table, columns, List.of(), false, false, false, Optional.empty())),
                "dropTable " + table, List.of(new Operation.DropTable(List.of(table), false, false)));
    }

    private TranslatedChange renameTable(ChangelogNode change) {
        String oldName = required(change, "oldTableName");
        String newName = required(change, "newTableName");
        var schema = change.attribute("schemaName");
        return reversible(List.of(new Operation.RenameTable(LiquibaseColumns.table(schema, oldName), name(newName))),
                "renameTable back to " + oldName,
                List.of(new Operation.RenameTable(LiquibaseColumns.table(schema, newName), name(oldName))));
    }

    /**
     * Each column is an ADD COLUMN; a column with a {@code value*} attribute is also an UPDATE of
     * every existing row, which Liquibase runs right after adding it.
     */
    private TranslatedChange addColumn(ChangelogNode change) {
        TableRef table = table(change);
        var operations = new ArrayList<Operation>();
        var inverse = new ArrayList<Operation>();
        for (ChangelogNode column : change.children("column")) {
            ColumnDef definition = LiquibaseColumns.column(column, dialect);
            operations.add(new Operation.AddColumn(table, definition, false));
            if (LiquibaseColumns.sqlValue(column, "value").isPresent()) {
                operations.add(new Operation.DataChange(Operation.DataChange.Kind.UPDATE, table, false, false));
            }
            inverse.addFirst(new Operation.DropColumn(table, definition.name(), false, false));
        }
        if (operations.isEmpty()) {
            throw new MissingAttribute("addColumn", "column");
        }
        return reversible(operations, "dropColumn " + String.join(", ",
                inverse.stream().map(o -> ((Operation.DropColumn) o).column()).toList()) + " on " + table, inverse);
    }

    private TranslatedChange dropColumn(ChangelogNode change) {
        TableRef table = table(change);
        var columns = new ArrayList<String>();
        change.attribute("columnName").ifPresent(c -> columns.add(name(c)));
        change.children("column").forEach(c -> c.attribute("name").ifPresent(n -> columns.add(name(n))));
        if (columns.isEmpty()) {
            throw new MissingAttribute("dropColumn", "columnName");
        }
        return new TranslatedChange(columns.stream()
                .<Operation>map(c -> new Operation.DropColumn(table, c, false, false)).toList(), Optional.empty(), true);
    }

    private TranslatedChange renameColumn(ChangelogNode change) {
        TableRef table = table(change);
        String oldName = name(required(change, "oldColumnName"));
        String newName = name(required(change, "newColumnName"));
        return reversible(List.of(new Operation.RenameColumn(table, oldName, newName)),
                "renameColumn " + newName + " back to " + oldName,
                List.of(new Operation.RenameColumn(table, newName, oldName)));
    }

    /**
     * On MySQL Liquibase changes a column with {@code MODIFY column type}: the full new definition
     * is only the type, so NOT NULL, the default and the comment are dropped unless written again.
     */
    private Operation modifyType(TableRef table, String column, String type, boolean notNull) {
        DataType dataType = LiquibaseColumns.type(type, dialect);
        Optional<ColumnDef> definition = dialect.isMysqlFamily()
                ? Optional.of(new ColumnDef(column, Optional.of(dataType), notNull, Optional.empty(), false, false,
                        Optional.empty(), Optional.empty(), Optional.empty()))
                : Optional.empty();
        return new Operation.AlterColumnType(table, column, dataType, Optional.empty(), definition);
    }

    private TranslatedChange addNotNull(ChangelogNode change) {
        TableRef table = table(change);
        String column = name(required(change, "columnName"));
        var operations = new ArrayList<Operation>();
        if (change.attribute("defaultNullValue").isPresent()) {
            // Liquibase first fills the NULLs: UPDATE table SET column = value WHERE column IS NULL.
            operations.add(new Operation.DataChange(Operation.DataChange.Kind.UPDATE, table, true, false));
        }
        operations.add(nullability(change, table, column, true));
        return reversible(operations, "dropNotNullConstraint " + table + "." + column,
                List.of(nullability(change, table, column, false)));
    }

    private TranslatedChange dropNotNull(ChangelogNode change) {
        TableRef table = table(change);
        String column = name(required(change, "columnName"));
        return reversible(List.of(nullability(change, table, column, false)),
                "addNotNullConstraint " + table + "." + column, List.of(nullability(change, table, column, true)));
    }

    /** MySQL has no SET NOT NULL: Liquibase redefines the column with MODIFY when it knows the type. */
    private Operation nullability(ChangelogNode change, TableRef table, String column, boolean notNull) {
        var type = change.attribute("columnDataType");
        if (dialect.isMysqlFamily() && type.isPresent()) {
            return modifyType(table, column, type.get(), notNull);
        }
        return notNull ? new Operation.SetNotNull(table, column) : new Operation.DropNotNull(table, column);
    }

    private TranslatedChange addDefault(ChangelogNode change) {
        TableRef table = table(change);
        String column = name(required(change, "columnName"));
        DefaultValue value = LiquibaseColumns.defaultValue(change)
                .orElseThrow(() -> new MissingAttribute("addDefaultValue", "defaultValue"));
        return reversible(List.of(new Operation.SetColumnDefault(table, column, Optional.of(value))),
                "dropDefaultValue " + table + "." + column,
                List.of(new Operation.SetColumnDefault(table, column, Optional.empty())));
    }

    private TranslatedChange createIndex(ChangelogNode change) {
        TableRef table = table(change);
        var columns = change.children("column").stream().map(c -> c.attribute("name").orElse("?"))
                .map(c -> c.contains("(") ? c : name(c)).toList();
        Optional<String> index = change.attribute("indexName").map(LiquibaseColumns::name);
        var operation = new Operation.CreateIndex(index, table, columns, change.flag("unique", false),
                false, false, false, Optional.empty());
        if (index.isEmpty()) {
            return only(operation);
        }
        return reversible(List.of(operation), "dropIndex " + index.get(),
                List.of(new Operation.DropIndex(List.of(index.get()), Optional.of(table), false, false, false)));
    }

    /** {@code validate="false"} makes Liquibase add a PostgreSQL foreign key as NOT VALID. */
    private TranslatedChange addForeignKey(ChangelogNode change) {
        TableRef table = table(change, "baseTableSchemaName", "baseTableName");
        String constraint = name(required(change, "constraintName"));
        var target = new ForeignKeyTarget(table(change, "referencedTableSchemaName", "referencedTableName"),
                names(required(change, "referencedColumnNames")));
        var definition = new ConstraintDef(Optional.of(constraint), ConstraintDef.Kind.FOREIGN_KEY,
                names(required(change, "baseColumnNames")), Optional.of(target), Optional.empty(), Optional.empty());
        boolean notValid = dialect.isPostgres() && !change.flag("validate", true);
        return reversible(List.of(new Operation.AddConstraint(table, definition, notValid)),
                "dropForeignKeyConstraint " + constraint,
                List.of(new Operation.DropConstraint(table, constraint, false)));
    }

    private TranslatedChange addConstraint(ChangelogNode change, ConstraintDef.Kind kind) {
        TableRef table = table(change);
        Optional<String> constraint = change.attribute("constraintName").map(LiquibaseColumns::name);
        var definition = new ConstraintDef(constraint, kind, names(required(change, "columnNames")),
                Optional.empty(), Optional.empty(), Optional.empty());
        var operation = new Operation.AddConstraint(table, definition, false);
        if (kind == ConstraintDef.Kind.PRIMARY_KEY) {
            String dropped = primaryKeyName(change, table);
            return reversible(List.of(operation), "dropPrimaryKey " + dropped,
                    List.of(new Operation.DropConstraint(table, dropped, false)));
        }
        // Liquibase can only drop a unique constraint it can name.
        return constraint.map(c -> reversible(List.of(operation), "dropUniqueConstraint " + c,
                List.<Operation>of(new Operation.DropConstraint(table, c, false)))).orElseGet(() -> only(operation));
    }

    private TranslatedChange addCheck(ChangelogNode change) {
        var definition = new ConstraintDef(change.attribute("constraintName").map(LiquibaseColumns::name),
                ConstraintDef.Kind.CHECK, List.of(), Optional.empty(),
                Optional.of(change.value("constraintBody").orElseThrow(() -> new MissingAttribute("addCheckConstraint", "constraintBody"))),
                Optional.empty());
        return only(new Operation.AddConstraint(table(change), definition, !change.flag("validate", true) && dialect.isPostgres()));
    }

    /** PostgreSQL names an unnamed primary key {@code <table>_pkey}. */
    private static String primaryKeyName(ChangelogNode change, TableRef table) {
        return change.attribute("constraintName").map(LiquibaseColumns::name).orElse(table.name() + "_pkey");
    }

    private Operation addAutoIncrement(ChangelogNode change) {
        TableRef table = table(change);
        String column = name(required(change, "columnName"));
        if (dialect.isMysqlFamily()) {
            DataType type = LiquibaseColumns.type(required(change, "columnDataType"), dialect);
            return new Operation.AlterColumnType(table, column, type, Optional.empty(), Optional.of(new ColumnDef(column,
                    Optional.of(type), true, Optional.empty(), false, false, Optional.of(ColumnDef.Generated.AUTO_INCREMENT),
                    Optional.empty(), Optional.empty())));
        }
        return new Operation.SetColumnDefault(table, column,
                Optional.of(new DefaultValue("nextval('" + table.name() + "_" + column + "_seq')")));
    }

    /** A new table filled from the distinct values of a column, which then references it. */
    private TranslatedChange addLookupTable(ChangelogNode change) {
        TableRef existing = table(change, "existingTableSchemaName", "existingTableName");
        TableRef lookup = table(change, "newTableSchemaName", "newTableName");
        String existingColumn = name(required(change, "existingColumnName"));
        String newColumn = name(required(change, "newColumnName"));
        String constraint = name(change.attribute("constraintName").orElse("fk_" + existing.name() + "_" + lookup.name()));
        var column = new ColumnDef(newColumn, change.attribute("newColumnDataType").map(t -> LiquibaseColumns.type(t, dialect)),
                true, Optional.empty(), true, false, Optional.empty(), Optional.empty(), Optional.empty());
        var foreignKey = new ConstraintDef(Optional.of(constraint), ConstraintDef.Kind.FOREIGN_KEY, List.of(existingColumn),
                Optional.of(new ForeignKeyTarget(lookup, List.of(newColumn))), Optional.empty(), Optional.empty());
        return reversible(List.of(
                        new Operation.CreateTable(lookup, List.of(column), List.of(), false, false, true, Optional.empty()),
                        new Operation.AddConstraint(existing, foreignKey, false)),
                "dropForeignKeyConstraint " + constraint + " and dropTable " + lookup,
                List.of(new Operation.DropConstraint(existing, constraint, false),
                        new Operation.DropTable(List.of(lookup), false, false)));
    }

    private TranslatedChange mergeColumns(ChangelogNode change) {
        TableRef table = table(change);
        var merged = new ColumnDef(name(required(change, "finalColumnName")),
                change.attribute("finalColumnType").map(t -> LiquibaseColumns.type(t, dialect)), false, Optional.empty(),
                false, false, Optional.empty(), Optional.empty(), Optional.empty());
        return new TranslatedChange(List.of(
                new Operation.AddColumn(table, merged, false),
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, table, false, false),
                new Operation.DropColumn(table, name(required(change, "column1Name")), false, false),
                new Operation.DropColumn(table, name(required(change, "column2Name")), false, false)),
                Optional.empty(), true);
    }

    private static TableRef table(ChangelogNode change) {
        return table(change, "schemaName", "tableName");
    }

    private static TableRef table(ChangelogNode change, String schemaAttribute, String tableAttribute) {
        return LiquibaseColumns.table(change.attribute(schemaAttribute), required(change, tableAttribute));
    }

    private static TableRef view(ChangelogNode change, String viewAttribute) {
        return table(change, "schemaName", viewAttribute);
    }

    private static String required(ChangelogNode change, String attribute) {
        return change.attribute(attribute).orElseThrow(() -> new MissingAttribute(change.name(), attribute));
    }
}

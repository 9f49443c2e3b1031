package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.sql.SqlScript.Piece;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Commit;
import net.sf.jsqlparser.statement.CreateFunctionalStatement;
import net.sf.jsqlparser.statement.DescribeStatement;
import net.sf.jsqlparser.statement.DoStatement;
import net.sf.jsqlparser.statement.ExplainStatement;
import net.sf.jsqlparser.statement.ResetStatement;
import net.sf.jsqlparser.statement.RollbackStatement;
import net.sf.jsqlparser.statement.SavepointStatement;
import net.sf.jsqlparser.statement.SetStatement;
import net.sf.jsqlparser.statement.ShowStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.UseStatement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterType;
import net.sf.jsqlparser.statement.alter.RenameTableStatement;
import net.sf.jsqlparser.statement.alter.sequence.AlterSequence;
import net.sf.jsqlparser.statement.analyze.Analyze;
import net.sf.jsqlparser.statement.comment.Comment;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.schema.CreateSchema;
import net.sf.jsqlparser.statement.create.sequence.CreateSequence;
import net.sf.jsqlparser.statement.create.table.CheckConstraint;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ExcludeConstraint;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.create.trigger.CreateTrigger;
import net.sf.jsqlparser.statement.create.type.CreateType;
import net.sf.jsqlparser.statement.create.type.EnumTypeDefinition;
import net.sf.jsqlparser.statement.create.view.AlterView;
import net.sf.jsqlparser.statement.create.view.CreateView;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.drop.Drop;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.grant.Grant;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.lock.LockStatement;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.refresh.RefreshMaterializedViewStatement;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;

/**
 * Translates a JSqlParser tree into operations. JSqlParser keeps column constraints as plain
 * words, so column definitions are read by {@link KeywordParser#columnDefinition}; everything
 * structural (tables, actions, constraints, index columns, WHERE and LIMIT) comes from the tree.
 */
final class JsqlTranslator {

    private final Piece piece;
    private final DatabaseKind kind;

    private JsqlTranslator(Piece piece, DatabaseKind kind) {
        this.piece = piece;
        this.kind = kind;
    }

    /** The operations, or empty when the tree is of a kind with no operation (JSqlParser's unsupported statements). */
    static Optional<List<Operation>> translate(Statement statement, Piece piece, DatabaseKind kind) {
        return new JsqlTranslator(piece, kind).operations(statement);
    }

    private Optional<List<Operation>> operations(Statement statement) {
        List<Operation> operations = switch (statement) {
            case CreateTable create -> List.of(createTable(create));
            case Alter alter -> alterTable(alter);
            case CreateIndex create -> List.of(createIndex(create));
            case Drop drop -> List.of(drop(drop));
            case Truncate truncate -> List.of(new Operation.Truncate(tables(truncate.getTables(), truncate.getTable()),
                    truncate.getCascade()));
            case RenameTableStatement rename -> rename.getTableNames().stream()
                    .map(e -> (Operation) new Operation.RenameTable(table(e.getKey()), name(e.getValue().getName())))
                    .toList();
            case Insert insert -> List.of(dataChange(Operation.DataChange.Kind.INSERT, insert.getTable()));
            case Update update -> List.of(dataChange(Operation.DataChange.Kind.UPDATE, update.getTable()));
            case Delete delete -> List.of(dataChange(Operation.DataChange.Kind.DELETE,
                    delete.getTable() != null ? delete.getTable() : delete.getTables().get(0)));
            case Merge merge -> List.of(dataChange(Operation.DataChange.Kind.MERGE, merge.getTable()));
            case Select select -> List.of(new Operation.Query("SELECT"));
            case DoStatement doBlock -> List.of(new Operation.OpaqueCode("a DO block runs procedural code"));
            case Execute execute -> List.of(new Operation.Query(execute.getExecType() == null ? "EXECUTE"
                    : execute.getExecType().name()));
            case ExplainStatement explain -> List.of(new Operation.Query("EXPLAIN"));
            case ShowStatement show -> List.of(new Operation.Query("SHOW"));
            case DescribeStatement describe -> List.of(new Operation.Query("DESCRIBE"));
            case SetStatement set -> set(set);
            case ResetStatement reset -> List.of(new Operation.SetParameter(reset.getName().toLowerCase(Locale.ROOT),
                    "DEFAULT"));
            case UseStatement use -> List.of(new Operation.SetParameter("database", name(use.getName())));
            case Commit commit -> List.of(new Operation.Transaction(Operation.Transaction.Control.COMMIT));
            case RollbackStatement rollback -> List.of(new Operation.Transaction(rollback.getSavepointName() != null
                    ? Operation.Transaction.Control.SAVEPOINT : Operation.Transaction.Control.ROLLBACK));
            case SavepointStatement savepoint -> List.of(new Operation.Transaction(Operation.Transaction.Control.SAVEPOINT));
            case LockStatement lock -> List.of(new Operation.LockTable(List.of(table(lock.getTable())),
                    lock.getLockMode() == null ? "ACCESS EXCLUSIVE" : lock.getLockMode().getValue().toUpperCase(Locale.ROOT)));
            case CreateType type -> List.of(createType(type));
            case AlterType type -> List.of(alterType(type));
            case CreateTrigger trigger -> List.of(new Operation.CreateTrigger(name(trigger.getTrigger().getName()),
                    table(trigger.getTable())));
            case CreateView view -> List.of(new Operation.OtherDdl(view.isMaterialized() ? "CREATE MATERIALIZED VIEW"
                    : "CREATE VIEW", Optional.of(table(view.getView()))));
            case AlterView view -> List.of(new Operation.OtherDdl("ALTER VIEW", Optional.of(table(view.getView()))));
            case CreateSchema schema -> List.of(new Operation.OtherDdl("CREATE SCHEMA", Optional.empty()));
            case CreateSequence sequence -> List.of(new Operation.OtherDdl("CREATE SEQUENCE",
                    Optional.of(TableRef.parse(sequence.getSequence().getFullyQualifiedName()))));
            case AlterSequence sequence -> List.of(new Operation.OtherDdl("ALTER SEQUENCE",
                    Optional.of(TableRef.parse(sequence.getSequence().getFullyQualifiedName()))));
            case CreateFunctionalStatement function -> List.of(new Operation.OtherDdl(
                    "CREATE " + function.getKind().toUpperCase(Locale.ROOT), Optional.empty()));
            case Comment comment -> List.of(comment(comment));
            case Grant grant -> List.of(new Operation.OtherDdl("GRANT", Optional.ofNullable(grant.getObjectName())
                    .filter(n -> !n.isBlank()).map(TableRef::parse)));
            case Analyze analyze -> List.of(new Operation.Maintenance("ANALYZE", List.of(table(analyze.getTable()))));
            case RefreshMaterializedViewStatement refresh -> List.of(new Operation.Maintenance(
                    "REFRESH MATERIALIZED VIEW", List.of(table(refresh.getView()))));
            default -> List.of();
        };
        return operations.isEmpty() ? Optional.empty() : Optional.of(operations);
    }

    // ---- names --------------------------------------------------------------------------------

    private static String name(String identifier) {
        return TableRef.Identifiers.fold(identifier);
    }

    /** A type or other object name, each part folded: {@code "Mood"} is {@code Mood}, {@code public.MOOD} is {@code public.mood}. */
    private static String qualified(String name) {
        return String.join(".", TableRef.Identifiers.splitQualified(name).stream().map(JsqlTranslator::name).toList());
    }

    private static TableRef table(Table table) {
        String name = name(table.getName());
        return table.getSchemaName() == null ? TableRef.of(name) : TableRef.of(name(table.getSchemaName()), name);
    }

    private static List<TableRef> tables(List<Table> tables, Table single) {
        if (tables != null && !tables.isEmpty()) {
            return tables.stream().map(JsqlTranslator::table).toList();
        }
        return List.of(table(single));
    }

    private static List<String> names(List<String> identifiers) {
        return identifiers == null ? List.of() : identifiers.stream().map(JsqlTranslator::name).toList();
    }

    // ---- CREATE TABLE -------------------------------------------------------------------------

    private Operation createTable(CreateTable create) {
        TableRef table = table(create.getTable());
        var options = create.getCreateOptionsStrings() == null ? List.<String>of()
                : create.getCreateOptionsStrings().stream().map(o -> o.toUpperCase(Locale.ROOT)).toList();
        boolean temporary = options.contains("TEMP") || options.contains("TEMPORARY");
        var columns = new ArrayList<ColumnDef>();
        if (create.getColumnDefinitions() != null) {
            for (ColumnDefinition definition : create.getColumnDefinitions()) {
                columns.add(column(definition));
            }
        }
        var constraints = new ArrayList<ConstraintDef>();
        if (create.getIndexes() != null) {
            for (Index index : create.getIndexes()) {
                constraint(index).ifPresent(constraints::add);
            }
        }
        Optional<TableRef> partitionOf = Optional.ofNullable(create.getPartitionOf()).map(JsqlTranslator::table);
        return new Operation.CreateTable(table, columns, constraints, create.isIfNotExists(), temporary,
                create.getSelect() != null, partitionOf);
    }

    private ColumnDef column(ColumnDefinition definition) {
        return KeywordParser.columnDefinition(definition.toString(), kind).orElseThrow(
                () -> new IllegalStateException("column definition not readable: " + definition));
    }

    /** A table constraint from CREATE TABLE or ALTER TABLE ADD; empty for plain (MySQL) indexes. */
    private Optional<ConstraintDef> constraint(Index index) {
        Optional<String> name = Optional.ofNullable(index.getName()).map(JsqlTranslator::name);
        if (index instanceof ForeignKeyIndex fk) {
            var target = new ForeignKeyTarget(table(fk.getTable()), names(fk.getReferencedColumnNames()));
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.FOREIGN_KEY, names(fk.getColumnsNames()),
                    Optional.of(target), Optional.empty(), Optional.empty()));
        }
        if (index instanceof CheckConstraint check) {
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.CHECK, List.of(), Optional.empty(),
                    Optional.of(check.getExpression().toString()), Optional.empty()));
        }
        if (index instanceof ExcludeConstraint exclude) {
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.EXCLUSION, List.of(), Optional.empty(),
                    Optional.ofNullable(exclude.getExpression()).map(Object::toString), Optional.empty()));
        }
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        Optional<String> usingIndex = usingIndex(index);
        if (type.startsWith("PRIMARY")) {
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.PRIMARY_KEY, names(index.getColumnsNames()),
                    Optional.empty(), Optional.empty(), usingIndex));
        }
        if (type.startsWith("UNIQUE") && !type.contains("KEY") && !type.contains("INDEX")) {
            return Optional.of(new ConstraintDef(name, ConstraintDef.Kind.UNIQUE, names(index.getColumnsNames()),
                    Optional.empty(), Optional.empty(), usingIndex));
        }
        return Optional.empty();
    }

    private static Optional<String> usingIndex(Index index) {
        var spec = index.getIndexSpec();
        if (spec == null) {
            return Optional.empty();
        }
        for (int i = 0; i + 2 < spec.size(); i++) {
            if (spec.get(i).equalsIgnoreCase("USING") && spec.get(i + 1).equalsIgnoreCase("INDEX")) {
                return Optional.of(name(spec.get(i + 2)));
            }
        }
        return Optional.empty();
    }

    /** The index's kind words: JSqlParser keeps {@code UNIQUE} as the type and {@code INDEX}/{@code KEY} apart. */
    private static String indexKind(Index index) {
        String type = index.getType() == null ? "" : index.getType();
        String keyword = index.getIndexKeyword() == null ? "" : index.getIndexKeyword();
        return (type + " " + keyword).strip().toUpperCase(Locale.ROOT);
    }

    private boolean isMysqlIndex(Index index) {
        String type = indexKind(index);
        return type.equals("INDEX") || type.equals("KEY") || type.contains("FULLTEXT") || type.contains("SPATIAL")
                || (type.startsWith("UNIQUE") && (type.contains("KEY") || type.contains("INDEX")));
    }

    // ---- ALTER TABLE --------------------------------------------------------------------------

    private List<Operation> alterTable(Alter alter) {
        TableRef table = table(alter.getTable());
        var operations = new ArrayList<Operation>();
        Optional<String> algorithm = Optional.empty();
        Optional<String> lock = Optional.empty();
        List<String> written = writtenActions(alter.getAlterExpressions().size());
        for (int i = 0; i < alter.getAlterExpressions().size(); i++) {
            AlterExpression action = alter.getAlterExpressions().get(i);
            switch (action.getOperation()) {
                case ALGORITHM -> algorithm = Optional.of(option(action.getAlgorithmOption()));
                case LOCK -> lock = Optional.of(option(action.getLockOption()));
                default -> alterAction(table, action, written.isEmpty() ? action.toString() : written.get(i), operations);
            }
        }
        if (algorithm.isPresent() || lock.isPresent()) {
            operations.add(new Operation.MysqlAlterOptions(table, algorithm, lock));
        }
        return operations;
    }

    /**
     * The actions as written, split at top-level commas, when they line up one to one with
     * JSqlParser's: its tree drops some details (the name of {@code ADD CONSTRAINT u UNIQUE (a)}).
     */
    private List<String> writtenActions(int count) {
        var actions = new ArrayList<String>();
        TokenCursor cursor = TokenCursor.of(piece);
        int from = cursor.position();
        while (!cursor.atEnd()) {
            cursor.skipUntil(",");
            actions.add(cursor.textFrom(from));
            if (cursor.acceptSymbol(',')) {
                from = cursor.position();
            } else if (!cursor.atEnd()) {
                return List.of();
            }
        }
        return actions.size() == count ? actions : List.of();
    }

    private static String option(String value) {
        return value == null ? "DEFAULT" : value.replace("=", "").strip().toUpperCase(Locale.ROOT);
    }

    private void alterAction(TableRef table, AlterExpression action, String written, List<Operation> out) {
        switch (action.getOperation()) {
            case ADD -> add(table, action, written, out);
            case DROP -> drop(table, action, out);
            case DROP_PRIMARY_KEY -> out.add(new Operation.DropConstraint(table, "PRIMARY", false));
            case DROP_FOREIGN_KEY, DROP_UNIQUE -> out.add(new Operation.DropConstraint(table,
                    name(action.getConstraintName()), action.isUsingIfExists()));
            case ALTER -> alterColumns(table, action, out);
            case MODIFY, CHANGE -> mysqlRedefine(table, action, out);
            case RENAME -> out.add(new Operation.RenameColumn(table, name(action.getColumnOldName()),
                    name(action.getColumnName())));
            case RENAME_TABLE -> out.add(new Operation.RenameTable(table, name(action.getNewTableName())));
            case RENAME_INDEX, RENAME_KEY -> out.add(new Operation.RenameIndex(name(action.getColumnOldName()),
                    name(action.getColumnName())));
            default -> {
                String text = action.toString().toUpperCase(Locale.ROOT).strip();
                if (text.startsWith("VALIDATE CONSTRAINT")) {
                    out.add(new Operation.ValidateConstraint(table, name(action.toString().strip()
                            .substring("VALIDATE CONSTRAINT".length()).strip())));
                } else {
                    out.add(new Operation.OtherDdl("ALTER TABLE " + action.getOperation().name().replace('_', ' '),
                            Optional.of(table)));
                }
            }
        }
    }

    private void add(TableRef table, AlterExpression action, String written, List<Operation> out) {
        if (action.getColDataTypeList() != null) {
            for (var column : action.getColDataTypeList()) {
                out.add(new Operation.AddColumn(table, column(column), action.isUseIfNotExists()));
            }
            return;
        }
        Index index = action.getIndex();
        if (index == null) {
            throw new IllegalStateException("ALTER TABLE ADD of nothing known");
        }
        boolean notValid = written.toUpperCase(Locale.ROOT).contains("NOT VALID");
        if (isMysqlIndex(index)) {
            out.add(new Operation.CreateIndex(Optional.ofNullable(index.getName()).map(JsqlTranslator::name), table,
                    names(index.getColumnsNames()), indexKind(index).startsWith("UNIQUE"),
                    false, false, false, Optional.ofNullable(index.getUsing()).map(u -> u.toLowerCase(Locale.ROOT))));
            return;
        }
        var constraint = constraint(index).orElseThrow(() -> new IllegalStateException("unknown constraint " + index));
        Optional<String> actionName = Optional.ofNullable(action.getConstraintName()).map(JsqlTranslator::name)
                .or(() -> constraintNameIn(written));
        if (constraint.name().isEmpty() && actionName.isPresent()) {
            constraint = new ConstraintDef(actionName, constraint.kind(),
                    constraint.columns(), constraint.references(), constraint.expression(), constraint.usingIndex());
        }
        out.add(new Operation.AddConstraint(table, constraint, notValid));
    }

    /** JSqlParser keeps some constraint names only in the action's text ({@code ADD CONSTRAINT u UNIQUE (a)}). */
    private Optional<String> constraintNameIn(String actionText) {
        TokenCursor words = TokenCursor.ofText(actionText, kind);
        if (words.seekPast("CONSTRAINT") && words.peekName()) {
            return Optional.of(words.name());
        }
        return Optional.empty();
    }

    private void drop(TableRef table, AlterExpression action, List<Operation> out) {
        if (action.getColumnName() != null) {
            boolean cascade = action.getParameters() != null
                    && action.getParameters().stream().anyMatch(p -> p.equalsIgnoreCase("CASCADE"));
            out.add(new Operation.DropColumn(table, name(action.getColumnName()), action.isUsingIfExists(), cascade));
        } else if (action.getConstraintName() != null) {
            out.add(new Operation.DropConstraint(table, name(action.getConstraintName()), action.isUsingIfExists()));
        } else if (action.getIndex() != null) {
            Index index = action.getIndex();
            String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
            if (type.startsWith("PRIMARY")) {
                out.add(new Operation.DropConstraint(table, "PRIMARY", false));
            } else {
                out.add(new Operation.DropIndex(List.of(name(index.getName())), Optional.of(table), false,
                        action.isUsingIfExists(), false));
            }
        } else {
            throw new IllegalStateException("ALTER TABLE DROP of nothing known");
        }
    }

    private void alterColumns(TableRef table, AlterExpression action, List<Operation> out) {
        int before = out.size();
        if (action.getColDataTypeList() != null) {
            for (var column : action.getColDataTypeList()) {
                String columnName = name(column.getColumnName());
                if (column.getColDataType() != null) {
                    out.add(new Operation.AlterColumnType(table, columnName, dataType(column), Optional.ofNullable(
                            column.getUsingExpression()).map(Object::toString), Optional.empty()));
                } else {
                    alterColumnSpecs(table, columnName, column.getColumnSpecs(), out);
                }
            }
        }
        if (action.getColumnSetDefaultList() != null) {
            for (var setDefault : action.getColumnSetDefaultList()) {
                out.add(new Operation.SetColumnDefault(table, name(setDefault.getColumnName()),
                        Optional.of(new DefaultValue(setDefault.getDefaultExpression() != null
                                ? setDefault.getDefaultExpression().toString() : setDefault.getDefaultValue()))));
            }
        }
        if (action.getColumnDropDefaultList() != null) {
            for (var dropDefault : action.getColumnDropDefaultList()) {
                out.add(new Operation.SetColumnDefault(table, name(dropDefault.getColumnName()), Optional.empty()));
            }
        }
        if (action.getColumnSetNotNullList() != null) {
            for (var setNotNull : action.getColumnSetNotNullList()) {
                out.add(new Operation.SetNotNull(table, name(setNotNull.getColumnName())));
            }
        }
        if (action.getColumnDropNotNullList() != null) {
            for (var dropNotNull : action.getColumnDropNotNullList()) {
                out.add(new Operation.DropNotNull(table, name(dropNotNull.getColumnName())));
            }
        }
        if (out.size() == before) {
            out.add(new Operation.OtherDdl("ALTER TABLE ALTER COLUMN", Optional.of(table)));
        }
    }

    /** {@code ALTER COLUMN c SET NOT NULL} etc. when JSqlParser keeps the action as words. */
    private void alterColumnSpecs(TableRef table, String column, List<String> specs, List<Operation> out) {
        String words = specs == null ? "" : String.join(" ", specs).toUpperCase(Locale.ROOT);
        switch (words) {
            case "SET NOT NULL" -> out.add(new Operation.SetNotNull(table, column));
            case "DROP NOT NULL" -> out.add(new Operation.DropNotNull(table, column));
            case "DROP DEFAULT" -> out.add(new Operation.SetColumnDefault(table, column, Optional.empty()));
            default -> out.add(new Operation.OtherDdl("ALTER TABLE ALTER COLUMN", Optional.of(table)));
        }
    }

    private DataType dataType(ColumnDefinition column) {
        return KeywordParser.columnDefinition(column.getColumnName() + " " + column.getColDataType(), kind)
                .flatMap(ColumnDef::type)
                .orElseThrow(() -> new IllegalStateException("type not readable: " + column.getColDataType()));
    }

    /** MySQL MODIFY / CHANGE: the full new definition, and a rename when CHANGE gives a new name. */
    private void mysqlRedefine(TableRef table, AlterExpression action, List<Operation> out) {
        if (action.getColDataTypeList() == null) {
            throw new IllegalStateException("MODIFY without a column");
        }
        for (var column : action.getColDataTypeList()) {
            ColumnDef definition = column(column);
            String old = action.getColumnOldName() != null ? name(action.getColumnOldName()) : definition.name();
            if (!old.equals(definition.name())) {
                out.add(new Operation.RenameColumn(table, old, definition.name()));
            }
            out.add(new Operation.AlterColumnType(table, definition.name(), definition.type().orElseThrow(),
                    Optional.empty(), Optional.of(definition)));
        }
    }

    // ---- indexes, drops, types ----------------------------------------------------------------

    private Operation createIndex(CreateIndex create) {
        Index index = create.getIndex();
        String type = index.getType() == null ? "" : index.getType().toUpperCase(Locale.ROOT);
        Optional<String> method = Optional.ofNullable(index.getUsing()).map(u -> u.toLowerCase(Locale.ROOT));
        if (method.isEmpty() && (type.contains("FULLTEXT") || type.contains("SPATIAL"))) {
            method = Optional.of(type.contains("FULLTEXT") ? "fulltext" : "spatial");
        }
        return new Operation.CreateIndex(Optional.ofNullable(index.getName()).map(JsqlTranslator::name),
                table(create.getTable()), indexColumns(index), type.contains("UNIQUE"), create.isConcurrently(),
                create.getWhere() != null, create.isUsingIfNotExists(), method);
    }

    private static List<String> indexColumns(Index index) {
        var columns = new ArrayList<String>();
        for (var column : index.getColumns()) {
            String text = column.getColumnName();
            boolean plain = text.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_' || ch == '"'
                    || ch == '`' || ch == '$');
            columns.add(plain ? name(text) : text);
        }
        return columns;
    }

    private Operation drop(Drop drop) {
        String type = drop.getType().toUpperCase(Locale.ROOT);
        boolean cascade = drop.getParameters() != null
                && drop.getParameters().stream().anyMatch(p -> p.equalsIgnoreCase("CASCADE"));
        List<Table> names = drop.getNames() != null && !drop.getNames().isEmpty() ? drop.getNames()
                : List.of(drop.getName());
        return switch (type) {
            case "TABLE" -> new Operation.DropTable(names.stream().map(JsqlTranslator::table).toList(), drop.isIfExists(),
                    cascade);
            case "INDEX" -> {
                String params = drop.getParameters() == null ? "" : String.join(" ", drop.getParameters());
                Optional<TableRef> on = Optional.empty();
                var words = params.split("\\s+");
                for (int i = 0; i + 1 < words.length; i++) {
                    if (words[i].equalsIgnoreCase("ON")) {
                        on = Optional.of(TableRef.parse(words[i + 1]));
                    }
                }
                yield new Operation.DropIndex(names.stream().map(t -> name(t.getName())).toList(), on,
                        piece.text().toUpperCase(Locale.ROOT).contains("CONCURRENTLY"), drop.isIfExists(), cascade);
            }
            case "SCHEMA" -> new Operation.DropSchema(name(drop.getName().getName()), cascade);
            case "DATABASE" -> new Operation.DropDatabase(name(drop.getName().getName()));
            case "VIEW", "SEQUENCE", "MATERIALIZED VIEW" -> new Operation.OtherDdl("DROP " + type,
                    Optional.of(table(drop.getName())));
            default -> new Operation.OtherDdl("DROP " + type, Optional.empty());
        };
    }

    private Operation createType(CreateType type) {
        if (type.getDefinition() instanceof EnumTypeDefinition enumType) {
            return new Operation.CreateEnum(qualified(type.getName()), enumType.getLabels().stream()
                    .map(v -> v.getValue()).toList());
        }
        return new Operation.OtherDdl("CREATE TYPE", Optional.empty());
    }

    private Operation alterType(AlterType type) {
        String action = type.getAction() == null ? "" : type.getAction().name();
        return switch (action) {
            case "ADD_VALUE" -> new Operation.AddEnumValue(qualified(type.getName()), type.getValue().getValue(), type.isIfNotExists());
            case "RENAME_VALUE" -> new Operation.RenameEnumValue(qualified(type.getName()), type.getValue().getValue(),
                    type.getNewValue().getValue());
            default -> new Operation.OtherDdl("ALTER TYPE", Optional.empty());
        };
    }

    // ---- data, session, other -----------------------------------------------------------------

    private Operation dataChange(Operation.DataChange.Kind change, Table table) {
        var shape = DataChangeShape.of(TokenCursor.of(piece).remaining());
        return new Operation.DataChange(change, table(table), shape.hasWhere(), shape.hasLimitOrBatch());
    }

    private List<Operation> set(SetStatement set) {
        var operations = new ArrayList<Operation>();
        boolean local = set.getEffectParameter() != null && set.getEffectParameter().equalsIgnoreCase("LOCAL");
        for (int i = 0; i < set.getCount(); i++) {
            var values = set.getExpressions(i);
            String value = values == null ? "" : String.join(", ", values.stream().map(Object::toString).toList());
            operations.add(SessionSettings.set(String.valueOf(set.getName(i)), value, local));
        }
        return operations;
    }

    private Operation comment(Comment comment) {
        if (comment.getTable() != null) {
            return new Operation.OtherDdl("COMMENT ON TABLE", Optional.of(table(comment.getTable())));
        }
        if (comment.getColumn() != null && comment.getColumn().getTable() != null) {
            return new Operation.OtherDdl("COMMENT ON COLUMN", Optional.of(table(comment.getColumn().getTable())));
        }
        return new Operation.OtherDdl("COMMENT ON", Optional.empty());
    }
}

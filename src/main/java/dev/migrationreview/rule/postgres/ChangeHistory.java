package dev.migrationreview.rule.postgres;

import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.OperationSite;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Answers questions about what earlier operations of the same change did: the table of an index
 * created there, a column's type, a NOT NULL check validated there. Queries walk the operations
 * only when asked, so keeping one per operation costs nothing.
 */
public final class ChangeHistory {

    public static final ChangeHistory NONE = new ChangeHistory(List.of(), table -> List.of());

    private static final Pattern IS_NOT_NULL = Pattern.compile("(?i)^\\(*\\s*(\"[^\"]+\"|[\\w$]+)\\s+is\\s+not\\s+null\\s*\\)*$");

    private final List<OperationSite> earlier;
    private final Function<TableRef, List<OperationSite>> earlierOnTable;

    private ChangeHistory(List<OperationSite> earlier, Function<TableRef, List<OperationSite>> earlierOnTable) {
        this.earlier = earlier;
        this.earlierOnTable = earlierOnTable;
    }

    /** What ran in this change before the operation at {@code site}. */
    public static ChangeHistory before(OperationSite site) {
        return new ChangeHistory(site.context().earlierInChange(), site.context()::earlierOnTable);
    }

    /** What ran before the operation at {@code site} in its own transaction (empty outside one). */
    public static ChangeHistory inTransaction(OperationSite site) {
        List<OperationSite> transaction = site.context().earlierInTransaction();
        return new ChangeHistory(transaction, table -> transaction.stream()
                .filter(s -> s.operation().tables().stream().anyMatch(t -> t.unqualified().equals(table.unqualified())))
                .toList());
    }

    /**
     * The table of an index created earlier in this change (following renames), or empty when the
     * index predates the change or was dropped since.
     */
    public Optional<TableRef> tableOfNewIndex(String indexName) {
        String wanted = objectName(indexName);
        for (int i = earlier.size() - 1; i >= 0; i--) {
            Operation op = earlier.get(i).operation();
            if (op instanceof Operation.CreateIndex c && c.name().map(ChangeHistory::objectName).filter(wanted::equals).isPresent()) {
                return Optional.of(c.table());
            } else if (op instanceof Operation.RenameIndex r && objectName(r.newName()).equals(wanted)) {
                wanted = objectName(r.name());
            } else if (op instanceof Operation.DropIndex d && d.names().stream().map(ChangeHistory::objectName).anyMatch(wanted::equals)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public boolean isNewIndex(String indexName) {
        return tableOfNewIndex(indexName).isPresent();
    }

    /** The column's type as the latest CREATE TABLE, ADD COLUMN or ALTER COLUMN TYPE of this change left it. */
    public Optional<DataType> columnType(TableRef table, String column) {
        TableRef wantedTable = table.unqualified();
        String wantedColumn = columnName(column);
        List<OperationSite> sites = earlierOnTable.apply(wantedTable);
        for (int i = sites.size() - 1; i >= 0; i--) {
            Operation op = sites.get(i).operation();
            if (op instanceof Operation.RenameTable r && TableRef.parse(r.newName()).unqualified().equals(wantedTable)) {
                // Before the rename the table had its old name: go on through that name's history from the rename.
                OperationSite rename = sites.get(i);
                wantedTable = r.table().unqualified();
                sites = earlierOnTable.apply(wantedTable);
                i = indexOf(sites, rename);
                continue;
            } else if (op.tables().isEmpty() || !op.tables().getFirst().unqualified().equals(wantedTable)) {
                continue;
            }
            if (op instanceof Operation.AlterColumnType a && columnName(a.column()).equals(wantedColumn)) {
                return Optional.of(a.newType());
            } else if (op instanceof Operation.AddColumn a && columnName(a.column().name()).equals(wantedColumn)) {
                return a.column().type();
            } else if (op instanceof Operation.CreateTable c) {
                String name = wantedColumn;
                return c.columns().stream().filter(col -> columnName(col.name()).equals(name)).findFirst()
                        .flatMap(ColumnDef::type);
            } else if (op instanceof Operation.RenameColumn r && columnName(r.newName()).equals(wantedColumn)) {
                wantedColumn = columnName(r.column());
            } else if (op instanceof Operation.DropColumn d && columnName(d.column()).equals(wantedColumn)) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static int indexOf(List<OperationSite> sites, OperationSite wanted) {
        for (int i = sites.size() - 1; i >= 0; i--) {
            if (sites.get(i) == wanted) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when a {@code CHECK (column IS NOT NULL)} on the table was validated earlier in this
     * change (added without NOT VALID, or added NOT VALID and then validated) and not dropped:
     * PostgreSQL 12+ then sets NOT NULL without scanning.
     */
    public boolean hasValidatedNotNullCheck(TableRef table, String column) {
        String wantedColumn = columnName(column);
        var notYetValid = new HashSet<String>();
        var validated = new HashSet<String>();
        for (OperationSite site : earlierOnTable.apply(table)) {
            Operation op = site.operation();
            if (op.tables().isEmpty() || !op.tables().getFirst().unqualified().equals(table.unqualified())) {
                continue;
            }
            switch (op) {
                case Operation.AddConstraint a when isNotNullCheck(a.constraint(), wantedColumn) -> {
                    String name = a.constraint().name().map(ChangeHistory::objectName).orElse("");
                    (a.notValid() ? notYetValid : validated).add(name);
                }
                case Operation.ValidateConstraint v when notYetValid.remove(objectName(v.constraint())) ->
                        validated.add(objectName(v.constraint()));
                case Operation.DropConstraint d -> {
                    notYetValid.remove(objectName(d.constraint()));
                    validated.remove(objectName(d.constraint()));
                }
                default -> { }
            }
        }
        return !validated.isEmpty();
    }

    /** The constraint added NOT VALID earlier in this change under this name on this table, if any. */
    public Optional<Operation.AddConstraint> notValidConstraint(TableRef table, String constraint) {
        String wanted = objectName(constraint);
        List<OperationSite> onTable = earlierOnTable.apply(table);
        for (int i = onTable.size() - 1; i >= 0; i--) {
            if (onTable.get(i).operation() instanceof Operation.AddConstraint a && a.notValid()
                    && a.table().unqualified().equals(table.unqualified())
                    && a.constraint().name().map(ChangeHistory::objectName).filter(wanted::equals).isPresent()) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** A CHECK (column IS NOT NULL), or PostgreSQL 18's named NOT NULL constraint on the column. */
    private static boolean isNotNullCheck(ConstraintDef constraint, String column) {
        if (constraint.kind() == ConstraintDef.Kind.NOT_NULL) {
            return constraint.columns().stream().map(ChangeHistory::columnName).anyMatch(column::equals);
        }
        if (constraint.kind() != ConstraintDef.Kind.CHECK || constraint.expression().isEmpty()) {
            return false;
        }
        var matcher = IS_NOT_NULL.matcher(constraint.expression().get().strip());
        return matcher.matches() && columnName(matcher.group(1)).equals(column);
    }

    /** An index or constraint name as the database would store it, without its schema. */
    static String objectName(String name) {
        return TableRef.parse(name).name();
    }

    static String columnName(String name) {
        return TableRef.Identifiers.fold(name).toLowerCase(Locale.ROOT);
    }
}

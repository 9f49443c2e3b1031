package dev.migrationreview.rule.general;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A rule that prefers one column type over another where columns are defined: CREATE TABLE
 * (not temporary), ADD COLUMN and, when {@link #checksTypeChanges()}, ALTER COLUMN TYPE. It reports
 * once per statement, naming every flagged column, with the columns written the preferred way.
 */
abstract class ColumnTypeRule extends ScopedRule {

    /** Whether the column should be defined otherwise; {@code primaryKey} includes table-level PRIMARY KEY constraints. */
    protected abstract boolean flags(ColumnDef column, boolean primaryKey, Dialect dialect);

    /** The column written the preferred way. */
    protected abstract ColumnDef preferred(ColumnDef column, Dialect dialect);

    /** Why the flagged type is a problem, completing "users.id is integer: ". Ends with a colon leading to the fix. */
    protected abstract String problem(Dialect dialect);

    /** Beyond the doc's databases: e.g. a version the preferred type needs. */
    protected boolean appliesTo(Dialect dialect) {
        return true;
    }

    protected boolean checksTypeChanges() {
        return false;
    }

    @Override
    protected final void checkInScope(OperationSite site, FindingSink out) {
        Dialect dialect = site.context().dialect();
        if (!appliesTo(dialect)) {
            return;
        }
        switch (site.operation()) {
            case Operation.CreateTable create when !create.temporary() -> {
                var primaryKey = create.constraints().stream().filter(c -> c.kind() == ConstraintDef.Kind.PRIMARY_KEY)
                        .flatMap(c -> c.columns().stream()).toList();
                var flagged = create.columns().stream()
                        .filter(c -> flags(c, c.primaryKey() || primaryKey.contains(c.name()), dialect)).toList();
                if (!flagged.isEmpty()) {
                    report(site, out, create.table(), flagged, "-- in CREATE TABLE " + SqlText.table(create.table(), dialect)
                            + ":\n" + flagged.stream().map(c -> SqlText.column(preferred(c, dialect), dialect))
                            .collect(Collectors.joining(",\n")));
                }
            }
            case Operation.AddColumn add when flags(add.column(), add.column().primaryKey(), dialect) ->
                    report(site, out, add.table(), List.of(add.column()), "ALTER TABLE " + SqlText.table(add.table(), dialect)
                            + " ADD COLUMN " + SqlText.column(preferred(add.column(), dialect), dialect) + ";");
            case Operation.AlterColumnType alter when checksTypeChanges() -> {
                var column = ColumnDef.simple(alter.column(), alter.newType());
                if (flags(column, false, dialect)) {
                    DataType type = preferred(column, dialect).type().orElse(alter.newType());
                    report(site, out, alter.table(), List.of(column), "ALTER TABLE " + SqlText.table(alter.table(), dialect)
                            + " ALTER COLUMN " + SqlText.identifier(alter.column(), dialect) + " TYPE " + SqlText.type(type, dialect) + ";");
                }
            }
            default -> { }
        }
    }

    /** The column with another type, everything else kept. */
    static ColumnDef retyped(ColumnDef column, DataType type) {
        return new ColumnDef(column.name(), Optional.of(type), column.notNull(), column.defaultValue(), column.primaryKey(),
                column.unique(), column.generated(), column.references(), column.check());
    }

    /** The column as an identity column of {@code type}: the sequence default goes, the identity implies NOT NULL. */
    static ColumnDef identity(ColumnDef column, DataType type) {
        return new ColumnDef(column.name(), Optional.of(type), false, Optional.empty(), column.primaryKey(),
                column.unique(), Optional.of(ColumnDef.Generated.IDENTITY_BY_DEFAULT), column.references(), column.check());
    }

    private void report(OperationSite site, FindingSink out, TableRef table, List<ColumnDef> columns, String fix) {
        var described = new ArrayList<String>();
        for (ColumnDef column : columns) {
            described.add(table + "." + column.name() + " is "
                    + column.type().map(t -> SqlText.type(t, site.context().dialect())).orElse("untyped"));
        }
        out.report(site.statement(), String.join(", ", described) + ": " + problem(site.context().dialect()),
                Optional.of(new Fix(fix, false)));
    }
}

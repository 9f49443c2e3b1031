package dev.migrationreview.rule.mysql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.rule.general.ScopedRule;
import dev.migrationreview.rule.general.SqlText;
import java.util.Optional;
import java.util.Set;

/** ADD COLUMN ... NOT NULL without a default on an existing MySQL table: the running application's inserts fail. */
public final class MysqlAddColumnNotNullRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "mysql-add-column-not-null",
            "Adding a NOT NULL column without a default breaks inserts of the running application",
            Severity.ERROR, Set.of(DatabaseKind.MYSQL, DatabaseKind.MARIADB), "every version (with strict SQL mode, "
                    + "the default since MySQL 5.7 and MariaDB 10.2.4)",
            "an exclusive metadata lock, briefly (INSTANT in MySQL 8.0.12+ and MariaDB 10.3+; an in-place rebuild "
                    + "with concurrent writes before)",
            "MySQL fills the rows already in the table with the type's implicit default (0, '' ...) without a "
                    + "word, but the application that is running does not know the new column: its INSERTs omit "
                    + "it and fail in strict mode with \"Field doesn't have a default value\" (error 1364) until "
                    + "every instance runs new code.",
            "Give the column an explicit DEFAULT (the value the existing rows get anyway), or add it NULL, "
                    + "deploy code that writes it, backfill, then make it NOT NULL.",
            "ALTER TABLE orders ADD COLUMN priority INT NOT NULL;",
            "ALTER TABLE orders ADD COLUMN priority INT NOT NULL DEFAULT 0;");

    private static final Set<String> NUMERIC = Set.of("tinyint", "smallint", "mediumint", "integer", "bigint",
            "numeric", "real", "double precision", "float", "bit", "boolean");
    private static final Set<String> CHARACTER = Set.of("character", "character varying");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AddColumn add)
                || site.context().isNewTable(add.table()) || !add.column().requiresValue()) {
            return;
        }
        var dialect = site.context().dialect();
        String table = SqlText.table(add.table(), dialect);
        String column = add.table() + "." + add.column().name();
        Fix fix = implicitDefault(add.column())
                .map(value -> new Fix("ALTER TABLE " + table + " ADD COLUMN " + SqlText.column(withDefault(add.column(), value),
                        dialect) + ";", false))
                .orElseGet(() -> new Fix("ALTER TABLE " + table + " ADD COLUMN "
                        + SqlText.column(nullable(add.column()), dialect) + ";\n"
                        + "-- deploy code that writes " + add.column().name() + ", backfill existing rows in batches, then:\n"
                        + "ALTER TABLE " + table + " MODIFY COLUMN " + SqlText.column(add.column(), dialect)
                        + ", ALGORITHM=INPLACE, LOCK=NONE;", false));
        out.report(site.statement(), "Adding NOT NULL column " + column + " without a default: existing rows silently "
                + "get the type's implicit default, and INSERTs from the running application, which does not know "
                + "the column yet, fail in strict mode (error 1364, \"Field '" + add.column().name() + "' doesn't "
                + "have a default value\"). Give it an explicit default:", fix);
    }

    /** The value MySQL itself gives existing rows, for types whose default can be written as a literal in every version. */
    private static Optional<String> implicitDefault(ColumnDef column) {
        String type = column.type().map(DataType::name).orElse("");
        String base = type.replace(" unsigned", "").replace(" zerofill", "");
        if (NUMERIC.contains(base)) {
            return Optional.of("0");
        }
        return CHARACTER.contains(base) ? Optional.of("''") : Optional.empty();
    }

    private static ColumnDef withDefault(ColumnDef column, String value) {
        return new ColumnDef(column.name(), column.type(), column.notNull(), Optional.of(new DefaultValue(value)),
                column.primaryKey(), column.unique(), column.generated(), column.references(), column.check());
    }

    private static ColumnDef nullable(ColumnDef column) {
        return new ColumnDef(column.name(), column.type(), false, Optional.empty(), column.primaryKey(),
                column.unique(), column.generated(), column.references(), column.check());
    }
}

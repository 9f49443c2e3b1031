package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Optional;
import java.util.Set;

/**
 * ADD COLUMN with a default PostgreSQL must write into every row: a volatile one on every
 * version, any non-null one before PostgreSQL 11.
 */
public final class AddColumnVolatileDefault extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "add-column-volatile-default",
            "Adding a column with a volatile default (or any default before PostgreSQL 11) rewrites the table",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL),
            "PostgreSQL, every version for volatile defaults; constant defaults before 11",
            "ACCESS EXCLUSIVE on the table during a full rewrite",
            "PostgreSQL 11+ stores a constant default (including now()) once in the catalog, so adding the "
                    + "column is instant. A volatile default (random(), gen_random_uuid(), clock_timestamp(), "
                    + "nextval()) must be computed for each row, and before 11 every default was written into "
                    + "every row: the table and all its indexes are rewritten while nothing can read or write it.",
            "Add the column without a default, then SET DEFAULT in a second statement (it applies to new rows "
                    + "only and is instant), and backfill existing rows in batches.",
            "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();",
            "ALTER TABLE users ADD COLUMN token uuid;\n"
                    + "ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();\n"
                    + "-- then backfill existing rows in batches");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AddColumn add) || !existing(site, add.table())
                || add.column().generated().isPresent()) {
            return;
        }
        Optional<DefaultValue> rewriting = add.column().defaultValue()
                .filter(d -> !d.isNull() && (d.isVolatile() || version(site) < 11));
        if (rewriting.isEmpty()) {
            return;
        }
        DefaultValue value = rewriting.get();
        String why = value.isVolatile()
                ? "the volatile default " + value + " is computed for each existing row"
                : "before PostgreSQL 11 every default is written into each existing row";
        out.report(site.statement(), "Adding " + add.table() + "." + add.column().name() + " rewrites all of " + add.table()
                        + " and its indexes under ACCESS EXCLUSIVE: " + why + ". Add the column without the default, "
                        + "set the default in a second statement (new rows only), and backfill existing rows in batches.",
                fix(site, add, value));
    }

    private static Fix fix(OperationSite site, Operation.AddColumn add, DefaultValue value) {
        ColumnDef column = add.column();
        String steps = SqlText.addPlainColumn(add.table(), column) + ";\n"
                + "ALTER TABLE " + SqlText.table(add.table()) + " ALTER COLUMN " + SqlText.ident(column.name())
                + " SET DEFAULT " + value + ";";
        // The two statements replace the original exactly when the column had nothing but a type and a default.
        boolean onlyTypeAndDefault = !column.notNull() && !column.primaryKey() && !column.unique()
                && column.references().isEmpty() && column.check().isEmpty() && !add.ifNotExists()
                && site.statement().operations().size() == 1;
        if (onlyTypeAndDefault) {
            Optional<String> lines = SqlText.editLines(site, text -> Optional.of(SqlText.terminatedLike(text, steps)));
            if (lines.isPresent()) {
                return new Fix(lines.get(), true);
            }
        }
        return new Fix(steps + "\n-- then backfill existing rows in batches"
                + (column.notNull() ? ", and add NOT NULL as set-not-null shows" : ""), false);
    }
}

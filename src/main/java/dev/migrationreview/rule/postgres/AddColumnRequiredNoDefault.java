package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** ADD COLUMN ... NOT NULL without a default on an existing table: fails as soon as the table has a row. */
public final class AddColumnRequiredNoDefault extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "add-column-required-no-default",
            "Adding a NOT NULL column without a default fails on a table that has rows",
            Severity.ERROR, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the table (until the statement fails)",
            "Existing rows get NULL in the new column, which violates NOT NULL, so PostgreSQL refuses the "
                    + "statement (\"column ... contains null values\") on any table with rows: the deploy fails "
                    + "in production although it passed on an empty development database.",
            "On PostgreSQL 11 and later give the column a constant DEFAULT: adding it is then instant and "
                    + "existing rows read the default. Otherwise add the column nullable, backfill it in "
                    + "batches, and add NOT NULL afterwards without a long lock (see set-not-null).",
            "ALTER TABLE users ADD COLUMN status text NOT NULL;",
            "ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AddColumn add) || !add.column().requiresValue() || !existing(site, add.table())) {
            return;
        }
        String column = add.column().name();
        String plain = SqlText.addPlainColumn(add.table(), add.column());
        String danger = "Adding " + add.table() + "." + column + " as NOT NULL without a default fails on a table with rows: "
                + "every existing row would hold NULL.";
        if (version(site) >= 11) {
            out.report(site.statement(), danger + " Give it a constant DEFAULT, which PostgreSQL " + version(site)
                            + " adds instantly, or add it nullable and backfill it.",
                    new Fix(plain + " NOT NULL DEFAULT <value>;", false));
        } else {
            out.report(site.statement(), danger + " On PostgreSQL " + version(site) + " a DEFAULT would rewrite the table: "
                            + "add it nullable, backfill in batches, then add NOT NULL (see set-not-null).",
                    new Fix(plain + ";\n"
                            + "ALTER TABLE " + SqlText.table(add.table()) + " ALTER COLUMN " + SqlText.ident(column)
                            + " SET DEFAULT <value>;\n"
                            + "-- backfill existing rows in batches, then add NOT NULL as set-not-null shows", false));
        }
    }
}

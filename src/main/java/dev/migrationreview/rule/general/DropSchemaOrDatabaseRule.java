package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** DROP SCHEMA / DROP DATABASE: every object and row inside goes at once. */
public final class DropSchemaOrDatabaseRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "drop-schema-or-database",
            "Dropping a schema or database destroys everything in it",
            Severity.ERROR, Set.of(), "every database and version",
            "ACCESS EXCLUSIVE on every table in the schema (PostgreSQL); exclusive metadata locks on every table (MySQL)",
            "Every table, view, function and row in the schema or database is gone in one statement; the data "
                    + "only comes back from a backup. With CASCADE, objects elsewhere that depend on it go too. "
                    + "A migration that runs in every environment rarely means this.",
            "Drop the objects you mean to drop one by one, each after the code stops using it, so the review "
                    + "shows each of them; keep schema and database lifecycle out of application migrations.",
            "DROP SCHEMA analytics CASCADE;",
            "DROP TABLE analytics.page_views_2019;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        switch (site.operation()) {
            case Operation.DropSchema drop -> out.report(site.statement(),
                    "Dropping schema " + drop.schema() + (drop.cascade() ? " with CASCADE" : "") + " destroys every "
                            + "table, view and function in it and their data, recoverable only from a backup. "
                            + "Drop the objects you mean to drop one by one instead, each in a reviewed migration.");
            case Operation.DropDatabase drop -> out.report(site.statement(),
                    "Dropping database " + drop.database() + " destroys every table in it and their data, "
                            + "recoverable only from a backup. Application migrations should not drop databases; "
                            + "drop the tables you mean to drop one by one instead.");
            default -> { }
        }
    }
}

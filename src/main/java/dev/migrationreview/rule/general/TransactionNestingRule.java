package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.MigrationSite;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/**
 * Transaction control that fights the transaction already open: BEGIN inside one (the framework's
 * or the file's own), or COMMIT/ROLLBACK that ends the framework's transaction part-way.
 */
public final class TransactionNestingRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "transaction-nesting",
            "BEGIN or COMMIT inside a migration the framework already runs in a transaction",
            Severity.WARNING, Set.of(), "every database and version",
            "none",
            "The framework (Flyway, Rails, Alembic, goose, dbmate...) already wraps the migration in a "
                    + "transaction. A nested BEGIN is ignored with a warning in PostgreSQL and silently commits the "
                    + "open transaction in MySQL; the matching COMMIT then commits the framework's transaction "
                    + "part-way. Statements after it run outside any transaction, so a later failure leaves the "
                    + "migration half-applied and the framework's bookkeeping wrong.",
            "Remove BEGIN and COMMIT and let the framework's transaction cover the file. If statements must run "
                    + "outside a transaction, mark the file as non-transactional instead (Flyway: "
                    + "executeInTransaction=false; goose: -- +goose NO TRANSACTION; Rails: disable_ddl_transaction!; "
                    + "Alembic: autocommit_block()).",
            "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;",
            "ALTER TABLE users ADD COLUMN nickname text;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    /**
     * One pass over the migration: whether a BEGIN came earlier is known on the way, where looking
     * it up again for every COMMIT made a file of thousands of them quadratic.
     */
    @Override
    public void checkMigration(MigrationSite migration, FindingSink out) {
        boolean frameworkTransaction = migration.migration().transactional();
        // A BEGIN earlier in a framework transaction was already reported, together with its COMMIT.
        boolean begun = false;
        for (OperationSite site : migration.operations()) {
            if (!(site.operation() instanceof Operation.Transaction transaction)) {
                continue;
            }
            switch (transaction.control()) {
                case BEGIN -> {
                    if (site.context().inTransaction()) {
                        out.report(site.statement(), frameworkTransaction
                                ? "BEGIN inside the transaction the framework runs this migration in: PostgreSQL "
                                        + "ignores it with a warning, MySQL commits the open transaction, and the COMMIT "
                                        + "that follows ends the framework's transaction part-way, leaving the rest "
                                        + "outside any transaction. Remove BEGIN and its COMMIT."
                                : "BEGIN while the transaction opened earlier in this file is still open: PostgreSQL "
                                        + "ignores it with a warning and MySQL commits the open transaction. Commit the "
                                        + "first transaction before beginning another.");
                    }
                    begun = true;
                }
                case COMMIT, ROLLBACK -> {
                    if (frameworkTransaction && !begun) {
                        out.report(site.statement(), transaction.control() + " ends the transaction the framework runs "
                                + "this migration in: the statements after it run outside any transaction, and a "
                                + "failure leaves the migration half-applied. Remove it, or mark the migration as "
                                + "non-transactional if it must commit part-way.");
                    }
                }
                case SAVEPOINT, RELEASE -> { }
            }
        }
    }
}

package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.Operation.Transaction.Control;
import dev.migrationreview.rule.FindingSink;
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

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.Transaction transaction)) {
            return;
        }
        boolean frameworkTransaction = site.migration().transactional();
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
            }
            case COMMIT, ROLLBACK -> {
                if (frameworkTransaction && !begunBefore(site)) {
                    out.report(site.statement(), transaction.control() + " ends the transaction the framework runs "
                            + "this migration in: the statements after it run outside any transaction, and a "
                            + "failure leaves the migration half-applied. Remove it, or mark the migration as "
                            + "non-transactional if it must commit part-way.");
                }
            }
            case SAVEPOINT, RELEASE -> { }
        }
    }

    /** A BEGIN earlier in a framework transaction was already reported, together with its COMMIT. */
    private static boolean begunBefore(OperationSite site) {
        return MigrationOperations.earlierInMigration(site).stream()
                .anyMatch(o -> o instanceof Operation.Transaction t && t.control() == Control.BEGIN);
    }
}

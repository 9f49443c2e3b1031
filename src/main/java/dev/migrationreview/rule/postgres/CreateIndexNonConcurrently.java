package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;
import java.util.regex.Pattern;

/** CREATE INDEX on an existing table without CONCURRENTLY. */
public final class CreateIndexNonConcurrently extends PostgresRule {

    private static final Pattern CREATE_INDEX = Pattern.compile("(?i)\\bCREATE\\s+(?:UNIQUE\\s+)?INDEX\\b");

    private static final RuleDoc DOC = new RuleDoc(
            "create-index-non-concurrently",
            "CREATE INDEX without CONCURRENTLY blocks writes to an existing table while the index builds",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "SHARE on the table for the whole build",
            "A plain CREATE INDEX holds a SHARE lock until the index is built. INSERT, UPDATE and DELETE on "
                    + "the table wait for the whole build (minutes to hours on a large table), and every "
                    + "request that writes to it piles up behind them.",
            "Build the index with CREATE INDEX CONCURRENTLY: it takes SHARE UPDATE EXCLUSIVE, so reads and "
                    + "writes go on while it scans the table twice. It cannot run inside a transaction block, "
                    + "so give it a migration of its own that runs without one. If it fails it leaves an "
                    + "INVALID index behind: drop it with DROP INDEX CONCURRENTLY and run it again. A "
                    + "partitioned table cannot be indexed CONCURRENTLY as a whole: create the index ON ONLY "
                    + "the parent, build each partition's index CONCURRENTLY and ATTACH it.",
            "CREATE INDEX idx_users_email ON users (email);",
            "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.CreateIndex index) || index.concurrently()
                || !existing(site, index.table())) {
            return;
        }
        String name = index.name().map(n -> "index " + n).orElse("an index");
        String table = index.table().qualified();
        out.report(site.statement(), "Creating " + name + " on " + table + " without CONCURRENTLY holds a SHARE lock on "
                        + table + " for the whole build: every INSERT, UPDATE and DELETE on it waits until the index "
                        + "is built. Use CREATE INDEX CONCURRENTLY"
                        + (site.context().inTransaction() ? ", which cannot run in a transaction: " + OutsideTransaction.howTo(site)
                        : "."),
                OutsideTransaction.concurrently(site, SqlText.insertAfter(CREATE_INDEX, " CONCURRENTLY"), modelSql(index)));
    }

    /** The safe statement written from the model, for statements that are not SQL (framework DSLs). */
    private static String modelSql(Operation.CreateIndex index) {
        return "CREATE " + (index.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY "
                + index.name().map(n -> SqlText.ident(n) + " ").orElse("")
                + "ON " + SqlText.table(index.table())
                + index.method().map(m -> " USING " + m).orElse("")
                + " (" + SqlText.columns(index.columns()) + ")"
                + (index.partial() ? " WHERE ...; -- keep the index's WHERE clause" : ";");
    }
}

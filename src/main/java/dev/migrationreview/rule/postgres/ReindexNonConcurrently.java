package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** REINDEX without CONCURRENTLY of existing indexes. */
public final class ReindexNonConcurrently extends PostgresRule {

    private static final Pattern REINDEX_KIND = Pattern.compile(
            "(?i)\\bREINDEX\\s+(?:\\([^)]*\\)\\s*)?(?:INDEX|TABLE|SCHEMA|DATABASE)\\b");

    private static final RuleDoc DOC = new RuleDoc(
            "reindex-non-concurrently",
            "REINDEX without CONCURRENTLY blocks the table while every index is rebuilt",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL),
            "PostgreSQL, every version; REINDEX CONCURRENTLY exists since 12",
            "ACCESS EXCLUSIVE on the index (SHARE on its table) for the whole rebuild",
            "REINDEX locks each index it rebuilds with ACCESS EXCLUSIVE and its table with SHARE. Writes "
                    + "wait for the whole rebuild, and so does every query whose plan considers the index, "
                    + "which on a busy table means nearly every read.",
            "On PostgreSQL 12 and later use REINDEX ... CONCURRENTLY, which builds a new index beside the old "
                    + "one and swaps them without blocking reads or writes; it cannot run inside a transaction "
                    + "block. Before 12, build a replacement with CREATE INDEX CONCURRENTLY, drop the old index "
                    + "with DROP INDEX CONCURRENTLY and rename the new one.",
            "REINDEX INDEX idx_users_email;",
            "REINDEX INDEX CONCURRENTLY idx_users_email;");

    /** Before PostgreSQL 12: build a twin concurrently, drop the old index concurrently, take its name. */
    private static String replacement(String index) {
        return "CREATE INDEX CONCURRENTLY " + index + "_new ON <table> (<the same columns>);\n"
                + "DROP INDEX CONCURRENTLY " + index + ";\n"
                + "ALTER INDEX " + index + "_new RENAME TO " + index + ";";
    }

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.Reindex reindex) || reindex.concurrently()) {
            return;
        }
        String kind = reindex.kind().toUpperCase(Locale.ROOT);
        boolean newTarget = switch (kind) {
            case "TABLE" -> !existing(site, TableRef.parse(reindex.target()));
            case "INDEX" -> ChangeHistory.before(site).isNewIndex(reindex.target());
            default -> false;
        };
        // REINDEX SYSTEM only touches catalogs, and cannot be done concurrently.
        if (newTarget || kind.equals("SYSTEM")) {
            return;
        }
        String subject = "REINDEX " + kind + " " + reindex.target();
        if (version(site) < 12) {
            out.report(site.statement(), subject + " rebuilds under ACCESS EXCLUSIVE on each index and SHARE on its table: "
                            + "writes, and reads that use the index, wait for the whole rebuild. PostgreSQL "
                            + version(site) + " has no REINDEX CONCURRENTLY: build a replacement index concurrently instead.",
                    new Fix(replacement(kind.equals("INDEX") ? reindex.target() : "<index>"), false));
            return;
        }
        String keyword = kind + " CONCURRENTLY";
        out.report(site.statement(), subject + " rebuilds under ACCESS EXCLUSIVE on each index and SHARE on its table: "
                        + "writes, and reads that use the index, wait for the whole rebuild. Use REINDEX " + keyword
                        + (site.context().inTransaction() ? ", outside a transaction: " + OutsideTransaction.howTo(site) : "."),
                OutsideTransaction.concurrently(site, SqlText.insertAfter(REINDEX_KIND, " CONCURRENTLY"),
                        "REINDEX " + keyword + " " + reindex.target() + ";"));
    }
}

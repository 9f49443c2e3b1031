package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** ADD COLUMN ... GENERATED ALWAYS AS (...) STORED on an existing table. */
public final class AddColumnStoredGenerated extends PostgresRule {

    private static final Pattern STORED = Pattern.compile("(?i)\\bSTORED\\b");

    private static final RuleDoc DOC = new RuleDoc(
            "add-column-stored-generated",
            "Adding a stored generated column rewrites the whole table",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL 12+ (generated columns); VIRTUAL exists since 18",
            "ACCESS EXCLUSIVE on the table during a full rewrite",
            "A stored generated column is computed and written into every existing row when it is added: the "
                    + "table and all its indexes are rewritten while no query can read or write it.",
            "On PostgreSQL 18 and later make it VIRTUAL: computed when read, added instantly. Before 18, add a "
                    + "plain nullable column, keep it current with a trigger (or the application), and backfill "
                    + "existing rows in batches; or compute the expression in queries, with an expression index "
                    + "if it must be searched.",
            "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;",
            "-- PostgreSQL 18+:\nALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) VIRTUAL;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.AddColumn add) || !existing(site, add.table())
                || add.column().generated().filter(g -> g == ColumnDef.Generated.STORED).isEmpty()) {
            return;
        }
        String danger = "Adding stored generated column " + add.table() + "." + add.column().name() + " computes it for every "
                + "existing row: a rewrite of " + add.table() + " and its indexes under ACCESS EXCLUSIVE.";
        if (version(site) >= 18) {
            Optional<String> virtual = SqlText.editLines(site, text -> Optional.of(STORED.matcher(text).replaceFirst("VIRTUAL")));
            out.report(site.statement(), danger + " On PostgreSQL " + version(site) + " make it VIRTUAL: computed when read, "
                            + "added instantly.",
                    virtual.map(code -> new Fix(code, true)).orElseGet(() -> new Fix(SqlText.addPlainColumn(add.table(), add.column())
                            + " GENERATED ALWAYS AS (<expression>) VIRTUAL;", false)));
            return;
        }
        out.report(site.statement(), danger + " Add a plain column, keep it current with a trigger or the application, and "
                        + "backfill existing rows in batches (PostgreSQL 18 adds VIRTUAL generated columns, which are instant).",
                new Fix(SqlText.addPlainColumn(add.table(), add.column()) + ";\n"
                        + "-- keep it current with a BEFORE INSERT OR UPDATE trigger, then backfill existing rows in batches", false));
    }
}

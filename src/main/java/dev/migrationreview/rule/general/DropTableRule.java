package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Dropping tables that existed before this change. */
public final class DropTableRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "drop-table",
            "Dropping a table breaks code that still uses it and destroys its data",
            Severity.WARNING, Set.of(), "every database and version",
            "ACCESS EXCLUSIVE on the table (PostgreSQL; with CASCADE also on dependent objects); an exclusive "
                    + "metadata lock (MySQL)",
            "Any code, job or report that still reads or writes the table fails at once, and the data can only "
                    + "come back from a backup. The drop also waits behind every open transaction that touched "
                    + "the table, and blocks all queries queued behind it.",
            "Drop a table only after a deploy in which no code uses it (search the code, background jobs and "
                    + "reports), in a migration of its own; say so in a suppression comment "
                    + "(-- migration-review:ignore drop-table unused since release 42).",
            "DROP TABLE orders;",
            "-- deploy 1 ships no migration: the code, jobs and reports stop using orders\n"
                    + "-- deploy 2, in a later change, drops it once nothing refers to it: DROP TABLE orders;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.DropTable drop)) {
            return;
        }
        List<TableRef> existing = drop.dropped().stream().filter(t -> !site.context().isNewTable(t)).toList();
        if (existing.isEmpty()) {
            return;
        }
        var dialect = site.context().dialect();
        String names = existing.stream().map(TableRef::toString).collect(Collectors.joining(", "));
        String sqlNames = existing.stream().map(t -> SqlText.table(t, dialect)).collect(Collectors.joining(", "));
        out.report(site.statement(),
                "Dropping " + (existing.size() == 1 ? "table " : "tables ") + names + " breaks any code, job or report "
                        + "still using " + (existing.size() == 1 ? "it" : "them") + ", and the data is only "
                        + "recoverable from a backup" + (drop.cascade() ? "; CASCADE also drops every view and "
                        + "foreign key that depends on it" : "") + ". Drop only after a deploy in which nothing uses it:",
                new Fix("-- deploy 1: no code, job or report reads or writes " + names + " any more\n"
                        + "-- deploy 2:\nDROP TABLE " + sqlNames + ";", false));
    }
}

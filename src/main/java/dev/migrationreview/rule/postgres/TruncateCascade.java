package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;
import java.util.stream.Collectors;

/** TRUNCATE ... CASCADE of an existing table. */
public final class TruncateCascade extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "truncate-cascade",
            "TRUNCATE ... CASCADE also empties every table that references the truncated ones",
            Severity.ERROR, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "ACCESS EXCLUSIVE on the truncated tables and on every table that references them, recursively",
            "CASCADE empties every table with a foreign key to the named tables, and the tables referencing "
                    + "those, however far the chain goes: tables the migration does not name lose all their rows, "
                    + "and all of them are locked against reads and writes meanwhile.",
            "Name every table you mean to empty, without CASCADE: PostgreSQL then refuses to truncate a table "
                    + "that another, unnamed table references, instead of emptying that one too.",
            "TRUNCATE users CASCADE;",
            "TRUNCATE users, sessions;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.Truncate truncate) || !truncate.cascade()
                || truncate.truncated().stream().noneMatch(t -> existing(site, t))) {
            return;
        }
        String tables = truncate.truncated().stream().map(TableRef::qualified).collect(Collectors.joining(", "));
        out.report(site.statement(), "TRUNCATE " + tables + " CASCADE also empties every table that references "
                        + (truncate.truncated().size() == 1 ? "it" : "them") + ", recursively, including tables this migration "
                        + "does not name, and locks them all with ACCESS EXCLUSIVE. Name each table to empty and drop CASCADE.",
                new Fix("-- name every table to empty; this fails if another table still references one of them\n"
                        + "TRUNCATE " + truncate.truncated().stream().map(SqlText::table).collect(Collectors.joining(", "))
                        + ";", false));
    }
}

package dev.migrationreview.rule.mysql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.rule.general.MigrationOperations;
import dev.migrationreview.rule.general.ScopedRule;
import dev.migrationreview.rule.general.SqlText;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Adding an index to an existing MySQL table: InnoDB builds secondary indexes online, unless the
 * statement asks for a lock, or the index is FULLTEXT or SPATIAL (no concurrent writes). Without a
 * LOCK clause the build is online but nothing guarantees it, so the rule asks for LOCK=NONE.
 */
public final class MysqlAddIndexLockingRule extends ScopedRule {

    static final RuleDoc DOC = new RuleDoc(
            "mysql-add-index-locking",
            "Adding an index without LOCK=NONE, or with a lock that blocks writes",
            Severity.NOTICE, Set.of(DatabaseKind.MYSQL, DatabaseKind.MARIADB), "MySQL 5.6+ and MariaDB 10.0+ (online DDL)",
            "LOCK=NONE by default for secondary indexes (an exclusive metadata lock only at the start and end); "
                    + "LOCK=SHARED blocks writes, LOCK=EXCLUSIVE blocks reads and writes; FULLTEXT and SPATIAL "
                    + "indexes block writes",
            "InnoDB builds a secondary index in place while writes continue, but only if nothing prevents it: "
                    + "an explicit LOCK=SHARED or EXCLUSIVE blocks writes (or reads too) for the whole build, "
                    + "FULLTEXT and SPATIAL indexes never allow concurrent writes, and the first FULLTEXT index "
                    + "rebuilds the table. On a large table that is minutes to hours of failed writes.",
            "Write ALGORITHM=INPLACE, LOCK=NONE on the statement, so MySQL refuses rather than blocking when it "
                    + "cannot build the index online; build FULLTEXT and SPATIAL indexes on large tables with "
                    + "gh-ost or pt-online-schema-change.",
            "CREATE INDEX idx_orders_customer ON orders (customer_id) LOCK=SHARED;",
            "CREATE INDEX idx_orders_customer ON orders (customer_id) ALGORITHM=INPLACE LOCK=NONE;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    protected void checkInScope(OperationSite site, FindingSink out) {
        Optional<IndexAdded> index = switch (site.operation()) {
            case Operation.CreateIndex create -> Optional.of(new IndexAdded(create.table(), create.name(),
                    create.method().map(m -> m.toUpperCase(Locale.ROOT)).filter(m -> m.equals("FULLTEXT") || m.equals("SPATIAL"))));
            case Operation.AddConstraint add when add.constraint().kind() == ConstraintDef.Kind.UNIQUE
                    && add.constraint().usingIndex().isEmpty() ->
                    Optional.of(new IndexAdded(add.table(), add.constraint().name(), Optional.empty()));
            default -> Optional.empty();
        };
        var options = AlterOptions.of(site);
        // An explicit ALGORITHM=COPY is mysql-copy-algorithm's finding.
        if (index.isEmpty() || site.context().isNewTable(index.get().table()) || options.algorithmIs("COPY")
                || !MigrationOperations.firstOfItsKindInStatement(site)) {
            return;
        }
        IndexAdded added = index.get();
        String what = added.name().map(n -> "index " + n).orElse("an index") + " on " + added.table();
        var dialect = site.context().dialect();
        String separator = site.operation() instanceof Operation.CreateIndex
                && SqlText.sql(site.statement()).filter(s -> s.strip().toUpperCase(Locale.ROOT).startsWith("CREATE")).isPresent()
                ? " " : ", ";
        Fix demandOnline = SqlText.editStatement(site, sql -> AlterOptions.demandOnline(sql, separator),
                "ALTER TABLE " + SqlText.table(added.table(), dialect) + " ADD INDEX ..., ALGORITHM=INPLACE, LOCK=NONE;");
        if (added.special().isPresent()) {
            if (options.lockIs("NONE")) {
                return; // MySQL refuses LOCK=NONE for these indexes: the migration fails instead of blocking.
            }
            out.report(site.statement(), "Adding " + added.special().get() + " " + what + " blocks writes to "
                    + added.table() + " for the whole build" + (added.special().get().equals("FULLTEXT")
                    ? " (the first FULLTEXT index also rebuilds the table)" : "") + ". On a large table build it "
                    + "with pt-online-schema-change (or gh-ost):",
                    new Fix(OnlineSchemaChange.command(site, added.table(), "ADD " + added.special().get() + " INDEX ..."), false));
        } else if (options.lockIs("SHARED") || options.lockIs("EXCLUSIVE")) {
            out.report(site.statement(), "LOCK=" + options.lock().orElseThrow() + " blocks "
                    + (options.lockIs("EXCLUSIVE") ? "reads and writes" : "writes") + " on " + added.table()
                    + " for the whole build of " + what + ", although InnoDB builds secondary indexes with "
                    + "concurrent writes. Use LOCK=NONE:", demandOnline);
        } else if (!options.demandsOnline()) {
            out.report(site.statement(), "Adding " + what + ": InnoDB builds it with concurrent writes, but nothing "
                    + "in the statement guarantees that. Demand it, so MySQL refuses instead of locking "
                    + added.table() + " if it cannot:", demandOnline);
        }
    }

    private record IndexAdded(TableRef table, Optional<String> name, Optional<String> special) {}
}

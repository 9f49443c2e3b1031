package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;
import java.util.regex.Pattern;

/** ALTER TABLE ... DETACH PARTITION without CONCURRENTLY on an existing partitioned table. */
public final class DetachPartitionNonConcurrently extends PostgresRule {

    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[\\w$]+)";
    private static final Pattern DETACH = Pattern.compile("(?i)\\bDETACH\\s+PARTITION\\s+" + NAME + "(?:\\s*\\.\\s*" + NAME + ")?");

    private static final RuleDoc DOC = new RuleDoc(
            "detach-partition-non-concurrently",
            "DETACH PARTITION without CONCURRENTLY locks the whole partitioned table",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL),
            "PostgreSQL 10+; DETACH PARTITION CONCURRENTLY exists since 14",
            "ACCESS EXCLUSIVE on the partitioned table and the partition",
            "Detaching a partition takes ACCESS EXCLUSIVE on the parent: every query on any partition of the "
                    + "table waits for the lock, and while the lock waits for running queries, all new ones queue.",
            "On PostgreSQL 14 and later use DETACH PARTITION ... CONCURRENTLY, which takes only SHARE UPDATE "
                    + "EXCLUSIVE; it cannot run inside a transaction block nor when the table has a default "
                    + "partition. Before 14 there is no online way: set a short lock_timeout and retry.",
            "ALTER TABLE measurements DETACH PARTITION measurements_2019;",
            "ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!(site.operation() instanceof Operation.DetachPartition detach) || detach.concurrently()
                || !existing(site, detach.table())) {
            return;
        }
        String subject = "Detaching " + detach.partition() + " from " + detach.table() + " takes ACCESS EXCLUSIVE on "
                + detach.table() + ": every query on every partition of it waits, and queues behind the lock while it waits.";
        if (version(site) < 14) {
            out.report(site.statement(), subject + " PostgreSQL " + version(site) + " has no DETACH PARTITION CONCURRENTLY "
                    + "(14+): set a short lock_timeout before it and retry on timeout.",
                    Timeouts.before(site, Timeouts.SET_LOCK_TIMEOUT));
            return;
        }
        out.report(site.statement(), subject + " Use DETACH PARTITION ... CONCURRENTLY"
                        + (site.context().inTransaction() ? ", outside a transaction: " + OutsideTransaction.howTo(site) : ".")
                        + " It fails if the table has a default partition.",
                OutsideTransaction.concurrently(site, SqlText.insertAfter(DETACH, " CONCURRENTLY"), sql(detach, " CONCURRENTLY")));
    }

    private static String sql(Operation.DetachPartition detach, String suffix) {
        return "ALTER TABLE " + SqlText.table(detach.table()) + " DETACH PARTITION " + SqlText.table(detach.partition()) + suffix + ";";
    }
}

package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.MigrationSite;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A migration that both changes the schema of existing tables and backfills existing rows. */
public final class DdlAndBackfillTogether extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "ddl-and-backfill-together",
            "A schema change and a backfill of existing rows in the same migration",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "PostgreSQL, every version",
            "the schema change's lock, held through the backfill when both share a transaction",
            "In one transaction, the lock taken by the ALTER (usually ACCESS EXCLUSIVE) is held until commit, so "
                    + "the table stays blocked for the whole UPDATE or DELETE, which on a big table takes minutes. "
                    + "Even without a shared transaction, a backfill at deploy time holds up the deploy, and when it "
                    + "fails the schema change is rolled back with it or left half applied.",
            "Change the schema in one migration; backfill in a separate migration that runs outside a "
                    + "transaction, or in a background job, in batches (see unbatched-backfill).",
            "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';",
            "ALTER TABLE users ADD COLUMN plan text;\n"
                    + "-- separate migration, in batches:\n"
                    + "UPDATE users SET plan = 'free' WHERE id IN (SELECT id FROM users WHERE plan IS NULL LIMIT 10000);");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgresMigration(MigrationSite migration, FindingSink out) {
        List<OperationSite> schemaChanges = migration.operations().stream().filter(DdlAndBackfillTogether::changesSchema).toList();
        if (schemaChanges.isEmpty()) {
            return;
        }
        for (OperationSite site : migration.operations()) {
            Backfills.backfill(site).ifPresent(change -> out.report(site.statement(), message(schemaChanges, site, change),
                    new Fix("-- in a separate migration (or a background job):\n" + Backfills.batched(site, change), false)));
        }
    }

    private static String message(List<OperationSite> schemaChanges, OperationSite backfill, Operation.DataChange change) {
        String verb = change.kind().name();
        // A blocking lock taken earlier in the same transaction on the backfilled table is still held.
        List<OperationSite> sameTransaction = backfill.context().earlierInTransaction();
        for (OperationSite ddl : schemaChanges) {
            if (!sameTransaction.contains(ddl)) {
                continue;
            }
            Optional<TableLock> held = Locks.of(ddl).onExistingTables(ddl.context()).stream()
                    .filter(l -> l.level().blocksWrites() && l.table().filter(change.table()::equals).isPresent()).findFirst();
            if (held.isPresent()) {
                return "The schema change at line " + ddl.statement().startLine() + " holds " + held.get().describe()
                        + " until this transaction commits, so " + change.table() + " stays blocked ("
                        + held.get().level().blocks() + ") for the whole " + verb + " of its existing rows. Backfill in a "
                        + "separate migration, in batches.";
            }
        }
        return "This migration changes the schema (line " + schemaChanges.getFirst().statement().startLine() + ") and also runs "
                + verb + " over existing rows of " + change.table() + ": the backfill holds up the deploy for as long as the "
                + "table is big, and if it fails the schema change fails with it. Backfill in a separate migration or a "
                + "background job, in batches.";
    }

    /** DDL that locks a table existing before the change (creating tables and maintenance do not count). */
    private static boolean changesSchema(OperationSite site) {
        return switch (site.operation()) {
            case Operation.DataChange d -> false;
            case Operation.CreateTable c -> false;
            case Operation.LockTable l -> false;
            case Operation.Maintenance m -> false;
            default -> Locks.of(site).onExistingTables(site.context()).stream()
                    .anyMatch(l -> l.level().compareTo(LockLevel.SHARE_UPDATE_EXCLUSIVE) >= 0);
        };
    }
}

package dev.migrationreview.proof;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What a proof observed, turned into findings like any rule's, with their docs. */
public final class ProofChecks {

    private ProofChecks() {}

    public static final RuleDoc DANGEROUS_LOCK = new RuleDoc(
            "proof-dangerous-lock",
            "On a real database, the statement took a lock that blocks reads or writes of an existing table",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "observed on the proof database",
            "as recorded from pg_locks",
            "While the lock is held every query that conflicts with it waits, and so does every query queued behind "
                    + "those: one slow migration statement stalls the application.",
            "Use the concurrent or NOT VALID form the static finding on the same line suggests, and set lock_timeout.",
            "ALTER TABLE accounts ADD COLUMN balance integer NOT NULL DEFAULT 0;",
            "SET lock_timeout = '2s';\nALTER TABLE accounts ADD COLUMN balance integer;");

    public static final RuleDoc TABLE_REWRITE = new RuleDoc(
            "proof-table-rewrite",
            "On a real database, the statement rewrote an existing table or index",
            Severity.WARNING, Set.of(DatabaseKind.POSTGRESQL), "observed on the proof database",
            "ACCESS EXCLUSIVE for the whole rewrite",
            "A rewrite copies every row under an exclusive lock; its duration grows with the table.",
            "Add a new column, backfill it in batches, and swap reads over instead of changing the type in place.",
            "ALTER TABLE accounts ALTER COLUMN id TYPE bigint;",
            "ALTER TABLE accounts ADD COLUMN id_new bigint;");

    public static final RuleDoc STATEMENT_FAILED = new RuleDoc(
            "proof-statement-failed",
            "The statement failed on a real database",
            Severity.ERROR, Set.of(DatabaseKind.POSTGRESQL), "observed on the proof database", "none",
            "A migration that fails half-way leaves the deploy stuck, and outside a transaction leaves the schema half-changed.",
            "Fix the statement; the error text says what PostgreSQL refused.",
            "BEGIN;\nCREATE INDEX CONCURRENTLY idx_a ON accounts (email);\nCOMMIT;",
            "CREATE INDEX CONCURRENTLY idx_a ON accounts (email);");

    public static final RuleDoc ROLLBACK = new RuleDoc(
            "proof-rollback",
            "The rollback failed or did not restore the schema",
            Severity.ERROR, Set.of(DatabaseKind.POSTGRESQL), "observed on the proof database", "none",
            "A rollback that fails or leaves objects behind is found out during an incident, when it is needed most.",
            "Make the down migration undo exactly what the up migration did, and test it: up, down, up.",
            "-- up: ALTER TABLE accounts ADD COLUMN note text;\n-- down: (nothing)",
            "-- up: ALTER TABLE accounts ADD COLUMN note text;\n-- down: ALTER TABLE accounts DROP COLUMN note;");

    public static final RuleDoc PLAN_REGRESSION = new RuleDoc(
            "proof-plan-regression",
            "A critical query's plan got worse",
            Severity.ERROR, Set.of(DatabaseKind.POSTGRESQL), "observed on the proof database", "none",
            "A workflow's query that loses its index scans the whole table on every call once the change ships.",
            "Keep or replace the index the query uses, or change the query in the same release.",
            "DROP INDEX idx_orders_customer;",
            "CREATE INDEX CONCURRENTLY idx_orders_customer_created ON orders (customer_id, created_at);\n"
                    + "DROP INDEX CONCURRENTLY idx_orders_customer;");

    public static List<RuleDoc> all() {
        return List.of(DANGEROUS_LOCK, TABLE_REWRITE, STATEMENT_FAILED, ROLLBACK, PLAN_REGRESSION);
    }

    /** The findings a proof report implies; plan regressions and proof failures are anchored to the first migration. */
    public static List<Finding> findings(ProofReport report, String firstMigrationPath) {
        var findings = new ArrayList<Finding>();
        for (StatementTrace trace : report.statements()) {
            trace.error().ifPresent(error -> findings.add(finding(STATEMENT_FAILED, trace.path(), trace.line(),
                    "PostgreSQL refused this statement: " + error)));
            List<HeldLock> dangerous = trace.dangerousLocks();
            if (!dangerous.isEmpty()) {
                String locks = dangerous.stream().map(l -> l.mode() + " on " + l.relation() + " (blocks "
                        + String.join(", ", l.blocks()) + ")").collect(Collectors.joining("; "));
                findings.add(finding(DANGEROUS_LOCK, trace.path(), trace.line(),
                        "Took " + locks + ", held for " + trace.heldFor().toMillis() + " ms on the proof database."));
            }
            if (!trace.rewritten().isEmpty()) {
                findings.add(finding(TABLE_REWRITE, trace.path(), trace.line(),
                        "Rewrote " + String.join(", ", trace.rewritten()) + " (new relation files) in "
                                + trace.elapsed().toMillis() + " ms."));
            }
        }
        for (RollbackResult rollback : report.rollbacks()) {
            if (rollback.status() == RollbackResult.Status.FAILED) {
                findings.add(finding(ROLLBACK, rollback.path(), 1,
                        "The rollback in " + rollback.rollbackPath() + " failed: " + rollback.error().orElse("")));
            } else if (rollback.status() == RollbackResult.Status.NOT_RESTORED) {
                findings.add(finding(ROLLBACK, rollback.path(), 1,
                        "After up and down the schema differs from before up:\n" + String.join("\n", rollback.differences())
                                + rollback.error().map(e -> "\n" + e).orElse("")));
            }
        }
        for (PlanComparison plan : report.plans()) {
            if (plan.regressed()) {
                findings.add(finding(PLAN_REGRESSION, firstMigrationPath, 1, "Query '" + plan.query().name() + "' ("
                        + plan.query().workflow() + "): " + String.join("; ", plan.regressions())));
            }
        }
        return findings;
    }

    private static Finding finding(RuleDoc doc, String path, int line, String message) {
        Optional<String> lock = doc.lock().equals("none") ? Optional.empty() : Optional.of(doc.lock());
        return new Finding(doc.id(), doc.defaultSeverity(), path, line, line, message, lock, Optional.empty());
    }
}

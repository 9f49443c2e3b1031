package dev.migrationreview.rule;

import dev.migrationreview.discovery.DatabaseKind;
import java.util.List;
import java.util.Set;

/**
 * The docs of what a database proof can find (dev.migrationreview.proof turns its observations
 * into findings with these ids), so `explain` and the rule pages cover them like any rule.
 */
public final class ProofRuleDocs {

    private ProofRuleDocs() {}

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
}

package dev.migrationreview.rule.postgres;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Optional;
import java.util.Set;

/** A CONCURRENTLY operation inside a transaction block: PostgreSQL refuses it and the migration fails. */
public final class ConcurrentlyInTransaction extends PostgresRule {

    private static final RuleDoc DOC = new RuleDoc(
            "concurrently-in-transaction",
            "CONCURRENTLY cannot run inside a transaction: the migration fails",
            Severity.ERROR, Set.of(DatabaseKind.POSTGRESQL),
            "PostgreSQL, every version (DETACH PARTITION CONCURRENTLY exists since 14, REINDEX CONCURRENTLY since 12)",
            "none: the statement is refused",
            "CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION "
                    + "CONCURRENTLY commit several transactions of their own, so PostgreSQL refuses them inside a "
                    + "transaction block (\"cannot run inside a transaction block\"). A migration tool that wraps "
                    + "each migration in a transaction makes the deploy fail at this statement.",
            "Run the statement in a migration of its own that the tool runs without a transaction (Flyway: "
                    + "executeInTransaction=false in the script's .conf file; dbmate: transaction:false; goose: "
                    + "NO TRANSACTION; Liquibase: runInTransaction false; Rails: disable_ddl_transaction!; "
                    + "Django: atomic = False; Alembic: autocommit_block()), and keep nothing else in it.",
            "BEGIN;\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\nCOMMIT;",
            "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    void checkPostgres(OperationSite site, FindingSink out) {
        if (!site.context().inTransaction()) {
            return;
        }
        Optional<String> what = switch (site.operation()) {
            case Operation.CreateIndex c when c.concurrently() -> Optional.of("CREATE INDEX CONCURRENTLY");
            case Operation.DropIndex d when d.concurrently() -> Optional.of("DROP INDEX CONCURRENTLY");
            case Operation.Reindex r when r.concurrently() -> Optional.of("REINDEX CONCURRENTLY");
            case Operation.DetachPartition d when d.concurrently() -> Optional.of("DETACH PARTITION CONCURRENTLY");
            default -> Optional.empty();
        };
        what.ifPresent(statement -> out.report(site.statement(),
                statement + " cannot run inside a transaction block, and this statement runs in one: PostgreSQL "
                        + "refuses it and the migration fails. " + OutsideTransaction.howTo(site),
                new Fix(OutsideTransaction.example(site, SqlText.editStatement(site, Optional::of)
                        .orElse(site.statement().text().strip())), false)));
    }
}

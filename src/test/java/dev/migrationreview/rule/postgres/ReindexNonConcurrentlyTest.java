package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static dev.migrationreview.rule.RuleTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class ReindexNonConcurrentlyTest {

    private final ReindexNonConcurrently rule = new ReindexNonConcurrently();

    @Test
    void onTwelveAndLaterReindexConcurrently() {
        assertThat(findingsNoTransaction(rule, "REINDEX TABLE users;")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("Use REINDEX TABLE CONCURRENTLY");
            assertThat(f.fix()).contains(new Fix("REINDEX TABLE CONCURRENTLY users;", true));
        });
        assertThat(findingsNoTransaction(rule, "REINDEX (VERBOSE) INDEX idx_users_email;")).singleElement()
                .satisfies(f -> assertThat(f.fix()).contains(new Fix("REINDEX (VERBOSE) INDEX CONCURRENTLY idx_users_email;", true)));
    }

    @Test
    void beforeTwelveRebuildsATwinConcurrently() {
        assertThat(findings(rule, postgres(11), "REINDEX INDEX idx_users_email;")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("PostgreSQL 11 has no REINDEX CONCURRENTLY");
            assertThat(f.fix().orElseThrow().code()).contains("CREATE INDEX CONCURRENTLY idx_users_email_new ON")
                    .contains("ALTER INDEX idx_users_email_new RENAME TO idx_users_email;");
        });
    }

    @Test
    void concurrentNewAndSystemReindexesAreFine() {
        assertThat(findingsNoTransaction(rule, "REINDEX TABLE CONCURRENTLY users;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE t (a int);\nREINDEX TABLE t;")).isEmpty();
        assertThat(findings(rule, "CREATE INDEX CONCURRENTLY i ON users (a);", "REINDEX INDEX i;")).isEmpty();
    }
}

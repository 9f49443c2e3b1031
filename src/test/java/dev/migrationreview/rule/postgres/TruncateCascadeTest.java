package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Severity;
import org.junit.jupiter.api.Test;

class TruncateCascadeTest {

    private final TruncateCascade rule = new TruncateCascade();

    @Test
    void cascadeEmptiesTablesTheMigrationDoesNotName() {
        assertThat(findings(rule, "TRUNCATE TABLE users, accounts CASCADE;")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("does not name");
            assertThat(f.fix().orElseThrow().code()).endsWith("TRUNCATE users, accounts;");
        });
    }

    @Test
    void plainTruncateAndNewTablesAreFine() {
        assertThat(findings(rule, "TRUNCATE users;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE staging (a int);\nTRUNCATE staging CASCADE;")).isEmpty();
    }
}

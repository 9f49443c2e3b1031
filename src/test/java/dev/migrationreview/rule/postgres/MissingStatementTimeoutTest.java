package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class MissingStatementTimeoutTest {

    private final MissingStatementTimeout rule = new MissingStatementTimeout();

    @Test
    void flagsTheFirstSlowWorkUnderABlockingLock() {
        var found = findings(rule, """
                ALTER TABLE users ADD COLUMN note text;
                ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                CREATE INDEX idx_users_note ON users (note);
                """);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.startLine()).as("the instant ADD COLUMN needs no statement_timeout").isEqualTo(2);
            assertThat(f.message()).contains("during a full scan of the table");
            assertThat(f.fix()).contains(new Fix("SET statement_timeout = '15min';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;", true));
        });
    }

    @Test
    void aTimeoutOrNonBlockingWorkIsFine() {
        assertThat(findings(rule, "SET statement_timeout = '10min';\nALTER TABLE users ALTER COLUMN email SET NOT NULL;")).isEmpty();
        assertThat(findings(rule, "ALTER TABLE users VALIDATE CONSTRAINT c;\nUPDATE users SET a = 1;")).isEmpty();
    }
}

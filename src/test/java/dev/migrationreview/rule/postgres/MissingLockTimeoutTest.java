package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.RuleTestSupport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MissingLockTimeoutTest {

    private final MissingLockTimeout rule = new MissingLockTimeout();

    @Test
    void oneFindingPerFileOnTheFirstBlockingStatement() {
        var found = findings(rule, """
                CREATE TABLE audit (id bigint);
                CREATE INDEX CONCURRENTLY idx_users_email ON users (email);
                ALTER TABLE users ADD COLUMN note text;
                ALTER TABLE orders ADD COLUMN note text;
                """);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.startLine()).isEqualTo(3);
            assertThat(f.message()).contains("ACCESS EXCLUSIVE on users").contains("blocks all reads and writes");
            assertThat(f.fix()).contains(new Fix("SET lock_timeout = '5s';\nALTER TABLE users ADD COLUMN note text;", true));
        });
    }

    @Test
    void aTimeoutSetBeforeTheStatementIsEnough() {
        assertThat(findings(rule, "SET lock_timeout = '3s';\nALTER TABLE users ADD COLUMN note text;")).isEmpty();
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN note text;\nSET lock_timeout = '3s';")).hasSize(1);
        assertThat(findings(rule, "SET lock_timeout = 0;\nALTER TABLE users ADD COLUMN note text;"))
                .as("zero disables the timeout").hasSize(1);
    }

    @Test
    void eachFileIsJudgedOnItsOwn() {
        assertThat(findingsNoTransaction(rule, "SET lock_timeout = '3s';", "ALTER TABLE users ADD COLUMN note text;")).hasSize(1);
    }

    @Test
    void offWhenTheRunnerSetsTimeouts() {
        var config = new ReviewConfig(Optional.empty(), Optional.empty(), List.of(), List.of(), Map.of(), true);
        assertThat(RuleTestSupport.findings(List.of(rule), RuleTestSupport.postgres(16), true, config,
                "ALTER TABLE users ADD COLUMN note text;")).isEmpty();
    }

    @Test
    void newTablesNonBlockingLocksAndMysqlAreFine() {
        assertThat(findings(rule, "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;\nCREATE INDEX ON t (a);")).isEmpty();
        assertThat(findings(rule, "UPDATE users SET a = 1 WHERE id = 3;\nALTER TABLE users VALIDATE CONSTRAINT c;")).isEmpty();
        assertThat(findings(rule, mysql(), "ALTER TABLE users ADD COLUMN note text;")).isEmpty();
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import org.junit.jupiter.api.Test;

class UnbatchedBackfillTest {

    private final UnbatchedBackfill rule = new UnbatchedBackfill();

    @Test
    void wholeTableUpdatesAndDeletesAreBatched() {
        var found = findings(rule, "UPDATE users SET plan = 'free';\nDELETE FROM sessions;");
        assertThat(found).hasSize(2);
        assertThat(found.get(0).message()).contains("UPDATE without WHERE changes every row of users");
        assertThat(found.get(1).fix().orElseThrow().code()).endsWith(
                "DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE <not yet done> LIMIT 10000);");
    }

    @Test
    void mysqlGetsItsOwnBatchingForm() {
        assertThat(findings(rule, mysql(), "UPDATE users SET plan = 'free';")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("undo log, binlog");
            assertThat(f.fix().orElseThrow().code()).endsWith("UPDATE users SET plan = 'free' WHERE <not yet done> LIMIT 10000;");
        });
    }

    @Test
    void filteredUpdatesNewTablesAndOtherDatabasesAreFine() {
        assertThat(findings(rule, "UPDATE users SET plan = 'free' WHERE id BETWEEN 1 AND 1000;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE t (a int);\nUPDATE t SET a = 1;")).isEmpty();
        assertThat(findings(rule, Dialect.of(DatabaseKind.SQLITE, "test"), "UPDATE users SET plan = 'free';")).isEmpty();
    }
}

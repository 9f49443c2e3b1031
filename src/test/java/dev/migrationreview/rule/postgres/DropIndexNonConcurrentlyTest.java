package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class DropIndexNonConcurrentlyTest {

    private final DropIndexNonConcurrently rule = new DropIndexNonConcurrently();

    @Test
    void flagsDropOfAnExistingIndex() {
        assertThat(findingsNoTransaction(rule, "DROP INDEX IF EXISTS idx_users_email;")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("ACCESS EXCLUSIVE on the table of index idx_users_email");
            assertThat(f.fix()).contains(new Fix("DROP INDEX CONCURRENTLY IF EXISTS idx_users_email;", true));
        });
    }

    @Test
    void severalIndexesOrCascadeAreSplitIntoOneConcurrentDropEach() {
        assertThat(findingsNoTransaction(rule, "DROP INDEX idx_a, idx_b CASCADE;")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("CONCURRENTLY takes no CASCADE");
            assertThat(f.fix()).contains(new Fix("DROP INDEX CONCURRENTLY idx_a;\nDROP INDEX CONCURRENTLY idx_b;", false));
        });
    }

    @Test
    void namesTheTableWhenTheIndexWasCreatedEarlierInTheChange() {
        var found = findings(rule, "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);",
                "DROP INDEX idx_users_email;");
        assertThat(found).as("an index created in this change is new: dropping it is not flagged").isEmpty();
    }

    @Test
    void concurrentDropsAndMysqlAreFine() {
        assertThat(findingsNoTransaction(rule, "DROP INDEX CONCURRENTLY idx_users_email;")).isEmpty();
        assertThat(findings(rule, mysql(), "DROP INDEX idx_users_email ON users;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE t (a int);", "DROP INDEX i ON t;")).isEmpty();
    }
}

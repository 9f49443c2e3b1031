package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class CreateTriggerOnExistingTableTest {

    private final CreateTriggerOnExistingTable rule = new CreateTriggerOnExistingTable();
    private static final String TRIGGER = "CREATE TRIGGER users_audit AFTER UPDATE ON users FOR EACH ROW EXECUTE FUNCTION audit();";

    @Test
    void withoutLockTimeoutTheFixSetsOne() {
        assertThat(findings(rule, TRIGGER)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("SHARE ROW EXCLUSIVE on users").contains("runs inside every write");
            assertThat(f.fix()).contains(new Fix("SET lock_timeout = '5s';\n" + TRIGGER, true));
        });
    }

    @Test
    void aLockTimeoutOrANewTableIsFine() {
        assertThat(findings(rule, "SET lock_timeout = '2s';\n" + TRIGGER)).isEmpty();
        assertThat(findings(rule, "CREATE TABLE users (id bigint);\n" + TRIGGER)).isEmpty();
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValidateInSameTransactionTest {

    private final ValidateInSameTransaction rule = new ValidateInSameTransaction();

    @Test
    void validatingInTheAddsTransactionKeepsItsLock() {
        var found = findings(rule, """
                ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;
                """);
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.startLine()).isEqualTo(2);
            assertThat(f.message()).contains("SHARE ROW EXCLUSIVE on orders and SHARE ROW EXCLUSIVE on users");
            assertThat(f.fix().orElseThrow().code()).endsWith("ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk;");
        });
        assertThat(findingsNoTransaction(rule, """
                BEGIN;
                ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT positive;
                COMMIT;
                """)).singleElement().satisfies(f -> assertThat(f.message()).contains("ACCESS EXCLUSIVE on orders"));
    }

    @Test
    void aCommitInBetweenOrSeparateMigrationsAreFine() {
        assertThat(findingsNoTransaction(rule, """
                ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT positive;
                """)).isEmpty();
        assertThat(findings(rule, "ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;",
                "ALTER TABLE orders VALIDATE CONSTRAINT positive;")).isEmpty();
        assertThat(findingsNoTransaction(rule, """
                BEGIN;
                ALTER TABLE orders ADD CONSTRAINT positive CHECK (total > 0) NOT VALID;
                COMMIT;
                BEGIN;
                ALTER TABLE orders VALIDATE CONSTRAINT positive;
                COMMIT;
                """)).isEmpty();
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static dev.migrationreview.rule.RuleTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SetNotNullTest {

    private final SetNotNull rule = new SetNotNull();
    private static final String SET_NOT_NULL = "ALTER TABLE users ALTER COLUMN email SET NOT NULL;";

    @Test
    void fromTwelveToSeventeenProveItWithACheckFirst() {
        assertThat(findings(rule, postgres(16), SET_NOT_NULL)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("scans every row of users under ACCESS EXCLUSIVE");
            assertThat(f.fix().orElseThrow().code()).isEqualTo("""
                    ALTER TABLE users ADD CONSTRAINT users_email_not_null CHECK (email IS NOT NULL) NOT VALID;
                    -- then, in a separate migration (its own transaction):
                    ALTER TABLE users VALIDATE CONSTRAINT users_email_not_null;
                    ALTER TABLE users ALTER COLUMN email SET NOT NULL;
                    ALTER TABLE users DROP CONSTRAINT users_email_not_null;""");
        });
    }

    @Test
    void theVersionDecidesTheAdvice() {
        assertThat(findings(rule, postgres(18), SET_NOT_NULL)).singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().code())
                .startsWith("ALTER TABLE users ADD CONSTRAINT users_email_not_null NOT NULL email NOT VALID;"));
        assertThat(findings(rule, postgres(11), SET_NOT_NULL)).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("PostgreSQL 11 cannot use a CHECK"));
    }

    @Test
    void aCheckValidatedEarlierInTheChangeMakesItInstantOnTwelvePlus() {
        String addCheck = "ALTER TABLE users ADD CONSTRAINT users_email_nn CHECK (email IS NOT NULL) NOT VALID;";
        String validateAndSet = "ALTER TABLE users VALIDATE CONSTRAINT users_email_nn;\n" + SET_NOT_NULL;
        assertThat(findings(rule, postgres(16), addCheck, validateAndSet)).isEmpty();
        assertThat(findings(rule, postgres(11), addCheck, validateAndSet)).hasSize(1);
        assertThat(findings(rule, postgres(16), addCheck, SET_NOT_NULL)).as("never validated").hasSize(1);
    }

    @Test
    void newTablesAndOtherDatabasesAreFine() {
        assertThat(findings(rule, "CREATE TABLE users (email text);\n" + SET_NOT_NULL)).isEmpty();
        assertThat(findings(rule, mysql(), "ALTER TABLE users MODIFY email varchar(255) NOT NULL;")).isEmpty();
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class AddUniqueConstraintTest {

    private final AddUniqueConstraint rule = new AddUniqueConstraint();

    @Test
    void buildsTheIndexConcurrentlyThenAttachesIt() {
        assertThat(findingsNoTransaction(rule, "ALTER TABLE users ADD UNIQUE (email);")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("ACCESS EXCLUSIVE");
            assertThat(f.fix()).contains(new Fix("CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n"
                    + "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;", false));
        });
    }

    @Test
    void aNamedConstraintKeepsItsName() {
        assertThat(findingsNoTransaction(rule, "ALTER TABLE users ADD CONSTRAINT users_handle_uq UNIQUE (handle);")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code()).isEqualTo(
                        "CREATE UNIQUE INDEX CONCURRENTLY users_handle_uq ON users (handle);\n"
                                + "ALTER TABLE users ADD CONSTRAINT users_handle_uq UNIQUE USING INDEX users_handle_uq;"));
    }

    @Test
    void aColumnAddedUniqueAndATransactionalMigration() {
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN handle text UNIQUE;")).singleElement().satisfies(f ->
                assertThat(f.fix().orElseThrow().code()).isEqualTo("""
                        ALTER TABLE users ADD COLUMN handle text;
                        -- in its own migration, outside any transaction:
                        CREATE UNIQUE INDEX CONCURRENTLY users_handle_key ON users (handle);
                        -- then:
                        ALTER TABLE users ADD CONSTRAINT users_handle_key UNIQUE USING INDEX users_handle_key;"""));
    }

    @Test
    void usingAnIndexAndNewTablesAreFine() {
        assertThat(findings(rule, "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE users (email text);", "ALTER TABLE users ADD UNIQUE (email);")).isEmpty();
    }
}

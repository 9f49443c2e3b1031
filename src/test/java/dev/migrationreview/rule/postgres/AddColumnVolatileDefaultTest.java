package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class AddColumnVolatileDefaultTest {

    private final AddColumnVolatileDefault rule = new AddColumnVolatileDefault();

    @Test
    void aVolatileDefaultRewritesOnEveryVersionAndIsSplitInPlace() {
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("volatile default gen_random_uuid()");
            assertThat(f.fix()).contains(new Fix("ALTER TABLE users ADD COLUMN token uuid;\n"
                    + "ALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();", true));
        });
    }

    @Test
    void aConstantDefaultRewritesOnlyBeforeEleven() {
        String sql = "ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;";
        assertThat(findings(rule, postgres(11), sql)).isEmpty();
        assertThat(findings(rule, postgres(16), "ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now();")).isEmpty();
        assertThat(findings(rule, postgres(10), sql)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("before PostgreSQL 11");
            assertThat(f.fix().orElseThrow().replacesStatement()).as("NOT NULL must be added separately").isFalse();
            assertThat(f.fix().orElseThrow().code()).endsWith("and add NOT NULL as set-not-null shows");
        });
    }

    @Test
    void nullDefaultsAndNewTablesAreFine() {
        assertThat(findings(rule, postgres(10), "ALTER TABLE users ADD COLUMN note text DEFAULT NULL;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE t (a int);", "ALTER TABLE t ADD COLUMN token uuid DEFAULT gen_random_uuid();")).isEmpty();
    }
}

package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropNotNullRuleTest {

    private final DropNotNullRule rule = new DropNotNullRule();

    @Test
    void flagsDroppingNotNullAndSaysItIsMetadataOnlyInPostgres() {
        assertThat(findings(rule, "ALTER TABLE users ALTER COLUMN phone DROP NOT NULL;")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("drop-not-null");
            assertThat(f.message()).contains("users.phone", "metadata-only");
        });
    }

    @Test
    void ignoresNewTablesAndOtherColumnChanges() {
        assertThat(findings(rule, "CREATE TABLE t (a text NOT NULL);\nALTER TABLE t ALTER COLUMN a DROP NOT NULL;")).isEmpty();
        assertThat(findings(rule, "ALTER TABLE users ALTER COLUMN phone SET DEFAULT '';")).isEmpty();
    }
}

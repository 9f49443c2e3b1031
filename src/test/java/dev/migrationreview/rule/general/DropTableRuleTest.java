package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropTableRuleTest {

    private final DropTableRule rule = new DropTableRule();

    @Test
    void flagsDroppingExistingTablesOnly() {
        var found = findings(rule, "CREATE TABLE import_staging (id bigint);\nDROP TABLE orders, import_staging CASCADE;");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("drop-table");
            assertThat(f.startLine()).isEqualTo(2);
            assertThat(f.message()).contains("table orders", "CASCADE").doesNotContain("import_staging");
            assertThat(f.fix().orElseThrow().code()).endsWith("DROP TABLE orders;");
        });
    }

    @Test
    void ignoresTablesCreatedEarlierInTheChange() {
        assertThat(findings(rule, "CREATE TABLE import_staging (id bigint);", "DROP TABLE IF EXISTS import_staging;")).isEmpty();
    }
}

package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DropSchemaOrDatabaseRuleTest {

    private final DropSchemaOrDatabaseRule rule = new DropSchemaOrDatabaseRule();

    @Test
    void flagsDroppingASchema() {
        assertThat(findings(rule, "DROP SCHEMA IF EXISTS analytics CASCADE;")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("schema analytics with CASCADE"));
    }

    @Test
    void flagsDroppingADatabase() {
        assertThat(findings(rule, mysql(), "DROP DATABASE shop_archive;")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("database shop_archive"));
    }

    @Test
    void acceptsDroppingOneTable() {
        assertThat(findings(rule, "DROP TABLE analytics.page_views_2019;")).isEmpty();
    }
}

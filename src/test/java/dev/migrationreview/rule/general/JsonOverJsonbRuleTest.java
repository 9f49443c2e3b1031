package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonOverJsonbRuleTest {

    private final JsonOverJsonbRule rule = new JsonOverJsonbRule();

    @Test
    void flagsJsonColumns() {
        assertThat(findings(rule, "CREATE TABLE webhooks (id bigint PRIMARY KEY, payload json NOT NULL, tags json[]);"))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("json-over-jsonb");
                    assertThat(f.message()).contains("webhooks.payload is json", "webhooks.tags is json[]");
                    assertThat(f.fix().orElseThrow().code()).contains("payload jsonb NOT NULL", "tags jsonb[]");
                });
        assertThat(findings(rule, "ALTER TABLE webhooks ALTER COLUMN payload TYPE json;")).hasSize(1);
    }

    @Test
    void acceptsJsonbAndMysqlJson() {
        assertThat(findings(rule, "CREATE TABLE webhooks (payload jsonb);")).isEmpty();
        assertThat(findings(rule, mysql(), "CREATE TABLE webhooks (payload JSON);")).isEmpty();
    }
}

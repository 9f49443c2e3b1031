package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreferTextRuleTest {

    private final PreferTextRule rule = new PreferTextRule();

    @Test
    void flagsVarcharWithALengthAndSuggestsACheckConstraint() {
        assertThat(findings(rule, "CREATE TABLE users (id bigint PRIMARY KEY, name varchar(100) NOT NULL);"))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("prefer-text");
                    assertThat(f.message()).startsWith("users.name is character varying(100)");
                    assertThat(f.fix().orElseThrow().code())
                            .endsWith("name text NOT NULL CHECK (char_length(name) <= 100)");
                });
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN \"Title\" character varying(20);")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code())
                        .isEqualTo("ALTER TABLE users ADD COLUMN \"Title\" text CHECK (char_length(\"Title\") <= 20);"));
    }

    @Test
    void acceptsTextAndUnboundedVarcharAndOtherDatabases() {
        assertThat(findings(rule, "CREATE TABLE users (name text CHECK (char_length(name) <= 100), nick varchar);")).isEmpty();
        assertThat(findings(rule, mysql(), "CREATE TABLE users (name VARCHAR(100));")).isEmpty();
    }
}

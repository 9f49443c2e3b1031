package dev.migrationreview.rule.mysql;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MysqlAddColumnNotNullRuleTest {

    private final MysqlAddColumnNotNullRule rule = new MysqlAddColumnNotNullRule();

    @Test
    void flagsNotNullWithoutDefaultAndSuggestsTheImplicitDefaultExplicitly() {
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD COLUMN priority INT NOT NULL;")).singleElement()
                .satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("mysql-add-column-not-null");
                    assertThat(f.message()).contains("orders.priority", "error 1364");
                    assertThat(f.fix().orElseThrow().code())
                            .isEqualTo("ALTER TABLE orders ADD COLUMN priority int NOT NULL DEFAULT 0;");
                });
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD COLUMN code VARCHAR(8) NOT NULL;")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code()).endsWith("NOT NULL DEFAULT '';"));
    }

    @Test
    void suggestsTheThreeStepsWhereNoLiteralDefaultFits() {
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD COLUMN placed_at DATETIME NOT NULL;")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code()).startsWith(
                        "ALTER TABLE orders ADD COLUMN placed_at datetime;\n").contains("MODIFY COLUMN placed_at datetime NOT NULL"));
    }

    @Test
    void acceptsDefaultsNullableGeneratedAndNewTables() {
        assertThat(findings(rule, mysql(),
                "ALTER TABLE orders ADD COLUMN priority INT NOT NULL DEFAULT 0;",
                "ALTER TABLE orders ADD COLUMN note TEXT;",
                "ALTER TABLE orders ADD COLUMN seq BIGINT NOT NULL AUTO_INCREMENT UNIQUE;",
                "CREATE TABLE carts (id BIGINT PRIMARY KEY);\nALTER TABLE carts ADD COLUMN owner BIGINT NOT NULL;")).isEmpty();
        assertThat(findings(rule, "ALTER TABLE orders ADD COLUMN priority int NOT NULL;")).isEmpty();
    }
}

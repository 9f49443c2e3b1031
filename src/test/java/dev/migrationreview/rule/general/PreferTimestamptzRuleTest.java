package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreferTimestamptzRuleTest {

    private final PreferTimestamptzRule rule = new PreferTimestamptzRule();

    @Test
    void flagsTimestampWithoutTimeZoneWhereverAColumnGetsItsType() {
        assertThat(findings(rule, "ALTER TABLE orders ADD COLUMN shipped_at timestamp;")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("prefer-timestamptz");
            assertThat(f.fix().orElseThrow().code())
                    .isEqualTo("ALTER TABLE orders ADD COLUMN shipped_at timestamp with time zone;");
        });
        assertThat(findings(rule, "CREATE TABLE audit (at timestamp(3) without time zone NOT NULL DEFAULT now());"))
                .singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().code())
                        .endsWith("at timestamp(3) with time zone NOT NULL DEFAULT now()"));
        assertThat(findings(rule, "ALTER TABLE audit ALTER COLUMN at TYPE timestamp;")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code())
                        .isEqualTo("ALTER TABLE audit ALTER COLUMN at TYPE timestamp with time zone;"));
    }

    @Test
    void acceptsTimestamptz() {
        assertThat(findings(rule, "ALTER TABLE orders ADD COLUMN shipped_at timestamptz;",
                "CREATE TABLE audit (at timestamp with time zone);")).isEmpty();
    }
}

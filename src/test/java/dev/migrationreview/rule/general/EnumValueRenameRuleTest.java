package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EnumValueRenameRuleTest {

    private final EnumValueRenameRule rule = new EnumValueRenameRule();

    @Test
    void flagsRenamingAValueOfAnExistingEnum() {
        assertThat(findings(rule, "ALTER TYPE order_status RENAME VALUE 'canceled' TO 'cancelled';")).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("'canceled'", "order_status", "'cancelled'");
                    assertThat(f.fix().orElseThrow().code())
                            .startsWith("ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';");
                });
    }

    @Test
    void ignoresEnumsCreatedEarlierInTheChange() {
        assertThat(findings(rule, "CREATE TYPE mood AS ENUM ('sad', 'ok');", "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';"))
                .isEmpty();
        assertThat(findings(rule, "CREATE TYPE app.mood AS ENUM ('sad', 'ok');\nALTER TYPE mood RENAME VALUE 'ok' TO 'fine';"))
                .isEmpty();
    }

    @Test
    void acceptsAddingTheNewValue() {
        assertThat(findings(rule, "ALTER TYPE order_status ADD VALUE IF NOT EXISTS 'cancelled';")).isEmpty();
    }

    @Test
    void speaksOnlyAboutPostgres() {
        assertThat(findings(rule, mysql(), "ALTER TYPE order_status RENAME VALUE 'a' TO 'b';")).isEmpty();
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class AddColumnStoredGeneratedTest {

    private final AddColumnStoredGenerated rule = new AddColumnStoredGenerated();
    private static final String STORED = "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) STORED;";

    @Test
    void fromEighteenMakeItVirtual() {
        assertThat(findings(rule, postgres(18), STORED)).singleElement().satisfies(f -> assertThat(f.fix()).contains(new Fix(
                "ALTER TABLE orders ADD COLUMN total_cents bigint GENERATED ALWAYS AS (total * 100) VIRTUAL;", true)));
    }

    @Test
    void beforeEighteenAPlainColumnKeptCurrent() {
        assertThat(findings(rule, postgres(16), STORED)).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("rewrite of orders");
            assertThat(f.fix().orElseThrow().code()).startsWith("ALTER TABLE orders ADD COLUMN total_cents bigint;");
        });
    }

    @Test
    void newTablesAreFine() {
        assertThat(findings(rule, "CREATE TABLE orders (total int);\n" + STORED)).isEmpty();
    }
}

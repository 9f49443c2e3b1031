package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenameTableRuleTest {

    private final RenameTableRule rule = new RenameTableRule();

    @Test
    void flagsRenamingAnExistingTableAndSuggestsAViewUnderTheOldName() {
        assertThat(findings(rule, "ALTER TABLE orders RENAME TO purchases;")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("rename-table");
            assertThat(f.message()).contains("orders", "purchases");
            assertThat(f.fix()).hasValueSatisfying(fix -> {
                assertThat(fix.code()).isEqualTo(
                        "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM purchases;");
                assertThat(fix.replacesStatement()).isTrue();
            });
        });
    }

    /**
     * Found by the engine fuzzer: each rename copied the rest of the migration to look for a view,
     * and each fix split the whole file into lines again (10,000 renames: 40 s).
     */
    @Test
    void tenThousandRenamesCostLinearTime() {
        var renames = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            renames.append("ALTER TABLE a").append(i).append(" RENAME TO b").append(i).append(";\n");
        }
        long started = System.nanoTime();

        assertThat(findings(rule, renames.toString())).hasSize(10_000).allSatisfy(f -> assertThat(f.fix().orElseThrow()
                .replacesStatement()).isTrue());
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    @Test
    void theSuggestionIsAnExampleWhenTheStatementSharesItsLine() {
        assertThat(findings(rule, "ALTER TABLE orders RENAME TO purchases; -- rename\n"))
                .singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().replacesStatement()).isFalse());
    }

    @Test
    void usesMysqlSyntaxForMysql() {
        assertThat(findings(rule, mysql(), "RENAME TABLE orders TO purchases;")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code()).startsWith("RENAME TABLE orders TO purchases;"));
    }

    @Test
    void acceptsARenameThatKeepsTheOldNameAsAView() {
        assertThat(findings(rule, "ALTER TABLE orders RENAME TO purchases;\nCREATE VIEW orders AS SELECT * FROM purchases;"))
                .isEmpty();
    }

    @Test
    void ignoresTablesCreatedEarlierInTheChange() {
        assertThat(findings(rule, "CREATE TABLE staging (id bigint);", "ALTER TABLE staging RENAME TO imports;")).isEmpty();
    }
}

package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpaqueCodeRuleTest {

    private final OpaqueCodeRule rule = new OpaqueCodeRule();

    @Test
    void flagsADoBlockOnItsLines() {
        var found = findings(rule, "ALTER TABLE users ADD COLUMN a text;\nDO $$\nBEGIN\n  PERFORM 1;\nEND\n$$;\n");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("opaque-code");
            assertThat(f.startLine()).isEqualTo(2);
            assertThat(f.endLine()).isEqualTo(6);
            assertThat(f.message()).contains("a DO block runs procedural code").contains("migration-review prove");
        });
    }

    @Test
    void flagsAProcedureCall() {
        assertThat(findings(rule, "CALL backfill_accounts(1000);")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("CALL runs a stored procedure"));
    }

    @Test
    void acceptsPlainStatements() {
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN nickname text;\nSELECT 1;")).isEmpty();
    }
}

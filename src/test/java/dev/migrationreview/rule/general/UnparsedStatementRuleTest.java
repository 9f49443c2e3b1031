package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnparsedStatementRuleTest {

    private final UnparsedStatementRule rule = new UnparsedStatementRule();

    @Test
    void flagsAStatementNoParserUnderstoodWithItsFirstLine() {
        var found = findings(rule, "ALTER TABLE users ADD COLUMN a text;\n\nFROBNICATE TABLE users\n  WITH COLUMN email;\n");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("unparsed-statement");
            assertThat(f.startLine()).isEqualTo(3);
            assertThat(f.endLine()).isEqualTo(4);
            assertThat(f.message()).startsWith("Not understood (").contains(": FROBNICATE TABLE users.")
                    .doesNotContain("COLUMN email");
        });
    }

    @Test
    void theRestOfTheFileIsStillReviewed() {
        List<Rule> rules = List.of(rule, new DropColumnRule());
        var found = RuleTestSupport.findings(rules, RuleTestSupport.postgres(16), true, ReviewConfig.defaults(),
                "FROBNICATE TABLE users;\nALTER TABLE users DROP COLUMN legacy;");

        assertThat(found).extracting(f -> f.ruleId()).containsExactlyInAnyOrder("unparsed-statement", "drop-column");
    }

    @Test
    void shortensLongFirstLines() {
        var found = findings(rule, "FROBNICATE TABLE users " + "x".repeat(300) + ";");
        assertThat(found).singleElement().satisfies(f -> assertThat(f.message()).contains("x".repeat(80) + "…")
                .doesNotContain("x".repeat(200)));
    }

    @Test
    void saysSoWhenTheParserGaveNoReason() {
        assertThat(findings(rule, "CREATE TABLE (id bigint);")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("Not understood (").doesNotContain("()"));
    }

    @Test
    void acceptsParsedStatements() {
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN nickname text;")).isEmpty();
    }
}

package dev.migrationreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import org.junit.jupiter.api.Test;

class RulesAndExplainTest {

    @Test
    void rulesListsEveryRuleWithSeverityAndSummary() {
        var run = CommandLineRun.of("rules");

        assertThat(run.exitCode()).isZero();
        for (RuleDoc doc : RuleCatalog.builtIn().docs()) {
            assertThat(run.out()).containsPattern("(?m)^" + doc.id() + " +" + doc.defaultSeverity().label() + " .*"
                    + java.util.regex.Pattern.quote(doc.summary()) + "$");
        }
    }

    @Test
    void explainPrintsTheRulePage() {
        RuleDoc doc = RuleCatalog.builtIn().docs().getFirst();

        var run = CommandLineRun.of("explain", doc.id());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains(doc.id()).contains(doc.why()).contains(doc.safeAlternative())
                .contains(doc.bad().strip()).contains(doc.good().strip());
    }

    @Test
    void anUnknownRuleExitsWithTwoAndSuggestsNearNames() {
        var run = CommandLineRun.of("explain", "suppression-reason");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("unknown rule 'suppression-reason'")
                .contains("Did you mean: suppression-without-reason")
                .contains("migration-review rules");
        assertThat(CommandLineRun.of("explain", "zzz").err()).doesNotContain("Did you mean");
    }

    @Test
    void helpAndVersion() {
        assertThat(CommandLineRun.of("--version").out()).contains("migration-review " + Main.VERSION);
        var help = CommandLineRun.of("review", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--fail-on").contains("--format").contains("Exit status");
        assertThat(CommandLineRun.of("no-such-command").exitCode()).isEqualTo(2);
    }
}

package dev.migrationreview.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.policy.AiAuthorship;
import dev.migrationreview.policy.PolicyVerdict;
import dev.migrationreview.policy.PolicyVerdict.AreaApproval;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem;
import dev.migrationreview.policy.PolicyVerdict.Conclusion;
import dev.migrationreview.policy.PolicyVerdict.UnownedTable;
import dev.migrationreview.policy.ReleaseId;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PolicySectionTest {

    private static AreaApproval area(String name, boolean required, List<String> approvedBy) {
        return new AreaApproval(name, AreaApproval.Kind.AREA, List.of("mia", "@acme/dba"), Optional.of("billing-api"),
                Optional.of("hot"), List.of("invoices"), required, "non-additive: drop at db/1.sql line 3", approvedBy,
                List.of("@ola: requested changes"));
    }

    @Test
    void showsTheVerdictWithoutDecidingAnything() {
        var verdict = new PolicyVerdict(Conclusion.ACTION_REQUIRED, List.of("billing needs an approval from <someone>"),
                List.of(), List.of(area("billing | payments", true, List.of()), area("identity", false, List.of("sam"))),
                List.of(new UnownedTable("audit_log", "db/1.sql line 1")),
                List.of(new ChecklistItem("rollback", ChecklistItem.Status.MISSING, "no down migration", Optional.of("Add one.")),
                        new ChecklistItem("query-plan", ChecklistItem.Status.NOT_APPLICABLE, "no index changes", Optional.empty())),
                new AiAuthorship(true, List.of("the label ai-generated")), Optional.of(ReleaseId.of("acme/shop", 7, "abcdef123456")),
                List.of(), List.of("CODEOWNERS line 3: pattern 'x{' '{' is never closed; the line is skipped"));

        String markdown = PolicySection.render(verdict);
        assertThat(markdown).contains("#### Policy: ⏳ action required")
                .contains("- billing needs an approval from &lt;someone&gt;")
                .contains("🤖 **AI-authored**: the label ai-generated.")
                .contains("Release id: `shop-pr7-abcdef1`")
                .contains("| billing \\| payments (billing-api, hot)<br>`invoices` | @mia, @acme/dba | **yes**: non-additive: drop at "
                        + "db/1.sql line 3 | –<br>~~@ola: requested changes~~ | ❌ an approval from @mia or a member of @acme/dba |")
                .contains("| identity (billing-api, hot)<br>`invoices` | @mia, @acme/dba | no: non-additive: drop at db/1.sql line 3 | "
                        + "@sam<br>~~@ola: requested changes~~ | ✅ |")
                .contains("Tables no area owns: `audit_log` (db/1.sql line 1)")
                .contains("- [ ] `rollback` **missing**: no down migration — Add one.")
                .contains("- [x] `query-plan` (not needed): no index changes")
                .contains("<details><summary>Notes</summary>");
    }

    @Test
    void longListsAreCut() {
        List<AreaApproval> many = IntStream.range(0, PolicySection.MAX_ROWS + 3).mapToObj(i -> area("a" + i, false, List.of())).toList();
        var verdict = new PolicyVerdict(Conclusion.SUCCESS, List.of(), List.of(), many, List.of(), List.of(), AiAuthorship.HUMAN,
                Optional.empty(), List.of(), List.of());
        String markdown = PolicySection.render(verdict);
        assertThat(markdown).contains("| a49 ").doesNotContain("| a50 ").contains("_…and 3 more areas._");
        assertThat(markdown).doesNotContain("AI-authored").doesNotContain("Release id");
    }
}

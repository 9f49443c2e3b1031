package dev.migrationreview.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.store.PullRequestDecision;
import dev.migrationreview.store.PullRequestDecision.Kind;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class DecisionsTest {

    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final Map<String, String> BLOBS = Map.of("db/V1__a.sql", "aaaa", "db/V2__b.sql", "bbbb");

    static PullRequestDecision decision(Kind kind, String actor, String subject, String reason, Map<String, String> blobs) {
        return new PullRequestDecision(1, "pr:1#2", kind, actor, subject, reason, HEAD, blobs, 7, 0, Optional.empty(),
                Optional.empty());
    }

    static Finding finding(String rule, Severity severity, String path, int start, int end) {
        return new Finding(rule, severity, path, start, end, "It hurts.", Optional.empty(), Optional.empty());
    }

    @Test
    void aDecisionHoldsWhileNoMigrationIsChangedAddedOrRemoved() {
        var approval = decision(Kind.APPROVAL, "alice", "billing", "", BLOBS);
        assertThat(Decisions.judge(List.of(approval), BLOBS).inForce(Kind.APPROVAL)).containsExactly(approval);
        assertThat(Decisions.judge(List.of(approval), Map.of("db/V1__a.sql", "aaaa", "db/V2__b.sql", "cccc")).lapsed())
                .singleElement().satisfies(l -> assertThat(l.why()).isEqualTo("given on ec26c3e; since then db/V2__b.sql has changed"));
        var added = new java.util.HashMap<>(BLOBS);
        added.put("db/V3__c.sql", "dddd");
        assertThat(Decisions.judge(List.of(approval), added).lapsed()).singleElement()
                .satisfies(l -> assertThat(l.why()).endsWith("db/V3__c.sql has changed"));
        assertThat(Decisions.judge(List.of(approval), Map.of("db/V1__a.sql", "aaaa")).lapsed()).hasSize(1);
    }

    @Test
    void anOverrideOfARuleAcceptsEachOfItsFindingsAndSaysWhoAcceptedThem() {
        var result = new ReviewResult(List.of(), List.of(finding("drop-column", Severity.ERROR, "db/V2__b.sql", 3, 5),
                finding("drop-column", Severity.WARNING, "db/V1__a.sql", 1, 1),
                finding("prefer-text", Severity.WARNING, "db/V1__a.sql", 2, 2)));
        var wholeRule = decision(Kind.OVERRIDE, "sam", "drop-column", "nothing reads them", BLOBS);
        ReviewResult accepted = Decisions.judge(List.of(wholeRule), BLOBS).accept(result);
        assertThat(accepted.findings()).filteredOn(f -> f.ruleId().equals("drop-column")).hasSize(2)
                .allSatisfy(f -> assertThat(f.severity()).isEqualTo(Severity.NOTICE))
                .allSatisfy(f -> assertThat(f.message()).endsWith("(Overridden by @sam: nothing reads them)"));
        assertThat(accepted.count(Severity.WARNING)).isEqualTo(1);
        assertThat(Decisions.judge(List.of(wholeRule), Map.of()).accept(result)).as("lapsed: nothing accepted").isSameAs(result);
    }

    @Test
    void anOverrideAtALineCoversOnlyTheFindingSpanningIt() {
        var result = new ReviewResult(List.of(), List.of(finding("drop-column", Severity.ERROR, "db/V2__b.sql", 3, 5),
                finding("drop-column", Severity.ERROR, "db/V1__a.sql", 1, 1)));
        var oneLine = decision(Kind.OVERRIDE, "sam", "drop-column db/V2__b.sql:4", "unused", BLOBS);
        assertThat(Decisions.judge(List.of(oneLine), BLOBS).accept(result).count(Severity.ERROR)).isEqualTo(1);
        Finding other = result.findings().stream().filter(f -> f.path().equals("db/V1__a.sql")).findFirst().orElseThrow();
        assertThat(Decisions.covers("drop-column db/V1__a.sql:1", other)).isTrue();
        assertThat(Decisions.covers("drop-column db/V1__a.sql:2", other)).isFalse();
        assertThat(Decisions.covers("drop-column-x", other)).isFalse();
    }

    @Test
    void aLapsedHoldIsListedWithWhyButNotInForce() {
        var hold = decision(Kind.HOLD, "rita", "", "release freeze", BLOBS);
        assertThat(Decisions.judge(List.of(hold), BLOBS).inForce(Kind.HOLD)).containsExactly(hold);
        Decisions lapsed = Decisions.judge(List.of(hold), Map.of());
        assertThat(lapsed.inForce(Kind.HOLD)).isEmpty();
        assertThat(lapsed.notes()).containsExactly(
                "Lapsed: On hold by @rita at ec26c3e: release freeze (given on ec26c3e; since then db/V1__a.sql, db/V2__b.sql have changed)");
    }

    @Test
    void theSummarySectionEscapesReasonsAndStaysWithinItsShare() {
        var sneaky = decision(Kind.HOLD, "rita", "", "<!-- migration-review --> <img src=x>", BLOBS);
        assertThat(Decisions.judge(List.of(sneaky), BLOBS).markdown())
                .isEqualTo("\n#### Decisions\n\n- ⛔ On hold by @rita at ec26c3e: &lt;!-- migration-review --&gt; &lt;img src=x&gt;\n");
        List<PullRequestDecision> many = IntStream.range(0, 40)
                .mapToObj(i -> decision(Kind.OVERRIDE, "sam", "rule-" + i, String.join("", Collections.nCopies(900, "r")), BLOBS))
                .toList();
        String section = Decisions.judge(many, BLOBS).markdown();
        assertThat(section.length()).isLessThanOrEqualTo(Decisions.MAX_SECTION + 100);
        assertThat(section).endsWith("more, left out to fit GitHub's comment limit\n");
        assertThat(Decisions.judge(List.of(), BLOBS).markdown()).isEmpty();
    }
}

package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the pull request description: sections, query plans, release ids. */
class DescriptionTest {

    @Test
    void sectionsCountOnlyWhatTheAuthorWrote() {
        var body = PullRequestBody.parse("""
                Intro text.
                ## Workflow
                <!-- Which business workflow? -->
                Workflow:
                ## Rollback
                - [ ] Forward-only: this change cannot be undone
                ### Query plan
                ```
                ## not a heading inside a fence
                ```
                ## Deploy notes
                - [x] Forward-only: restore from the nightly snapshot
                """);
        assertThat(body.filledSection(List.of("workflow"))).isEmpty();
        assertThat(body.filledSection(List.of("rollback"))).isEmpty();
        assertThat(body.filledSection(List.of("query plan"))).map(PullRequestBody.Section::content).get().asString()
                .contains("## not a heading inside a fence");
        assertThat(body.filledSection(List.of("deploy"))).isPresent();
        assertThat(body.text()).doesNotContain("Which business workflow");
    }

    @Test
    void anUnclosedCommentHidesTheRestAndHeadingsMayCloseWithHashes() {
        var body = PullRequestBody.parse("## Rollback ##\nDrop the column again.\n<!-- unfinished\n## Workflow\nbilling");
        assertThat(body.filledSection(List.of("rollback"))).map(PullRequestBody.Section::heading).contains("Rollback");
        assertThat(body.filledSection(List.of("workflow"))).isEmpty();
    }

    @Test
    void queryPlansOfEachDatabaseAreRecognised() {
        assertThat(ExplainOutput.present("""
                Index Scan using ix_invoices_total on invoices  (cost=0.42..8.44 rows=1 width=40)
                  Index Cond: (total = 10)
                """)).isTrue();
        assertThat(ExplainOutput.present("Seq Scan on invoices\nPlanning Time: 0.1 ms")).isTrue();
        assertThat(ExplainOutput.present("[{\"Plan\": {\"Node Type\": \"Seq Scan\"}}]")).isTrue();
        assertThat(ExplainOutput.present("-> Index lookup on t using idx (a=1)  (cost=0.35 rows=1)")).isTrue();
        assertThat(ExplainOutput.present("""
                | id | select_type | table | type | possible_keys | key |
                |  1 | SIMPLE      | t     | ref  | idx           | idx |
                """)).isTrue();
        assertThat(ExplainOutput.present("QUERY PLAN\n`--SEARCH t USING INDEX idx (a=?)")).isTrue();
        assertThat(ExplainOutput.present("We ran EXPLAIN and it looked fine.")).isFalse();
        assertThat(ExplainOutput.present("The cost is rows of work.")).isFalse();
    }

    @Test
    void releaseIdsNameRepositoryPullRequestAndHeadAndAreMatchedWithoutTheCommit() {
        ReleaseId id = ReleaseId.of("acme/Shop.Web", 42, "A1B2C3D4E5F6");
        assertThat(id.value()).isEqualTo("shop-web-pr42-a1b2c3d");
        assertThat(id.stablePart()).isEqualTo("shop-web-pr42");
        assertThat(id.referencedIn("Release: shop-web-pr42")).isTrue();
        assertThat(id.referencedIn("tag rollout with SHOP-WEB-PR42-0f0f0f0.")).isTrue();
        assertThat(id.referencedIn("shop-web-pr421")).isFalse();
        assertThat(id.referencedIn("myshop-web-pr42")).isFalse();
        assertThat(ReleaseId.of("acme/---", 7, "abc").value()).isEqualTo("change-pr7-abc");
    }
}

package dev.migrationreview.policy;

import static dev.migrationreview.policy.PullRequest.Review.State.APPROVED;
import static dev.migrationreview.policy.PullRequest.Review.State.CHANGES_REQUESTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.policy.PolicyVerdict.AreaApproval;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem.Status;
import dev.migrationreview.policy.PolicyVerdict.Conclusion;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The whole evaluation on simulated pull requests, with the real engine and configuration loader. */
class PolicyEvaluatorTest {

    private static final String UP = "db/migrations/000002_invoices.up.sql";
    private static final String DOWN = "db/migrations/000002_invoices.down.sql";
    private static final String CONFIG_PATH = ".github/migration-review.yml";

    /** The runner sets timeouts, so the engine's timeout rules stay quiet and the policy shows. */
    private static final String BASE = """
            database: postgresql
            timeouts_set_by_runner: true
            """;

    private static final String POLICY = BASE + """
            areas:
              - name: billing
                tables: ["invoices", "billing.*"]
                owners: ["@acme/billing", "mia"]
                service: billing-api
                profile: hot
                changes: additive-only
              - name: identity
                tables: ["users"]
                owners: ["ola"]
            senior_reviewers: ["@acme/dba"]
            unowned_tables: warning
            """;

    private static String template() throws IOException {
        return Files.readString(Path.of(".github/pull_request_template.md"), StandardCharsets.UTF_8);
    }

    private static List<String> names(List<AreaApproval> approvals) {
        return approvals.stream().map(AreaApproval::name).toList();
    }

    @Test
    void aPullRequestWithoutMigrationsSucceedsWithNothingToAsk() {
        PolicyVerdict verdict = new SimulatedPullRequest().changes("app/models/user.rb", "class User; end\n").evaluate(POLICY);
        assertThat(verdict.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(verdict.reasons()).isEmpty();
        assertThat(verdict.approvals()).isEmpty();
        assertThat(verdict.checklist()).isEmpty();
        assertThat(verdict.releaseId()).isEmpty();
        assertThat(verdict.ai().detected()).isFalse();
    }

    @Test
    void anAdditiveChangeNeedsNoOwnerApproval() {
        PolicyVerdict verdict = new SimulatedPullRequest()
                .changes(UP, "ALTER TABLE invoices ADD COLUMN note text;\n").evaluate(POLICY);
        assertThat(verdict.conclusion()).isEqualTo(Conclusion.SUCCESS);
        assertThat(verdict.approvals()).singleElement().satisfies(billing -> {
            assertThat(billing.name()).isEqualTo("billing");
            assertThat(billing.required()).isFalse();
            assertThat(billing.requirement()).isEqualTo("additive changes only");
            assertThat(billing.tables()).containsExactly("invoices");
            assertThat(billing.service()).contains("billing-api");
            assertThat(billing.profile()).contains("hot");
        });
        assertThat(verdict.releaseId()).map(ReleaseId::value).contains("shop-pr42-a1b2c3d");
    }

    @Test
    void aDropInAnAdditiveOnlyAreaNeedsItsOwnersAndASeniorReviewer() {
        var pr = new SimulatedPullRequest()
                .changes(UP, "ALTER TABLE invoices DROP COLUMN legacy_total;\n")
                .changes(DOWN, "ALTER TABLE invoices ADD COLUMN legacy_total numeric;\n")
                .team("acme/billing", "bob").team("acme/dba", "carol");

        PolicyVerdict waiting = pr.evaluate(POLICY);
        assertThat(waiting.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(waiting.findings()).filteredOn(f -> f.ruleId().equals("drop-column")).singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).as("raised on a hot table").isEqualTo(Severity.ERROR);
                    assertThat(f.message()).startsWith("invoices is a hot table (area billing)");
                });
        assertThat(waiting.approvals()).extracting(AreaApproval::name, AreaApproval::required, AreaApproval::requirement)
                .containsExactly(
                        tuple("billing", true, "non-additive: drop at " + UP + " line 1"),
                        tuple("senior reviewers", true, "additive-only areas get non-additive changes: billing (drop at "
                                + UP + " line 1)"));
        assertThat(waiting.reasons()).containsExactly("1 finding at error",
                "billing needs an approval from a member of @acme/billing or @mia",
                "senior reviewers needs an approval from a member of @acme/dba");

        PolicyVerdict approved = pr.review("bob", APPROVED).review("carol", APPROVED).evaluate(POLICY + """
                rules: {drop-column: notice}
                """);
        assertThat(approved.approvals()).extracting(AreaApproval::approvedBy)
                .containsExactly(List.of("bob"), List.of("carol"));
        assertThat(approved.approvals()).noneMatch(AreaApproval::missing);
        assertThat(approved.findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(tuple("drop-column", Severity.WARNING));
        assertThat(approved.conclusion()).isEqualTo(Conclusion.NEUTRAL);
        assertThat(approved.reasons()).containsExactly("1 warning");
    }

    @Test
    void tablesNoAreaOwnsAreListedAtTheConfiguredSeverity() {
        var pr = new SimulatedPullRequest().changes(UP, "CREATE TABLE audit_log (id bigint PRIMARY KEY, at timestamptz);\n");
        PolicyVerdict warned = pr.evaluate(POLICY);
        assertThat(warned.unownedTables()).singleElement().satisfies(t -> {
            assertThat(t.table()).isEqualTo("audit_log");
            assertThat(t.firstTouch()).isEqualTo(UP + " line 1");
        });
        assertThat(warned.findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(tuple(PolicyFindings.UNOWNED_TABLE, Severity.WARNING));
        assertThat(warned.conclusion()).isEqualTo(Conclusion.NEUTRAL);

        PolicyVerdict fine = pr.evaluate(POLICY.replace("unowned_tables: warning", "unowned_tables: fine"));
        assertThat(fine.unownedTables()).hasSize(1);
        assertThat(fine.findings()).isEmpty();
        assertThat(fine.conclusion()).isEqualTo(Conclusion.SUCCESS);

        assertThat(pr.evaluate(BASE + "unowned_tables: error\n").unownedTables())
                .as("without areas, ownership is not set up and nothing is unowned").isEmpty();
    }

    @Test
    void teamMembershipIsAskedOnlyForReviewersAndAnsweredByTheDirectory() {
        var pr = new SimulatedPullRequest()
                .changes(UP, "ALTER TABLE users RENAME COLUMN login TO handle;\n")
                .review("stranger", APPROVED);
        PolicyVerdict verdict = pr.evaluate(POLICY);
        assertThat(verdict.approvals()).singleElement().satisfies(identity -> {
            assertThat(identity.name()).isEqualTo("identity");
            assertThat(identity.approvedBy()).isEmpty();
            assertThat(identity.whatIsMissing()).contains("an approval from @ola");
        });
        assertThat(verdict.conclusion()).isEqualTo(Conclusion.FAILURE);
    }

    @Test
    void aBrokenConfigurationFailsTheCheckButTheReviewStillReports() {
        var pr = new SimulatedPullRequest().changes(UP, "ALTER TABLE invoices ALTER COLUMN total TYPE bigint;\n");
        PolicyVerdict verdict = pr.evaluate(POLICY + "checklist: {workflow: maybe}\n");
        assertThat(verdict.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(verdict.configErrors()).extracting(e -> e.render())
                .containsExactly(CONFIG_PATH + ":15:23: 'checklist.workflow' must be true or false, found 'maybe'");
        assertThat(verdict.reasons().getFirst()).isEqualTo("the configuration has 1 error (" + CONFIG_PATH
                + ":15:23: 'checklist.workflow' must be true or false, found 'maybe'); the review ran with the default settings");
        assertThat(verdict.findings()).extracting(Finding::ruleId).contains("column-type-change");
        assertThat(verdict.approvals()).as("the defaults have no areas").isEmpty();
    }

    @Test
    void theChecklistAsksForWhatIsMissingAndTheFilledTemplateSatisfiesIt() throws IOException {
        String config = POLICY + """
                workflows: ["billing events", "user onboarding"]
                checklist: {workflow: true, rollback: true, query-plan: true, release-id: true, stages: error}
                """;
        var pr = new SimulatedPullRequest()
                .changes(UP, "CREATE INDEX CONCURRENTLY ix_invoices_note ON invoices (note);\n")
                .body(template());
        PolicyVerdict empty = pr.evaluate(config);
        assertThat(empty.conclusion()).isEqualTo(Conclusion.ACTION_REQUIRED);
        assertThat(empty.checklist()).extracting(ChecklistItem::id, ChecklistItem::status).containsExactly(
                tuple("workflow", Status.MISSING), tuple("rollback", Status.MISSING), tuple("query-plan", Status.MISSING),
                tuple("release-id", Status.MISSING), tuple("stages", Status.SATISFIED));
        assertThat(empty.checklist()).filteredOn(i -> i.status() == Status.MISSING).allSatisfy(i -> assertThat(i.fix()).isPresent());

        String filled = template()
                .replace("## Rollback\n", "## Rollback\n\nDROP INDEX CONCURRENTLY ix_invoices_note;\n")
                .replace("## Workflow\n", "## Workflow\n\nBilling events: invoice search by note\n")
                .replace("## Query plan\n", "## Query plan\n\n```\nIndex Scan using ix_invoices_note on invoices  "
                        + "(cost=0.42..8.44 rows=1 width=40)\n```\n")
                .replace("Release:", "Release: shop-pr42");
        PolicyVerdict done = pr.body(filled).evaluate(config);
        assertThat(done.checklist()).extracting(ChecklistItem::status).containsOnly(Status.SATISFIED);
        assertThat(done.conclusion()).isEqualTo(Conclusion.SUCCESS);
    }

    @Test
    void anAgentsPullRequestMeetsTheStricterBar() {
        var pr = new SimulatedPullRequest().author("copilot-swe-agent[bot]")
                .changes(UP, "ALTER TABLE users ADD COLUMN created timestamp;\n")
                .changes(DOWN, "ALTER TABLE users DROP COLUMN created;\n");
        PolicyVerdict verdict = pr.evaluate(POLICY);

        assertThat(verdict.ai().detected()).isTrue();
        assertThat(verdict.ai().signals()).containsExactly("the author copilot-swe-agent[bot] is a coding agent");
        assertThat(verdict.checklist()).extracting(ChecklistItem::id)
                .as("every item is required").containsExactly("workflow", "rollback", "query-plan", "release-id", "stages");
        assertThat(verdict.approvals()).singleElement().satisfies(identity -> {
            assertThat(identity.required()).isTrue();
            assertThat(identity.requirement()).isEqualTo("AI-authored: owners approve even additive changes");
        });
        assertThat(verdict.findings()).extracting(Finding::ruleId, Finding::severity)
                .containsExactly(tuple("prefer-timestamptz", Severity.WARNING));
        assertThat(verdict.conclusion()).isEqualTo(Conclusion.FAILURE);
        assertThat(verdict.reasons()).startsWith("1 warning, and warnings fail AI-authored pull requests (ai.warnings_fail)");

        PolicyVerdict relaxed = pr.evaluate(POLICY + "ai: {warnings_fail: false, all_checklist_items: false, "
                + "owner_approval_for_additive: false}\n");
        assertThat(relaxed.ai().detected()).isTrue();
        assertThat(relaxed.checklist()).isEmpty();
        assertThat(relaxed.approvals()).noneMatch(AreaApproval::required);
        assertThat(relaxed.conclusion()).isEqualTo(Conclusion.NEUTRAL);
    }

    @Test
    void aPullRequestThatEditsTheConfigIsJudgedByTheBaseVersionAndNeedsItsOwners() {
        var pr = new SimulatedPullRequest()
                .changes(CONFIG_PATH, "unowned_tables: fine\n")
                .changes(UP, "CREATE TABLE audit_log (id bigint PRIMARY KEY);\n")
                .team("acme/platform", "pat");
        PolicyVerdict verdict = pr.evaluate(POLICY + "config_owners: ['@acme/platform']\n");
        assertThat(verdict.findings()).extracting(Finding::ruleId).as("the base version still warns")
                .containsExactly(PolicyFindings.UNOWNED_TABLE);
        assertThat(verdict.approvals()).singleElement().satisfies(config -> {
            assertThat(config.kind()).isEqualTo(AreaApproval.Kind.CONFIG_OWNERS);
            assertThat(config.required()).isTrue();
            assertThat(config.whatIsMissing()).contains("an approval from a member of @acme/platform");
        });
        assertThat(verdict.conclusion()).as("a missing approval outweighs a warning").isEqualTo(Conclusion.ACTION_REQUIRED);

        PolicyVerdict approved = pr.review("pat", APPROVED).evaluate(POLICY + "config_owners: ['@acme/platform']\n");
        assertThat(approved.approvals()).singleElement().satisfies(c -> assertThat(c.approvedBy()).containsExactly("pat"));
        assertThat(approved.conclusion()).isEqualTo(Conclusion.NEUTRAL);
    }

    @Test
    void configOwnersFallBackToCodeownersThenSeniorReviewersThenAnyoneButTheAuthor() {
        var withCodeowners = new SimulatedPullRequest().changes(CONFIG_PATH, "workflows: [x]\n")
                .onBase(".github/CODEOWNERS", "* @acme/everyone\n.github/ @lead\n");
        assertThat(withCodeowners.evaluate(POLICY).approvals()).singleElement()
                .satisfies(c -> assertThat(c.owners()).containsExactly("lead"));

        var withSeniors = new SimulatedPullRequest().changes(CONFIG_PATH, "workflows: [x]\n");
        assertThat(withSeniors.evaluate(POLICY).approvals()).singleElement()
                .satisfies(c -> assertThat(c.owners()).containsExactly("@acme/dba"));

        var anyone = new SimulatedPullRequest().changes(CONFIG_PATH, "workflows: [x]\n").review("dev", APPROVED)
                .review("sam", APPROVED);
        PolicyVerdict verdict = anyone.evaluate(BASE);
        assertThat(verdict.approvals()).singleElement().satisfies(c -> {
            assertThat(c.owners()).isEmpty();
            assertThat(c.approvedBy()).containsExactly("sam");
            assertThat(c.dropped()).containsExactly("@dev: is the pull request's author (approvals.author_may_approve is off)");
        });
        assertThat(verdict.conclusion()).isEqualTo(Conclusion.SUCCESS);
    }

    @Test
    void aRebaseKeepsTheApprovalAndAPushThatChangesAMigrationDropsIt() {
        String migration = "ALTER TABLE users DROP COLUMN nickname;\n";
        var rebased = new SimulatedPullRequest().changes(UP, migration);
        rebased.earlierCommit("0ld0000000000000000000000000000000000001", rebased.headFiles())
                .review("ola", APPROVED, "0ld0000000000000000000000000000000000001");
        PolicyVerdict kept = rebased.evaluate(POLICY + "rules: {drop-column: off}\n");
        assertThat(kept.approvals()).singleElement().satisfies(a -> assertThat(a.approvedBy()).containsExactly("ola"));
        assertThat(kept.conclusion()).isEqualTo(Conclusion.SUCCESS);

        var pushed = new SimulatedPullRequest().changes(UP, migration + "ALTER TABLE users DROP COLUMN avatar;\n");
        pushed.earlierCommit("0ld0000000000000000000000000000000000001", Map.of(UP, migration))
                .review("ola", APPROVED, "0ld0000000000000000000000000000000000001");
        PolicyVerdict dropped = pushed.evaluate(POLICY + "rules: {drop-column: off}\n");
        assertThat(dropped.approvals()).singleElement().satisfies(a -> {
            assertThat(a.approvedBy()).isEmpty();
            assertThat(a.dropped()).containsExactly("@ola: approved 0ld0000, and " + UP + " has changed since");
        });
        assertThat(dropped.conclusion()).isEqualTo(Conclusion.ACTION_REQUIRED);
    }

    @Test
    void blobIdsTheSourceListsAreComparedWithThoseOfTheApprovedCommit() {
        String earlier = "0ld0000000000000000000000000000000000002";
        var pr = new SimulatedPullRequest().changes(UP, "ALTER TABLE users DROP COLUMN nickname;\n")
                .listedBlob(UP, "b10b000000000000000000000000000000000001")
                .earlierBlobs(earlier, Map.of(UP, "b10b000000000000000000000000000000000001"))
                .review("ola", APPROVED, earlier);
        assertThat(pr.evaluate(POLICY + "rules: {drop-column: off}\n").approvals()).singleElement()
                .satisfies(a -> assertThat(a.approvedBy()).containsExactly("ola"));
        pr.listedBlob(UP, "b10b000000000000000000000000000000000002");
        assertThat(pr.evaluate(POLICY + "rules: {drop-column: off}\n").approvals()).singleElement()
                .satisfies(a -> assertThat(a.approvedBy()).isEmpty());
    }

    @Test
    void aChangeRequestAfterApprovingTakesItBack() {
        PolicyVerdict verdict = new SimulatedPullRequest().changes(UP, "ALTER TABLE users DROP COLUMN nickname;\n")
                .review("ola", APPROVED).review("ola", CHANGES_REQUESTED).evaluate(POLICY + "rules: {drop-column: off}\n");
        assertThat(verdict.approvals()).singleElement().satisfies(a -> {
            assertThat(a.missing()).isTrue();
            assertThat(a.dropped()).containsExactly("@ola: requested changes");
        });
    }

    @Test
    void codeownersOwnMigrationFilesNoAreaClaims() {
        var pr = new SimulatedPullRequest()
                .changes("db/legacy/V5__cleanup.sql", "DROP TABLE old_sessions;\n")
                .onBase(".github/CODEOWNERS", "/db/legacy/ @acme/dba\n");
        PolicyVerdict verdict = pr.evaluate(POLICY + "rules: {drop-table: off}\n");
        assertThat(names(verdict.approvals())).containsExactly("CODEOWNERS /db/legacy/");
        assertThat(verdict.approvals().getFirst().requirement()).isEqualTo("non-additive: drop at db/legacy/V5__cleanup.sql line 1");

        PolicyVerdict off = pr.evaluate(POLICY + "rules: {drop-table: off}\ncodeowners_fallback: false\n");
        assertThat(off.approvals()).isEmpty();
    }

    @Test
    void pathsClaimMigrationFilesForAnAreaAndOwnersMayBeRequiredForEveryChange() {
        var pr = new SimulatedPullRequest().changes("services/search/db/V1__title.sql",
                "ALTER TABLE docs ADD COLUMN title text;\n");
        String config = BASE + """
                areas:
                  - {name: search, paths: ["services/search/**"], owners: [sid]}
                approvals: {owners: always}
                """;
        PolicyVerdict verdict = pr.evaluate(config);
        assertThat(verdict.approvals()).singleElement().satisfies(search -> {
            assertThat(search.required()).isTrue();
            assertThat(search.requirement()).isEqualTo("every change needs its owners (approvals.owners: always)");
        });
        assertThat(verdict.unownedTables()).extracting(PolicyVerdict.UnownedTable::table).containsExactly("docs");
        assertThat(verdict.conclusion()).isEqualTo(Conclusion.ACTION_REQUIRED);
    }

    @Test
    void theStatisticsExportOnTheBaseBranchSizesTheTablesInMessages() {
        var pr = new SimulatedPullRequest()
                .changes(UP, "CREATE INDEX ix_users_email ON users (email);\n")
                .onBase("db/stats.csv", "schemaname,relname,n_live_tup\npublic,users,3400000\n");
        PolicyVerdict verdict = pr.evaluate(POLICY + "table_sizes: {stats_file: db/stats.csv}\n");
        assertThat(verdict.findings()).filteredOn(f -> f.ruleId().equals("create-index-non-concurrently")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("users holds about 3.4 million rows. "));
        assertThat(verdict.notes()).isEmpty();

        assertThat(pr.evaluate(POLICY + "table_sizes: {stats_file: db/missing.csv}\n").notes())
                .containsExactly("table_sizes.stats_file db/missing.csv is not on the base branch; table sizes come from the config only");
    }

    @Test
    void aFileNoFrontendReadsCountsAsAnUnknownEffectForTheAreaClaimingIt() {
        String path = "services/billing/db/changelog.xml";
        var pr = new SimulatedPullRequest().changes(path, "<databaseChangeLog/>\n");
        var file = new MigrationFile(SourceFile.of(path, "<databaseChangeLog/>\n"), Framework.LIQUIBASE_XML,
                Dialect.defaultPostgres(), Direction.UP, Optional.empty(), MigrationOrder.ofPath(path), "changelog", true,
                Optional.empty());
        var review = new ReviewResult(List.of(new FileReview(file, Optional.empty(), Optional.of("not analysed yet"))), List.of());
        PolicyVerdict verdict = new PolicyEvaluator(ConfigLoader.acceptingAnyRuleId().load(CONFIG_PATH, BASE + """
                areas:
                  - {name: billing, paths: ["services/billing/**"], owners: [mia]}
                """).policy(), TeamDirectory.NONE, BlobHistory.NONE).evaluate(pr.pullRequest(), review, List.of());
        assertThat(verdict.approvals()).singleElement().satisfies(billing -> {
            assertThat(billing.required()).isTrue();
            assertThat(billing.requirement()).isEqualTo("non-additive: unknown effect: " + path + " was not analysed");
        });
    }
}

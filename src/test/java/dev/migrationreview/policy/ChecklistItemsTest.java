package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.config.PolicyConfig.Changes;
import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.discovery.InMemoryFileTree;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem.Status;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChecklistItemsTest {

    private static final String UP = "db/migrations/000002_totals.up.sql";
    private static final String DOWN = "db/migrations/000002_totals.down.sql";
    private static final List<String> WORKFLOWS = List.of("user onboarding", "billing events");

    private static ChecklistItem workflow(List<String> workflows, SimulatedPullRequest pr) {
        return ChecklistItems.workflow(workflows, pr.pullRequest(), pr.description());
    }

    @Test
    void workflowIsNamedInTheTitleOrBodyInAnySpelling() {
        assertThat(workflow(WORKFLOWS, new SimulatedPullRequest().body("## Workflow\nBilling-Events: totals on invoices")))
                .extracting(ChecklistItem::status, ChecklistItem::detail)
                .containsExactly(Status.SATISFIED, "names the workflow billing events");
        assertThat(workflow(WORKFLOWS, new SimulatedPullRequest().title("User onboarding: store the referrer")).status())
                .isEqualTo(Status.SATISFIED);
        ChecklistItem missing = workflow(WORKFLOWS, new SimulatedPullRequest().body("## Workflow\nbilling"));
        assertThat(missing.status()).isEqualTo(Status.MISSING);
        assertThat(missing.fix()).contains("Name the business workflow this change serves in the Workflow section, one of: "
                + "user onboarding, billing events.");
        assertThat(workflow(WORKFLOWS, new SimulatedPullRequest().body("<!-- e.g. billing events -->")).status())
                .as("the template's hint is not the author's answer").isEqualTo(Status.MISSING);
    }

    @Test
    void withoutConfiguredWorkflowsAFilledWorkflowSectionSatisfiesTheItem() {
        assertThat(workflow(List.of(), new SimulatedPullRequest().body("## Workflow\nnightly export")).status())
                .isEqualTo(Status.SATISFIED);
        assertThat(workflow(List.of(), new SimulatedPullRequest().body("## Workflow\n<!-- which? -->\n")).status())
                .isEqualTo(Status.MISSING);
    }

    @Test
    void rollbackIsADownMigrationThatSaysSomethingOrARollbackSection() {
        var paired = new SimulatedPullRequest().changes(UP, "ALTER TABLE invoices ADD COLUMN total numeric;\n")
                .changes(DOWN, "ALTER TABLE invoices DROP COLUMN total;\n");
        assertThat(ChecklistItems.rollback(paired.schemaChange(), paired.pullRequest().head(), paired.description()).status())
                .isEqualTo(Status.SATISFIED);

        var downAlreadyAtHead = new SimulatedPullRequest().changes(UP, "ALTER TABLE invoices ADD COLUMN total numeric;\n")
                .hasAtHead(DOWN, "ALTER TABLE invoices DROP COLUMN total;\n");
        assertThat(ChecklistItems.rollback(downAlreadyAtHead.schemaChange(), downAlreadyAtHead.pullRequest().head(),
                downAlreadyAtHead.description()).status()).isEqualTo(Status.SATISFIED);

        var emptyDown = new SimulatedPullRequest().changes(UP, "ALTER TABLE invoices ADD COLUMN total numeric;\n")
                .changes(DOWN, "-- nothing to undo\n/* really */\n");
        ChecklistItem missing = ChecklistItems.rollback(emptyDown.schemaChange(), emptyDown.pullRequest().head(),
                emptyDown.description());
        assertThat(missing.status()).isEqualTo(Status.MISSING);
        assertThat(missing.detail()).isEqualTo("no down migration for " + UP + ", and no Rollback section");

        emptyDown.body("## Rollback\n- [x] Forward-only: restore invoices.total from the nightly snapshot\n");
        assertThat(ChecklistItems.rollback(emptyDown.schemaChange(), emptyDown.pullRequest().head(), emptyDown.description()))
                .extracting(ChecklistItem::status).isEqualTo(Status.SATISFIED);
    }

    @Test
    void aFileWithItsOwnDownSectionHasARollback() {
        var goose = new SimulatedPullRequest().changes("db/migrations/20260101120000_totals.sql", """
                -- +goose Up
                ALTER TABLE invoices ADD COLUMN total numeric;
                -- +goose Down
                ALTER TABLE invoices DROP COLUMN total;
                """);
        assertThat(ChecklistItems.rollback(goose.schemaChange(), goose.pullRequest().head(), goose.description()).status())
                .isEqualTo(Status.SATISFIED);
    }

    @Test
    void queryPlanIsRequiredWhenIndexesChangeOrHotTablesAreTouched() {
        var hot = new Ownership(List.of(new Area("billing", List.of("invoices"), List.of(), List.of("mia"), Optional.empty(),
                Profile.HOT, Changes.ANY)));
        var none = new Ownership(List.of());
        var column = new SimulatedPullRequest().changes(UP, "ALTER TABLE users ADD COLUMN note text;\n");
        assertThat(ChecklistItems.queryPlan(column.schemaChange(), hot, column.description()).status())
                .isEqualTo(Status.NOT_APPLICABLE);

        var hotColumn = new SimulatedPullRequest().changes(UP, "ALTER TABLE invoices ADD COLUMN note text;\n");
        assertThat(ChecklistItems.queryPlan(hotColumn.schemaChange(), hot, hotColumn.description()))
                .extracting(ChecklistItem::status, ChecklistItem::detail)
                .containsExactly(Status.MISSING, "hot tables change (invoices), and the description has no query plan");
        assertThat(ChecklistItems.queryPlan(hotColumn.schemaChange(), none, hotColumn.description()).status())
                .isEqualTo(Status.NOT_APPLICABLE);

        var index = new SimulatedPullRequest().changes(UP, "CREATE INDEX CONCURRENTLY ix_users_email ON users (email);\n")
                .body("## Query plan\n```\nIndex Scan using ix_users_email on users  (cost=0.42..8.44 rows=1 width=72)\n```\n");
        assertThat(ChecklistItems.queryPlan(index.schemaChange(), none, index.description()))
                .extracting(ChecklistItem::status, ChecklistItem::detail).containsExactly(Status.SATISFIED,
                        "EXPLAIN output is in the description; indexes change (" + UP + " line 1)");

        var key = new SimulatedPullRequest().changes(UP, "ALTER TABLE users ADD CONSTRAINT uq_email UNIQUE (email);\n");
        assertThat(ChecklistItems.queryPlan(key.schemaChange(), none, key.description()).status()).isEqualTo(Status.MISSING);
    }

    @Test
    void releaseIdIsReferencedByTheDeployNotesOrAMigration() {
        ReleaseId id = ReleaseId.of(SimulatedPullRequest.REPOSITORY, 42, SimulatedPullRequest.HEAD);
        var noted = new SimulatedPullRequest().changes(UP, "ALTER TABLE users ADD COLUMN note text;\n")
                .body("## Deploy notes\nRelease: shop-pr42-a1b2c3d\n");
        assertThat(ChecklistItems.releaseId(id, noted.schemaChange(), noted.description()).status()).isEqualTo(Status.SATISFIED);

        var inMigration = new SimulatedPullRequest().changes(UP, "-- release: shop-pr42\nALTER TABLE users ADD COLUMN note text;\n");
        assertThat(ChecklistItems.releaseId(id, inMigration.schemaChange(), inMigration.description()))
                .extracting(ChecklistItem::detail).isEqualTo(UP + " references shop-pr42");

        var missing = new SimulatedPullRequest().changes(UP, "ALTER TABLE users ADD COLUMN note text;\n").body("Release: shop-pr4");
        assertThat(ChecklistItems.releaseId(id, missing.schemaChange(), missing.description()))
                .satisfies(item -> {
                    assertThat(item.status()).isEqualTo(Status.MISSING);
                    assertThat(item.fix()).contains("Add the release id shop-pr42-a1b2c3d (or shop-pr42) to the Deploy notes "
                            + "section, so the rollout's logs, metrics and traces can be tagged with it.");
                });
    }

    @Test
    void theDownFilesOfTheChangeAreNotThemselvesAskedForARollback() {
        var change = new SimulatedPullRequest().changes(DOWN, "ALTER TABLE invoices DROP COLUMN total;\n").schemaChange();
        assertThat(change.migrations()).isEmpty();
        assertThat(change.downFiles()).hasSize(1);
        assertThat(ChecklistItems.rollback(change, InMemoryFileTree.of(Map.of()), PullRequestBody.parse("")).status())
                .isEqualTo(Status.SATISFIED);
    }
}

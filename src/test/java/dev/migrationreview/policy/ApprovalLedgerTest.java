package dev.migrationreview.policy;

import static dev.migrationreview.policy.PullRequest.Review.State.APPROVED;
import static dev.migrationreview.policy.PullRequest.Review.State.CHANGES_REQUESTED;
import static dev.migrationreview.policy.PullRequest.Review.State.COMMENTED;
import static dev.migrationreview.policy.PullRequest.Review.State.DISMISSED;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.policy.ApprovalLedger.Dropped;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApprovalLedgerTest {

    private static final String MIGRATION = "db/migrations/000001_a.up.sql";
    private static final String OLD = "ALTER TABLE invoices ADD COLUMN note text;\n";
    private static final String NEW = "ALTER TABLE invoices ADD COLUMN note varchar(10);\n";
    private static final String REBASED = "7ebba5e000000000000000000000000000000001";
    private static final String PUSHED = "0ba5e00000000000000000000000000000000002";
    private static final String EMPTY = "e397100000000000000000000000000000000003";

    private static ApprovalLedger ledger(SimulatedPullRequest pr, boolean authorMayApprove) {
        Map<String, String> guarded = Map.of(MIGRATION, GitBlobs.id(NEW.getBytes(StandardCharsets.UTF_8)));
        return ApprovalLedger.of(pr.pullRequest(), guarded, pr.history(), authorMayApprove);
    }

    @Test
    void anApprovalOnTheHeadHoldsAndCommentsDoNotTakeItBack() {
        var pr = new SimulatedPullRequest().review("mia", APPROVED).review("mia", COMMENTED);
        assertThat(ledger(pr, false).approvers()).containsExactly("mia");
    }

    @Test
    void anApprovalOnAnEarlierCommitHoldsWhileTheMigrationsAreTheSameBlob() {
        var rebased = new SimulatedPullRequest().earlierCommit(REBASED, Map.of(MIGRATION, NEW))
                .review("mia", APPROVED, REBASED);
        assertThat(ledger(rebased, false).approvers()).containsExactly("mia");

        var pushed = new SimulatedPullRequest().earlierCommit(PUSHED, Map.of(MIGRATION, OLD))
                .review("mia", APPROVED, PUSHED);
        assertThat(ledger(pushed, false).approvers()).isEmpty();
        assertThat(ledger(pushed, false).dropped()).containsExactly(
                new Dropped("mia", "approved 0ba5e00, and " + MIGRATION + " has changed since"));

        var added = new SimulatedPullRequest().earlierCommit(EMPTY, Map.of()).review("mia", APPROVED, EMPTY);
        assertThat(ledger(added, false).approvers()).as("a migration added after the approval").isEmpty();
    }

    @Test
    void aChangeRequestOrADismissalTakesTheApprovalBack() {
        var pr = new SimulatedPullRequest()
                .review("mia", APPROVED).review("mia", CHANGES_REQUESTED)
                .review("ola", APPROVED).review("ola", DISMISSED)
                .review("sam", CHANGES_REQUESTED).review("sam", APPROVED);
        var ledger = ledger(pr, false);
        assertThat(ledger.approvers()).containsExactly("sam");
        assertThat(ledger.dropped()).containsExactly(new Dropped("mia", "requested changes"),
                new Dropped("ola", "the approval was dismissed"));
    }

    @Test
    void authorsDoNotApproveTheirOwnChangeUnlessAllowed() {
        var pr = new SimulatedPullRequest().author("dev").review("Dev", APPROVED);
        assertThat(ledger(pr, false).approvers()).isEmpty();
        assertThat(ledger(pr, false).dropped()).extracting(Dropped::reason)
                .containsExactly("is the pull request's author (approvals.author_may_approve is off)");
        assertThat(ledger(pr, true).approvers()).containsExactly("Dev");
    }
}

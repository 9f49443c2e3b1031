package dev.migrationreview.server;

import dev.migrationreview.config.ConfigSource;
import dev.migrationreview.policy.BlobHistory;
import dev.migrationreview.policy.PullRequest;
import dev.migrationreview.policy.TeamDirectory;
import dev.migrationreview.store.PullRequestDecision;
import java.util.List;

/**
 * What the policy reads from GitHub besides the snapshot: the pull request (labels, commits,
 * reviews, the base branch's files), team membership, earlier commits' files, and other
 * repositories' configuration; and the approvals, overrides and holds people gave with slash commands.
 *
 * @param decisions the decisions not withdrawn; the review judges which still hold for the migrations at head
 * @param proofRequested someone asked for the database proof ({@code /migration-review plan}) on this pull request
 */
public record PolicyInputs(PullRequest pullRequest, TeamDirectory teams, BlobHistory history, ConfigSource configs,
                           List<PullRequestDecision> decisions, boolean proofRequested) {

    public PolicyInputs {
        decisions = List.copyOf(decisions);
    }
}

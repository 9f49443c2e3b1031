package dev.migrationreview.server;

import dev.migrationreview.config.ConfigSource;
import dev.migrationreview.policy.BlobHistory;
import dev.migrationreview.policy.PullRequest;
import dev.migrationreview.policy.TeamDirectory;

/**
 * What the policy reads from GitHub besides the snapshot: the pull request (labels, commits,
 * reviews, the base branch's files), team membership, earlier commits' files, and other
 * repositories' configuration.
 */
public record PolicyInputs(PullRequest pullRequest, TeamDirectory teams, BlobHistory history, ConfigSource configs) {}

package dev.migrationreview.command;

import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.review.ReviewResult;

/**
 * The pull request as it is when a command runs: its newest head, the configuration of its base
 * branch as the review resolves it (who owns what, who may override), and the review of that head
 * (its migration files and findings), to which approvals and overrides are bound.
 */
public record Inspection(PullRequestTarget target, ConfigResult config, ReviewResult review) {

    /** Reads the pull request afresh from GitHub. */
    @FunctionalInterface
    public interface Source {
        Inspection inspect() throws java.io.IOException;
    }
}

package dev.migrationreview.command;

import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.review.ReviewResult;
import java.util.Optional;

/**
 * The pull request as it is when a command runs: its newest head, the configuration of its base
 * (who owns what, who may override), and the engine's review of that head (its migration files
 * and findings), to which approvals and overrides are bound.
 */
public record Inspection(PullRequestTarget target, Optional<SourceFile> baseConfig, ReviewResult review) {

    /** Reads the pull request afresh from GitHub. */
    @FunctionalInterface
    public interface Source {
        Inspection inspect() throws java.io.IOException;
    }
}

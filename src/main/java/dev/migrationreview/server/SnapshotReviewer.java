package dev.migrationreview.server;

import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.ConfigSource;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reviews a pull request snapshot: reads its base configuration, runs the engine and evaluates the
 * policy into the verdict. The same engine the command line runs; the App only supplies the GitHub
 * snapshot and what the policy reads from GitHub.
 */
public interface SnapshotReviewer {

    ReviewReport review(PullRequestSnapshot snapshot, PolicyInputs policy);

    /**
     * The configuration the review uses: the repository's file on the base branch with the
     * organisation default and what it extends (the defaults, with the errors, when it is broken).
     */
    ConfigResult config(Optional<SourceFile> config, String repository, ConfigSource configs);

    /**
     * The paths the configuration names as migrations (its globs, with what it extends), so they are
     * downloaded.
     *
     * @param config     the repository's file on the base branch, if any
     * @param repository {@code owner/name}, for the organisation default and {@code extends}
     */
    Predicate<String> configuredMigrations(Optional<SourceFile> config, String repository, ConfigSource configs);
}

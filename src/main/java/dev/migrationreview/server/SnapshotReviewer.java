package dev.migrationreview.server;

import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Reviews a pull request snapshot: reads its base configuration, runs the engine and takes the
 * verdict. The same engine the command line runs; the App only supplies the GitHub snapshot.
 */
public interface SnapshotReviewer {

    ReviewReport review(PullRequestSnapshot snapshot);

    /** The paths a configuration file names as migrations (its globs), so they are downloaded. */
    Predicate<String> configuredMigrations(Optional<SourceFile> config);
}

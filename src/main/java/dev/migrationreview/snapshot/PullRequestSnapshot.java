package dev.migrationreview.snapshot;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * A pull request frozen at one head revision: what it changes, the repository at its head, and the
 * configuration from its base (so a pull request cannot relax its own review). Read from a local
 * git repository by the command line and from GitHub by the App; everything after it runs the same code.
 */
public interface PullRequestSnapshot {

    /** A short human name for what is reviewed, e.g. {@code feature/x against main}. */
    String description();

    /** Every file the pull request touches, in path order. */
    List<ChangedFile> changedFiles();

    /** The content at head of every changed file that still exists there, in {@link #changedFiles()} order. */
    List<SourceFile> headContents();

    /** The repository at the head revision, for files a migration refers to. */
    FileTree headTree();

    /** The repository the pull request starts from (the merge base): the state its migrations apply to. */
    FileTree baseTree();

    /** {@code .github/migration-review.yml} (or the file the user named) as it is on the base revision. */
    Optional<SourceFile> baseConfig();

    PullRequestInfo info();
}

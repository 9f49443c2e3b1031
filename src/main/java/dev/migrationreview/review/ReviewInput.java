package dev.migrationreview.review;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.util.List;

/**
 * What to review: the files a change adds or modifies (at the head revision), the repository
 * at that revision for files they refer to, and the configuration from the base revision.
 */
public record ReviewInput(List<SourceFile> changedFiles, FileTree repository, ReviewConfig config) {
    public ReviewInput {
        changedFiles = List.copyOf(changedFiles);
    }
}

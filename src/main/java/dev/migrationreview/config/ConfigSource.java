package dev.migrationreview.config;

import dev.migrationreview.discovery.SourceFile;
import java.util.Optional;

/**
 * Configuration files of other repositories, for the organisation default and {@code extends}.
 * The App reads them through the GitHub contents API at each repository's default branch.
 */
public interface ConfigSource {

    /**
     * The file at {@code path} on the default branch of {@code repository} ({@code owner/name});
     * empty when the repository or the file does not exist or cannot be seen. Failures that a
     * retry may cure (network, rate limit) are thrown, so that a review is retried rather than
     * reported with a configuration it did not ask for.
     */
    Optional<SourceFile> read(String repository, String path);

    /** No other repository can be read (the command line). */
    ConfigSource NONE = (repository, path) -> Optional.empty();
}

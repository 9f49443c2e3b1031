package dev.migrationreview.policy;

import java.util.Optional;

/**
 * The content identity of files at earlier commits, so an approval can be checked against the
 * content it was given on: a rebase changes commit ids but leaves blobs alone.
 */
public interface BlobHistory {

    /** The git blob id of {@code path} at {@code commit}; empty when the file does not exist there. */
    Optional<String> blob(String commit, String path);

    /** Nothing is known about earlier commits: only approvals given on the head commit hold. */
    BlobHistory NONE = (commit, path) -> Optional.empty();
}

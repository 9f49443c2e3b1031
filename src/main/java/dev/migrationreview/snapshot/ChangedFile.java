package dev.migrationreview.snapshot;

import java.util.Objects;
import java.util.Optional;

/**
 * One file a pull request touches, repository-relative with '/'.
 *
 * @param previousPath the path before a rename; empty unless {@code status} is RENAMED
 */
public record ChangedFile(String path, ChangeStatus status, Optional<String> previousPath) {

    public ChangedFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
        if (previousPath.isPresent() != (status == ChangeStatus.RENAMED)) {
            throw new IllegalArgumentException("previousPath is given exactly for renamed files: " + path);
        }
    }

    public static ChangedFile of(String path, ChangeStatus status) {
        return new ChangedFile(path, status, Optional.empty());
    }

    public static ChangedFile renamed(String from, String to) {
        return new ChangedFile(to, ChangeStatus.RENAMED, Optional.of(from));
    }
}

package dev.migrationreview.snapshot;

/** A snapshot could not be read: not a git repository, an unknown revision, git missing or stuck. */
public final class SnapshotException extends RuntimeException {

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}

package dev.migrationreview.snapshot;

/** How a pull request changes a file, as GitHub and {@code git diff --name-status} report it. */
public enum ChangeStatus {
    ADDED, MODIFIED, REMOVED, RENAMED;

    /** Whether the file exists at the head revision, so its content can be reviewed. */
    public boolean existsAtHead() {
        return this != REMOVED;
    }
}

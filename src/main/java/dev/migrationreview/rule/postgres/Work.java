package dev.migrationreview.rule.postgres;

/**
 * What an operation does to a table's data while it holds its locks, cheapest first. Anything
 * beyond {@link #CATALOG_ONLY} takes time proportional to the table's size.
 */
public enum Work {
    /** Changes only the system catalog: instant once the lock is granted. */
    CATALOG_ONLY("an instant catalog change"),
    /** Reads every row to check it (validating a constraint, SET NOT NULL). */
    SCAN("a full scan of the table"),
    /** Builds an index by reading the whole table and sorting it. */
    INDEX_BUILD("an index build over the whole table"),
    /** Writes or deletes existing rows one by one (UPDATE, DELETE, INSERT ... SELECT). */
    ROW_CHANGES("changes to existing rows"),
    /** Writes a new copy of the table and rebuilds all its indexes. */
    REWRITE("a rewrite of the table and all its indexes");

    private final String description;

    Work(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    /** True when the time taken grows with the table's size. */
    public boolean isSlow() {
        return this != CATALOG_ONLY;
    }
}

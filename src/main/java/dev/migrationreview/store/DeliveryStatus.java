package dev.migrationreview.store;

/** Where a delivery is in its life; none of them is ever deleted by the bot. */
public enum DeliveryStatus {
    /** Waiting for a worker (new, or failed and waiting for its next attempt). */
    PENDING,
    /** A worker holds the delivery's work key and is processing it. */
    RUNNING,
    /** Processed. */
    DONE,
    /** Folded into a newer delivery for the same pull request, which did the work. */
    COALESCED,
    /** Failed too often or for good; kept with its reason until someone retries it. */
    PARKED
}

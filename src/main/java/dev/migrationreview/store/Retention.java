package dev.migrationreview.store;

import java.time.Duration;

/**
 * Keeps the store from growing without end: deliveries are kept while a redelivery or a question
 * about them is likely, full reports while their details pages are likely to be opened. What
 * decides reviews (pull request records, decisions, command history, review outcomes) is kept.
 */
public final class Retention {

    /** Parked deliveries wait for an operator, so they are kept this many times longer than finished ones. */
    private static final int PARKED_FACTOR = 3;

    private final Store store;

    Retention(Store store) {
        this.store = store;
    }

    /** What one pruning removed. */
    public record Pruned(int deliveries, int reports) {}

    /**
     * Deletes deliveries finished (done or folded into a later one) longer than {@code keep} ago
     * and parked ones three times that, and drops the full report of reviews finished longer than
     * {@code keep} ago (their outcome stays; the details page says the report expired).
     */
    public Pruned prune(Duration keep) {
        long finishedBefore = store.now() - keep.toMillis();
        long parkedBefore = store.now() - keep.multipliedBy(PARKED_FACTOR).toMillis();
        return store.transaction(connection -> {
            int deliveries;
            try (var delete = connection.prepareStatement("DELETE FROM deliveries WHERE finished_at < ? "
                    + "AND (status IN ('DONE', 'COALESCED') OR (status = 'PARKED' AND finished_at < ?))")) {
                delete.setLong(1, finishedBefore);
                delete.setLong(2, parkedBefore);
                deliveries = delete.executeUpdate();
            }
            int reports;
            try (var drop = connection.prepareStatement("UPDATE review_runs SET report_html = NULL "
                    + "WHERE finished_at < ? AND report_html IS NOT NULL")) {
                drop.setLong(1, finishedBefore);
                reports = drop.executeUpdate();
            }
            return new Pruned(deliveries, reports);
        });
    }
}

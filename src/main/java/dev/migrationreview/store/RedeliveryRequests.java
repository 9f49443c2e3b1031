package dev.migrationreview.store;

import java.sql.ResultSet;
import java.util.Optional;

/**
 * The failed webhook deliveries the bot asked GitHub to redeliver, by the event's guid: how often
 * and when last, so a delivery that keeps failing is asked for only a bounded number of times.
 */
public final class RedeliveryRequests {

    private final Store store;

    RedeliveryRequests(Store store) {
        this.store = store;
    }

    /**
     * @param hookDeliveryId GitHub's id of the delivery attempt the last request named
     * @param attempts       redeliveries asked for so far
     */
    public record RedeliveryRequest(String guid, long hookDeliveryId, String event, int attempts, long firstRequestedAt,
                                    long lastRequestedAt) {}

    public Optional<RedeliveryRequest> find(String guid) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT guid, hook_delivery_id, event, attempts, first_requested_at, "
                    + "last_requested_at FROM redelivery_requests WHERE guid = ?")) {
                query.setString(1, guid);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next()
                            ? Optional.of(new RedeliveryRequest(rows.getString(1), rows.getLong(2), rows.getString(3),
                                    rows.getInt(4), rows.getLong(5), rows.getLong(6)))
                            : Optional.<RedeliveryRequest>empty();
                }
            }
        });
    }

    /** Counts one more redelivery asked for {@code guid}, now, naming attempt {@code hookDeliveryId}. */
    public void record(String guid, long hookDeliveryId, String event) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE redelivery_requests SET attempts = attempts + 1, "
                    + "hook_delivery_id = ?, last_requested_at = ? WHERE guid = ?")) {
                update.setLong(1, hookDeliveryId);
                update.setLong(2, now);
                update.setString(3, guid);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (var insert = connection.prepareStatement("INSERT INTO redelivery_requests (guid, hook_delivery_id, event, "
                    + "attempts, first_requested_at, last_requested_at) VALUES (?, ?, ?, 1, ?, ?)")) {
                insert.setString(1, guid);
                insert.setLong(2, hookDeliveryId);
                insert.setString(3, event.length() <= 60 ? event : event.substring(0, 60));
                insert.setLong(4, now);
                insert.setLong(5, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** Forgets requests last made before {@code cutoff}: GitHub keeps deliveries only a few days. */
    public int forgetBefore(long cutoff) {
        return store.transaction(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM redelivery_requests WHERE last_requested_at < ?")) {
                delete.setLong(1, cutoff);
                return delete.executeUpdate();
            }
        });
    }
}

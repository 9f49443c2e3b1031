package dev.migrationreview.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The write slots of each installation, shared by every replica on this store: GitHub's secondary
 * rate limits count an installation's writes wherever they come from, so the spacing between them
 * and a pause after a limit hit must be too. The row is locked while a slot is taken, so two
 * replicas never get the same one.
 */
public final class WritePacing {

    private final Store store;

    WritePacing(Store store) {
        this.store = store;
    }

    /**
     * Takes the installation's next write slot: the earliest time, not before now or
     * {@code notBeforeMillis}, that is at least {@code intervalMillis} after the slot taken before
     * and not inside a pause.
     *
     * @return when the write may start (epoch milliseconds)
     */
    public long reserve(long installationId, long intervalMillis, long notBeforeMillis) {
        long now = Math.max(store.now(), notBeforeMillis);
        return store.transaction(connection -> {
            ensureRow(connection, installationId);
            long slot;
            try (var select = connection.prepareStatement(
                    "SELECT next_slot_at, blocked_until FROM github_write_slots WHERE installation_id = ? FOR UPDATE")) {
                select.setLong(1, installationId);
                try (ResultSet rows = select.executeQuery()) {
                    rows.next();
                    slot = Math.max(now, Math.max(rows.getLong(1), rows.getLong(2)));
                }
            }
            try (var update = connection.prepareStatement(
                    "UPDATE github_write_slots SET next_slot_at = ? WHERE installation_id = ?")) {
                update.setLong(1, slot + intervalMillis);
                update.setLong(2, installationId);
                update.executeUpdate();
            }
            return slot;
        });
    }

    /** Holds back every replica's writes for the installation until {@code untilMillis} (a later pause wins). */
    public void pauseUntil(long installationId, long untilMillis) {
        store.transaction(connection -> {
            ensureRow(connection, installationId);
            try (var update = connection.prepareStatement("UPDATE github_write_slots SET blocked_until = ? "
                    + "WHERE installation_id = ? AND blocked_until < ?")) {
                update.setLong(1, untilMillis);
                update.setLong(2, installationId);
                update.setLong(3, untilMillis);
                return update.executeUpdate();
            }
        });
    }

    private static void ensureRow(Connection connection, long installationId) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO github_write_slots (installation_id, next_slot_at, "
                + "blocked_until) VALUES (?, 0, 0) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, installationId);
            insert.executeUpdate();
        }
    }
}

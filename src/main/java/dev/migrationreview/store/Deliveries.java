package dev.migrationreview.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The durable inbox: deliveries and their states. Which process works on a key is the job
 * queue's business (inbox.WorkQueue); every state change here is one short transaction.
 */
public final class Deliveries {

    private static final String COLUMNS = "seq, delivery_id, event, action, work_key, repository, pull_number, "
            + "installation_id, status, attempts, received_at, next_attempt_at, finished_at, last_error, outcome, coalesced_into";
    private static final int MAX_TEXT = 2000;

    private final Store store;

    Deliveries(Store store) {
        this.store = store;
    }

    /** What became of a delivery handed to {@link #accept}. */
    public enum Acceptance {
        /** First time we see this delivery id: stored as pending. */
        NEW,
        /** A redelivery of something already stored and not parked: nothing to do. */
        DUPLICATE,
        /** A redelivery of a parked delivery: it is pending again. */
        REQUEUED
    }

    /** Stores a delivery as pending, recognising a redelivery by its id. */
    public Acceptance accept(NewDelivery delivery) {
        long now = store.now();
        byte[] payload = Compression.gzip(delivery.payload());
        boolean inserted = store.transaction(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO deliveries (delivery_id, event, action, work_key, "
                    + "repository, pull_number, installation_id, payload, status, attempts, received_at, next_attempt_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setString(1, delivery.deliveryId());
                insert.setString(2, delivery.event());
                insert.setString(3, delivery.action());
                insert.setString(4, delivery.workKey());
                insert.setString(5, delivery.repository().orElse(null));
                setOptionalInt(insert, 6, delivery.pullNumber());
                setOptionalLong(insert, 7, delivery.installationId());
                insert.setBytes(8, payload);
                insert.setLong(9, now);
                insert.setLong(10, now);
                return insert.executeUpdate() == 1;
            }
        });
        if (inserted) {
            return Acceptance.NEW;
        }
        // A redelivery: a parked one is someone asking for another try.
        return requeueParked(delivery.deliveryId()) ? Acceptance.REQUEUED : Acceptance.DUPLICATE;
    }

    /** Puts a parked delivery back in the queue; false when there is no parked delivery with that id. */
    public boolean requeueParked(String deliveryId) {
        long now = store.now();
        return store.transaction(connection -> {
            try (var status = connection.prepareStatement("SELECT status FROM deliveries WHERE delivery_id = ?")) {
                status.setString(1, deliveryId);
                try (ResultSet rows = status.executeQuery()) {
                    if (!rows.next() || DeliveryStatus.valueOf(rows.getString(1)) != DeliveryStatus.PARKED) {
                        return false;
                    }
                }
            }
            requeue(connection, deliveryId, now);
            return true;
        });
    }

    private static void requeue(Connection connection, String deliveryId, long now) throws SQLException {
        try (var update = connection.prepareStatement("UPDATE deliveries SET status = 'PENDING', attempts = 0, "
                + "next_attempt_at = ?, finished_at = NULL WHERE delivery_id = ?")) {
            update.setLong(1, now);
            update.setString(2, deliveryId);
            update.executeUpdate();
        }
    }

    /**
     * Whether a delivery was stored under {@code deliveryId}, or split under it with a suffix
     * ({@code id:...}, one part per pull request of a check suite).
     */
    public boolean received(String deliveryId) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT 1 FROM deliveries WHERE delivery_id = ? OR delivery_id LIKE ? ESCAPE '!' FETCH FIRST 1 ROWS ONLY")) {
                query.setString(1, deliveryId);
                query.setString(2, deliveryId.replace("!", "!!").replace("%", "!%").replace("_", "!_") + ":%");
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    public Optional<StoredDelivery> find(String deliveryId) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS + " FROM deliveries WHERE delivery_id = ?")) {
                query.setString(1, deliveryId);
                return list(query).stream().findFirst();
            }
        });
    }

    public byte[] payload(long seq) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT payload FROM deliveries WHERE seq = ?")) {
                query.setLong(1, seq);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        throw new StoreException("no delivery #" + seq);
                    }
                    return Compression.gunzip(rows.getBytes(1));
                }
            }
        });
    }

    /**
     * Work keys with something to do, oldest first: pending deliveries that are due, and running
     * ones (whose run may have died with its process). The queue's safety net reads these to make
     * sure each has an execution scheduled.
     */
    public List<String> dueWorkKeys(int limit) {
        long now = store.now();
        return store.transaction(connection -> {
            // Two index-backed queries rather than one OR, which would scan every delivery ever stored.
            var keys = new LinkedHashMap<String, Long>();
            try (var pending = connection.prepareStatement("SELECT work_key, MIN(seq) FROM deliveries "
                    + "WHERE status = 'PENDING' AND next_attempt_at <= ? GROUP BY work_key ORDER BY MIN(seq) FETCH FIRST ? ROWS ONLY")) {
                pending.setLong(1, now);
                pending.setInt(2, limit);
                collect(pending, keys);
            }
            try (var running = connection.prepareStatement("SELECT work_key, MIN(seq) FROM deliveries "
                    + "WHERE status = 'RUNNING' GROUP BY work_key ORDER BY MIN(seq) FETCH FIRST ? ROWS ONLY")) {
                running.setInt(1, limit);
                collect(running, keys);
            }
            return keys.entrySet().stream().sorted(Map.Entry.comparingByValue()).limit(limit)
                    .map(Map.Entry::getKey).toList();
        });
    }

    private static void collect(PreparedStatement query, Map<String, Long> keys) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                keys.merge(rows.getString(1), rows.getLong(2), Math::min);
            }
        }
    }

    /** When the next pending delivery of {@code workKey} becomes due, if one is waiting. */
    public Optional<Long> nextDueAt(String workKey) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT MIN(next_attempt_at) FROM deliveries WHERE work_key = ? AND status = 'PENDING'")) {
                query.setString(1, workKey);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    long at = rows.getLong(1);
                    return rows.wasNull() ? Optional.<Long>empty() : Optional.of(at);
                }
            }
        });
    }

    /**
     * Makes the deliveries of {@code workKey} left running pending again, due now. Call only while
     * owning the key's execution: a delivery still running then was abandoned by a process that died.
     */
    public int reclaimRunning(String workKey) {
        long now = store.now();
        return store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE deliveries SET status = 'PENDING', next_attempt_at = ? "
                    + "WHERE work_key = ? AND status = 'RUNNING'")) {
                update.setLong(1, now);
                update.setString(2, workKey);
                return update.executeUpdate();
            }
        });
    }

    /** The pending deliveries of a work key, oldest first (call while owning the key's execution). */
    public List<StoredDelivery> pending(String workKey) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM deliveries WHERE work_key = ? AND status = 'PENDING' ORDER BY seq")) {
                query.setString(1, workKey);
                return list(query);
            }
        });
    }

    /** Whether a delivery newer than {@code seq} is waiting on the same key (the running work is stale). */
    public boolean hasNewerPending(String workKey, long seq) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT COUNT(*) FROM deliveries "
                    + "WHERE work_key = ? AND status = 'PENDING' AND seq > ?")) {
                query.setString(1, workKey);
                query.setLong(2, seq);
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) > 0;
                }
            }
        });
    }

    /** Marks {@code seq} running (one more attempt) and folds {@code coalesced} into it. */
    public void start(long seq, List<Long> coalesced, String instance) {
        long now = store.now();
        store.transaction(connection -> {
            String deliveryId;
            try (var update = connection.prepareStatement("UPDATE deliveries SET status = 'RUNNING', "
                    + "attempts = attempts + 1, owner_instance = ? WHERE seq = ?")) {
                update.setString(1, instance);
                update.setLong(2, seq);
                update.executeUpdate();
            }
            try (var id = connection.prepareStatement("SELECT delivery_id FROM deliveries WHERE seq = ?")) {
                id.setLong(1, seq);
                try (ResultSet rows = id.executeQuery()) {
                    rows.next();
                    deliveryId = rows.getString(1);
                }
            }
            try (var fold = connection.prepareStatement("UPDATE deliveries SET status = 'COALESCED', coalesced_into = ?, "
                    + "finished_at = ?, outcome = ? WHERE seq = ? AND status = 'PENDING'")) {
                for (long older : coalesced) {
                    fold.setString(1, deliveryId);
                    fold.setLong(2, now);
                    fold.setString(3, "superseded by delivery " + deliveryId);
                    fold.setLong(4, older);
                    fold.addBatch();
                }
                fold.executeBatch();
            }
            return null;
        });
    }

    public void finish(long seq, String outcome) {
        setFinalState(seq, DeliveryStatus.DONE, Optional.empty(), outcome);
    }

    public void park(long seq, String reason) {
        setFinalState(seq, DeliveryStatus.PARKED, Optional.of(reason), "parked: " + reason);
    }

    private void setFinalState(long seq, DeliveryStatus status, Optional<String> error, String outcome) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE deliveries SET status = ?, finished_at = ?, "
                    + "outcome = ?, last_error = COALESCE(?, last_error) WHERE seq = ?")) {
                update.setString(1, status.name());
                update.setLong(2, now);
                update.setString(3, clip(outcome));
                update.setString(4, error.map(Deliveries::clip).orElse(null));
                update.setLong(5, seq);
                return update.executeUpdate();
            }
        });
    }

    /** Puts a failed delivery back in the queue for another attempt at {@code nextAttemptAt}. */
    public void retryLater(long seq, String error, long nextAttemptAt) {
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE deliveries SET status = 'PENDING', "
                    + "next_attempt_at = ?, last_error = ? WHERE seq = ?")) {
                update.setLong(1, nextAttemptAt);
                update.setString(2, clip(error));
                update.setLong(3, seq);
                return update.executeUpdate();
            }
        });
    }

    /** The most recent deliveries in {@code status}, newest first. */
    public List<StoredDelivery> recent(DeliveryStatus status, int limit) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM deliveries WHERE status = ? ORDER BY seq DESC FETCH FIRST ? ROWS ONLY")) {
                query.setString(1, status.name());
                query.setInt(2, limit);
                return list(query);
            }
        });
    }

    public Map<DeliveryStatus, Long> countByStatus() {
        return store.transaction(connection -> {
            var counts = new EnumMap<DeliveryStatus, Long>(DeliveryStatus.class);
            for (DeliveryStatus status : DeliveryStatus.values()) {
                counts.put(status, 0L);
            }
            try (var query = connection.prepareStatement("SELECT status, COUNT(*) FROM deliveries GROUP BY status");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(DeliveryStatus.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    private static List<StoredDelivery> list(PreparedStatement query) throws SQLException {
        var deliveries = new ArrayList<StoredDelivery>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                deliveries.add(new StoredDelivery(
                        rows.getLong("seq"),
                        rows.getString("delivery_id"),
                        rows.getString("event"),
                        rows.getString("action"),
                        rows.getString("work_key"),
                        Optional.ofNullable(rows.getString("repository")),
                        optionalInt(rows, "pull_number"),
                        optionalLong(rows, "installation_id"),
                        DeliveryStatus.valueOf(rows.getString("status")),
                        rows.getInt("attempts"),
                        rows.getLong("received_at"),
                        rows.getLong("next_attempt_at"),
                        optionalLong(rows, "finished_at"),
                        Optional.ofNullable(rows.getString("last_error")),
                        Optional.ofNullable(rows.getString("outcome")),
                        Optional.ofNullable(rows.getString("coalesced_into"))));
            }
        }
        return deliveries;
    }

    static Optional<Integer> optionalInt(ResultSet rows, String column) throws SQLException {
        int value = rows.getInt(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static Optional<Long> optionalLong(ResultSet rows, String column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    static void setOptionalInt(PreparedStatement statement, int index, Optional<Integer> value) throws SQLException {
        if (value.isPresent()) {
            statement.setInt(index, value.get());
        } else {
            statement.setNull(index, Types.INTEGER);
        }
    }

    static void setOptionalLong(PreparedStatement statement, int index, Optional<Long> value) throws SQLException {
        if (value.isPresent()) {
            statement.setLong(index, value.get());
        } else {
            statement.setNull(index, Types.BIGINT);
        }
    }

    static String clip(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }
}

package dev.migrationreview.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * The state of each healing job: a lease held while one run works (whichever replica or admin
 * request started it), how far its last complete run looked, and where its rotation stands.
 */
public final class HealingJobs {

    private final Store store;

    HealingJobs(Store store) {
        this.store = store;
    }

    /**
     * @param coveredUntil up to when the last complete run looked (epoch milliseconds)
     * @param position     where the next run resumes a rotation; empty: at the start
     */
    public record JobState(String job, Optional<Long> coveredUntil, Optional<String> position) {}

    /**
     * Takes the job's lease for {@code leaseMillis} unless another run holds an unexpired one.
     *
     * @return whether {@code owner} now holds it
     */
    public boolean tryClaim(String job, String owner, long leaseMillis) {
        long now = store.now();
        return store.transaction(connection -> {
            ensure(connection, job, now);
            try (var claim = connection.prepareStatement("UPDATE healing_jobs SET lease_owner = ?, lease_until = ?, "
                    + "updated_at = ? WHERE job = ? AND (lease_owner IS NULL OR lease_until < ?)")) {
                claim.setString(1, owner);
                claim.setLong(2, now + leaseMillis);
                claim.setLong(3, now);
                claim.setString(4, job);
                claim.setLong(5, now);
                return claim.executeUpdate() == 1;
            }
        });
    }

    private static void ensure(Connection connection, String job, long now) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO healing_jobs (job, updated_at) VALUES (?, ?) "
                + "ON CONFLICT DO NOTHING")) {
            insert.setString(1, job);
            insert.setLong(2, now);
            insert.executeUpdate();
        }
    }

    public JobState state(String job) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT covered_until, position FROM healing_jobs WHERE job = ?")) {
                query.setString(1, job);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return new JobState(job, Optional.empty(), Optional.empty());
                    }
                    return new JobState(job, Deliveries.optionalLong(rows, "covered_until"),
                            Optional.ofNullable(rows.getString("position")));
                }
            }
        });
    }

    /** Records that a run looked at everything up to {@code until}. */
    public void recordCovered(String job, String owner, long until) {
        update(job, owner, "covered_until = ?", statement -> statement.setLong(1, until));
    }

    /** Records where the rotation resumes; empty starts the next run at the beginning. */
    public void recordPosition(String job, String owner, Optional<String> position) {
        update(job, owner, "position = ?", statement -> statement.setString(1, position.orElse(null)));
    }

    /** Gives the lease up (a no-op when {@code owner} no longer holds it). */
    public void release(String job, String owner) {
        update(job, owner, "lease_owner = NULL, lease_until = ?", statement -> statement.setNull(1, Types.BIGINT));
    }

    /** Binds the one value of an assignment ({@code column = ?}) as parameter 1. */
    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Changes the job's row only while {@code owner} holds the lease: a run that lost it changes nothing. */
    private void update(String job, String owner, String assignment, Binder binder) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE healing_jobs SET " + assignment
                    + ", updated_at = ? WHERE job = ? AND lease_owner = ?")) {
                binder.bind(update);
                update.setLong(2, now);
                update.setString(3, job);
                update.setString(4, owner);
                return update.executeUpdate();
            }
        });
    }
}

package dev.migrationreview.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** Per pull request: the summary comment, the last reviewed head and the line comments already posted. */
public final class PullRequestRecords {

    private final Store store;

    PullRequestRecords(Store store) {
        this.store = store;
    }

    public Optional<PullRequestRecord> find(String prKey) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT pr_key, repository, pull_number, last_reviewed_head, "
                    + "summary_comment_id, summary_hash FROM pull_requests WHERE pr_key = ?")) {
                query.setString(1, prKey);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.<PullRequestRecord>empty();
                    }
                    return Optional.of(new PullRequestRecord(rows.getString(1), rows.getString(2), rows.getInt(3),
                            Optional.ofNullable(rows.getString(4)), Deliveries.optionalLong(rows, "summary_comment_id"),
                            Optional.ofNullable(rows.getString(6))));
                }
            }
        });
    }

    /** Creates the record for a pull request if it has none yet (idempotent). */
    public void ensure(String prKey, String repository, int pullNumber) {
        long now = store.now();
        store.transaction(connection -> {
            ensure(connection, prKey, repository, pullNumber, now);
            return null;
        });
    }

    private static void ensure(Connection connection, String prKey, String repository, int pullNumber, long now)
            throws SQLException {
        try (var exists = connection.prepareStatement("SELECT 1 FROM pull_requests WHERE pr_key = ?")) {
            exists.setString(1, prKey);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
        }
        try (var insert = connection.prepareStatement("INSERT INTO pull_requests (pr_key, repository, pull_number, "
                + "updated_at) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, prKey);
            insert.setString(2, repository);
            insert.setInt(3, pullNumber);
            insert.setLong(4, now);
            insert.executeUpdate();
        }
    }

    public void recordReviewedHead(String prKey, String headSha) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement(
                    "UPDATE pull_requests SET last_reviewed_head = ?, updated_at = ? WHERE pr_key = ?")) {
                update.setString(1, headSha);
                update.setLong(2, now);
                update.setString(3, prKey);
                return update.executeUpdate();
            }
        });
    }

    /** Records that {@code actor} asked for the database proof: every later review of the pull request includes one. */
    public void requestProof(String prKey, String actor) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement(
                    "UPDATE pull_requests SET proof_requested_by = ?, updated_at = ? WHERE pr_key = ?")) {
                update.setString(1, actor);
                update.setLong(2, now);
                update.setString(3, prKey);
                return update.executeUpdate();
            }
        });
    }

    public boolean proofRequested(String prKey) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT 1 FROM pull_requests WHERE pr_key = ? AND proof_requested_by IS NOT NULL")) {
                query.setString(1, prKey);
                try (var rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** Records the summary comment (or its absence) and the hash of the body it shows. */
    public void recordSummary(String prKey, Optional<Long> commentId, Optional<String> bodyHash) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE pull_requests SET summary_comment_id = ?, "
                    + "summary_hash = ?, updated_at = ? WHERE pr_key = ?")) {
                if (commentId.isPresent()) {
                    update.setLong(1, commentId.get());
                } else {
                    update.setNull(1, Types.BIGINT);
                }
                update.setString(2, bodyHash.orElse(null));
                update.setLong(3, now);
                update.setString(4, prKey);
                return update.executeUpdate();
            }
        });
    }

    public Set<String> postedFingerprints(String prKey) {
        return store.transaction(connection -> {
            var fingerprints = new HashSet<String>();
            try (var query = connection.prepareStatement("SELECT fingerprint FROM posted_comments WHERE pr_key = ?")) {
                query.setString(1, prKey);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        fingerprints.add(rows.getString(1));
                    }
                }
            }
            return fingerprints;
        });
    }

    public void recordPosted(String prKey, Set<String> fingerprints) {
        long now = store.now();
        store.transaction(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO posted_comments (pr_key, fingerprint, posted_at) "
                    + "SELECT ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM posted_comments WHERE pr_key = ? AND fingerprint = ?)")) {
                for (String fingerprint : fingerprints) {
                    insert.setString(1, prKey);
                    insert.setString(2, fingerprint);
                    insert.setLong(3, now);
                    insert.setString(4, prKey);
                    insert.setString(5, fingerprint);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    /** Forgets a closed pull request; a reopened one finds its summary comment again by its marker. */
    public void forget(String prKey) {
        store.transaction(connection -> {
            try (var comments = connection.prepareStatement("DELETE FROM posted_comments WHERE pr_key = ?");
                 var record = connection.prepareStatement("DELETE FROM pull_requests WHERE pr_key = ?")) {
                comments.setString(1, prKey);
                comments.executeUpdate();
                record.setString(1, prKey);
                return record.executeUpdate();
            }
        });
    }

    /** Forgets every pull request of a repository the App no longer has access to. */
    public void forgetRepository(String repository) {
        store.transaction(connection -> {
            try (var comments = connection.prepareStatement("DELETE FROM posted_comments WHERE pr_key IN "
                    + "(SELECT pr_key FROM pull_requests WHERE repository = ?)");
                 var records = connection.prepareStatement("DELETE FROM pull_requests WHERE repository = ?")) {
                comments.setString(1, repository);
                comments.executeUpdate();
                records.setString(1, repository);
                return records.executeUpdate();
            }
        });
    }
}

package dev.migrationreview.store;

import dev.migrationreview.store.PullRequestDecision.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Approvals, overrides and holds given with slash commands, and the pull requests whose check
 * must be published again because they changed. Nothing is deleted while the pull request is
 * open: withdrawing one marks it, so the history stays readable.
 */
public final class PullRequestDecisions {

    private static final String COLUMNS = "id, pr_key, kind, actor, subject, reason, head_sha, comment_id, created_at, "
            + "withdrawn_by, withdrawn_at";

    private final Store store;

    PullRequestDecisions(Store store) {
        this.store = store;
    }

    /**
     * Records a decision unless the same comment recorded the same one already (a retried
     * delivery), and marks the pull request for re-evaluation. Returns the decision's id.
     */
    public long record(PullRequestDecision.New decision) {
        long now = store.now();
        return store.transaction(connection -> {
            try (var existing = connection.prepareStatement("SELECT id FROM pr_decisions WHERE comment_id = ? AND kind = ? "
                    + "AND subject = ? AND actor = ?")) {
                existing.setLong(1, decision.commentId());
                existing.setString(2, decision.kind().name());
                existing.setString(3, decision.subject());
                existing.setString(4, decision.actor());
                try (ResultSet rows = existing.executeQuery()) {
                    if (rows.next()) {
                        return rows.getLong(1);
                    }
                }
            }
            long id;
            try (var insert = connection.prepareStatement("INSERT INTO pr_decisions (pr_key, kind, actor, subject, reason, "
                    + "head_sha, comment_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                insert.setString(1, decision.prKey());
                insert.setString(2, decision.kind().name());
                insert.setString(3, decision.actor());
                insert.setString(4, decision.subject());
                insert.setString(5, decision.reason());
                insert.setString(6, decision.headSha());
                insert.setLong(7, decision.commentId());
                insert.setLong(8, now);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    id = keys.getLong(1);
                }
            }
            try (var files = connection.prepareStatement(
                    "INSERT INTO pr_decision_files (decision_id, path, blob_sha) VALUES (?, ?, ?)")) {
                for (var file : decision.migrationBlobs().entrySet()) {
                    files.setLong(1, id);
                    files.setString(2, file.getKey());
                    files.setString(3, file.getValue());
                    files.addBatch();
                }
                files.executeBatch();
            }
            markForReevaluation(connection, decision.prKey(), now);
            return id;
        });
    }

    /**
     * Withdraws the active decisions of {@code kind} on a pull request, of {@code actor} when given
     * and about {@code subjects} when any are named, recording who withdrew them; returns them.
     */
    public List<PullRequestDecision> withdraw(String prKey, Kind kind, Optional<String> actor, List<String> subjects,
                                              String withdrawnBy, long commentId) {
        long now = store.now();
        return store.transaction(connection -> {
            List<PullRequestDecision> withdrawn = active(connection, prKey).stream()
                    .filter(d -> d.kind() == kind)
                    .filter(d -> actor.map(d.actor()::equalsIgnoreCase).orElse(true))
                    .filter(d -> subjects.isEmpty() || subjects.stream().anyMatch(d.subject()::equalsIgnoreCase))
                    .toList();
            try (var update = connection.prepareStatement("UPDATE pr_decisions SET withdrawn_at = ?, withdrawn_by = ?, "
                    + "withdrawn_comment_id = ? WHERE id = ? AND withdrawn_at IS NULL")) {
                for (PullRequestDecision decision : withdrawn) {
                    update.setLong(1, now);
                    update.setString(2, withdrawnBy);
                    update.setLong(3, commentId);
                    update.setLong(4, decision.id());
                    update.addBatch();
                }
                update.executeBatch();
            }
            if (!withdrawn.isEmpty()) {
                markForReevaluation(connection, prKey, now);
            }
            return withdrawn;
        });
    }

    /** The decisions not withdrawn, oldest first (whether they still match the content is for the caller to judge). */
    public List<PullRequestDecision> active(String prKey) {
        return store.transaction(connection -> active(connection, prKey));
    }

    /** Every decision on a pull request, withdrawn ones included, oldest first: the audit trail. */
    public List<PullRequestDecision> history(String prKey) {
        return store.transaction(connection -> read(connection, "SELECT " + COLUMNS
                + " FROM pr_decisions WHERE pr_key = ? ORDER BY id", prKey));
    }

    private static List<PullRequestDecision> active(Connection connection, String prKey) throws SQLException {
        return read(connection, "SELECT " + COLUMNS + " FROM pr_decisions WHERE pr_key = ? AND withdrawn_at IS NULL ORDER BY id",
                prKey);
    }

    private static List<PullRequestDecision> read(Connection connection, String sql, String prKey) throws SQLException {
        record Row(long id, String prKey, Kind kind, String actor, String subject, String reason, String headSha,
                   long commentId, long createdAt, Optional<String> withdrawnBy, Optional<Long> withdrawnAt) {}
        var rows = new ArrayList<Row>();
        try (var query = connection.prepareStatement(sql)) {
            query.setString(1, prKey);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong("id"), result.getString("pr_key"), Kind.valueOf(result.getString("kind")),
                            result.getString("actor"), result.getString("subject"), result.getString("reason"),
                            result.getString("head_sha"), result.getLong("comment_id"), result.getLong("created_at"),
                            Optional.ofNullable(result.getString("withdrawn_by")),
                            Deliveries.optionalLong(result, "withdrawn_at")));
                }
            }
        }
        Map<Long, Map<String, String>> files = new HashMap<>();
        try (var query = connection.prepareStatement("SELECT f.decision_id, f.path, f.blob_sha FROM pr_decision_files f "
                + "JOIN pr_decisions d ON d.id = f.decision_id WHERE d.pr_key = ?")) {
            query.setString(1, prKey);
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    files.computeIfAbsent(result.getLong(1), id -> new LinkedHashMap<>()).put(result.getString(2), result.getString(3));
                }
            }
        }
        return rows.stream().map(r -> new PullRequestDecision(r.id(), r.prKey(), r.kind(), r.actor(), r.subject(), r.reason(),
                r.headSha(), files.getOrDefault(r.id(), Map.of()), r.commentId(), r.createdAt(), r.withdrawnBy(),
                r.withdrawnAt())).toList();
    }

    /** Notes that the pull request's published check no longer shows its decisions. */
    public void markForReevaluation(String prKey) {
        long now = store.now();
        store.transaction(connection -> {
            markForReevaluation(connection, prKey, now);
            return null;
        });
    }

    private static void markForReevaluation(Connection connection, String prKey, long now) throws SQLException {
        try (var insert = connection.prepareStatement("INSERT INTO pending_reevaluations (pr_key, since) SELECT ?, ? "
                + "WHERE NOT EXISTS (SELECT 1 FROM pending_reevaluations WHERE pr_key = ?)")) {
            insert.setString(1, prKey);
            insert.setLong(2, now);
            insert.setString(3, prKey);
            insert.executeUpdate();
        }
    }

    public boolean reevaluationPending(String prKey) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT 1 FROM pending_reevaluations WHERE pr_key = ?")) {
                query.setString(1, prKey);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    /** The check and summary now show every decision (a review read them). */
    public void reevaluated(String prKey) {
        store.transaction(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM pending_reevaluations WHERE pr_key = ?")) {
                delete.setString(1, prKey);
                return delete.executeUpdate();
            }
        });
    }
}

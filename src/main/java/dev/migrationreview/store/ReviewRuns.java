package dev.migrationreview.store;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Review runs: the resumable record of each review and the full report behind its details page. */
public final class ReviewRuns {

    private static final String COLUMNS = "id, delivery_id, pr_key, repository, pull_number, head_sha, created_at, "
            + "finished_at, state, check_run_id, check_requested, annotations_sent, check_completed, summary_requested, "
            + "summary_published, review_requested, "
            + "review_published, conclusion, title";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Store store;

    ReviewRuns(Store store) {
        this.store = store;
    }

    /**
     * The run for {@code deliveryId}: the existing one when this delivery was already being worked
     * on (a retry or a restart resumes it), otherwise a new one.
     */
    public ReviewRun startOrResume(String deliveryId, String prKey, String repository, int pullNumber, String headSha) {
        long now = store.now();
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_runs WHERE delivery_id = ?")) {
                query.setString(1, deliveryId);
                List<ReviewRun> existing = list(query);
                if (!existing.isEmpty() && existing.getFirst().headSha().equals(headSha)) {
                    return existing.getFirst();
                }
                if (!existing.isEmpty()) {
                    // The same delivery now resolves to another head (the pull request moved on
                    // while it waited): the old run is finished and a fresh one starts.
                    try (var retire = connection.prepareStatement(
                            "UPDATE review_runs SET delivery_id = ?, state = 'CANCELLED', finished_at = ? WHERE id = ?")) {
                        retire.setString(1, deliveryId + "#" + existing.getFirst().id());
                        retire.setLong(2, now);
                        retire.setString(3, existing.getFirst().id());
                        retire.executeUpdate();
                    }
                }
            }
            String id = HexFormat.of().formatHex(randomBytes());
            try (var insert = connection.prepareStatement("INSERT INTO review_runs (id, delivery_id, pr_key, repository, "
                    + "pull_number, head_sha, created_at, state, check_requested, annotations_sent, check_completed, "
                    + "summary_requested, summary_published, review_requested, review_published) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', FALSE, 0, FALSE, FALSE, FALSE, FALSE, FALSE)")) {
                insert.setString(1, id);
                insert.setString(2, deliveryId);
                insert.setString(3, prKey);
                insert.setString(4, repository);
                insert.setInt(5, pullNumber);
                insert.setString(6, headSha);
                insert.setLong(7, now);
                insert.executeUpdate();
            }
            try (var query = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_runs WHERE id = ?")) {
                query.setString(1, id);
                return list(query).getFirst();
            }
        });
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    public Optional<ReviewRun> find(String id) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_runs WHERE id = ?")) {
                query.setString(1, id);
                return list(query).stream().findFirst();
            }
        });
    }

    /** The run that created check run {@code checkRunId}, so a re-run request finds its pull request. */
    public Optional<ReviewRun> findByCheckRun(long checkRunId) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_runs WHERE check_run_id = ?")) {
                query.setLong(1, checkRunId);
                return list(query).stream().findFirst();
            }
        });
    }

    /** The latest runs, newest first. */
    public List<ReviewRun> recent(int limit) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS
                    + " FROM review_runs ORDER BY created_at DESC, id FETCH FIRST ? ROWS ONLY")) {
                query.setInt(1, limit);
                return list(query);
            }
        });
    }

    /**
     * Other runs of the pull request at {@code headSha} that asked GitHub for a check run, newest
     * first (at most three): a later review of the same head (a description edit, a folded push,
     * a command) carries on with their check run instead of starting a second one. A run without
     * a check run id never heard GitHub's answer; its check run may exist all the same.
     */
    public List<ReviewRun> checkRequestedAt(String prKey, String headSha, String exceptId) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT " + COLUMNS + " FROM review_runs WHERE pr_key = ? "
                    + "AND head_sha = ? AND id <> ? AND check_requested ORDER BY created_at DESC FETCH FIRST 3 ROWS ONLY")) {
                query.setString(1, prKey);
                query.setString(2, headSha);
                query.setString(3, exceptId);
                return list(query);
            }
        });
    }

    /**
     * Run {@code id} carries on with check run {@code checkRunId}, which other runs started: the
     * annotations they sent are on it already (GitHub appends annotations, so they are not sent again).
     */
    public void adoptCheckRun(String id, long checkRunId) {
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE review_runs SET check_run_id = ?, check_requested = TRUE, "
                    + "annotations_sent = (SELECT COALESCE(MAX(annotations_sent), 0) FROM review_runs WHERE check_run_id = ?) "
                    + "WHERE id = ?")) {
                update.setLong(1, checkRunId);
                update.setLong(2, checkRunId);
                update.setString(3, id);
                return update.executeUpdate();
            }
        });
    }

    /** Whether any run of the pull request asked GitHub for a summary comment (its id may never have come back). */
    public boolean summaryRequested(String prKey) {
        return exists("SELECT 1 FROM review_runs WHERE pr_key = ? AND summary_requested", prKey);
    }

    /**
     * Whether another run of the pull request asked GitHub for a review (its line comments) and
     * never heard whether it was made: what it posted is known only to GitHub.
     */
    public boolean unconfirmedReview(String prKey, String exceptId) {
        return exists("SELECT 1 FROM review_runs WHERE pr_key = ? AND review_requested AND NOT review_published AND id <> ?",
                prKey, exceptId);
    }

    /** GitHub's own list of line comments was read: the other runs' unconfirmed reviews are accounted for. */
    public void settleUnconfirmedReviews(String prKey, String exceptId) {
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE review_runs SET review_published = TRUE "
                    + "WHERE pr_key = ? AND review_requested AND NOT review_published AND id <> ?")) {
                update.setString(1, prKey);
                update.setString(2, exceptId);
                return update.executeUpdate();
            }
        });
    }

    private boolean exists(String sql, String... parameters) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    query.setString(i + 1, parameters[i]);
                }
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    public void recordCheckRun(String id, long checkRunId) {
        update(id, "UPDATE review_runs SET check_run_id = ?, check_requested = TRUE WHERE id = ?", checkRunId);
    }

    public void recordAnnotationsSent(String id, int sent) {
        update(id, "UPDATE review_runs SET annotations_sent = ? WHERE id = ?", sent);
    }

    public void recordStep(String id, ReviewRun.Step step) {
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE review_runs SET " + step.column + " = TRUE WHERE id = ?")) {
                update.setString(1, id);
                return update.executeUpdate();
            }
        });
    }

    /** Stores the outcome shown on the details page before anything is published. */
    public void recordOutcome(String id, String conclusion, String title, String reportHtml) {
        store.transaction(connection -> {
            try (var update = connection.prepareStatement(
                    "UPDATE review_runs SET conclusion = ?, title = ?, report_html = ? WHERE id = ?")) {
                update.setString(1, conclusion);
                update.setString(2, Deliveries.clip(title));
                update.setBytes(3, Compression.gzip(reportHtml.getBytes(StandardCharsets.UTF_8)));
                update.setString(4, id);
                return update.executeUpdate();
            }
        });
    }

    public void finish(String id, ReviewRun.State state) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement("UPDATE review_runs SET state = ?, finished_at = ? WHERE id = ?")) {
                update.setString(1, state.name());
                update.setLong(2, now);
                update.setString(3, id);
                return update.executeUpdate();
            }
        });
    }

    /** The stored HTML report of a run, once the review has produced it. */
    public Optional<String> reportHtml(String id) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT report_html FROM review_runs WHERE id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    if (!rows.next() || rows.getBytes(1) == null) {
                        return Optional.<String>empty();
                    }
                    return Optional.of(new String(Compression.gunzip(rows.getBytes(1)), StandardCharsets.UTF_8));
                }
            }
        });
    }

    private void update(String id, String sql, long value) {
        store.transaction(connection -> {
            try (var update = connection.prepareStatement(sql)) {
                update.setLong(1, value);
                update.setString(2, id);
                return update.executeUpdate();
            }
        });
    }

    private static List<ReviewRun> list(PreparedStatement query) throws SQLException {
        var runs = new ArrayList<ReviewRun>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                runs.add(new ReviewRun(
                        rows.getString("id"),
                        rows.getString("delivery_id"),
                        rows.getString("pr_key"),
                        rows.getString("repository"),
                        rows.getInt("pull_number"),
                        rows.getString("head_sha"),
                        rows.getLong("created_at"),
                        Deliveries.optionalLong(rows, "finished_at"),
                        ReviewRun.State.valueOf(rows.getString("state")),
                        Deliveries.optionalLong(rows, "check_run_id"),
                        rows.getBoolean("check_requested"),
                        rows.getInt("annotations_sent"),
                        rows.getBoolean("check_completed"),
                        rows.getBoolean("summary_requested"),
                        rows.getBoolean("summary_published"),
                        rows.getBoolean("review_requested"),
                        rows.getBoolean("review_published"),
                        Optional.ofNullable(rows.getString("conclusion")),
                        Optional.ofNullable(rows.getString("title"))));
            }
        }
        return runs;
    }
}

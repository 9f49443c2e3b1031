package dev.migrationreview.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every slash command read from a comment, with its outcome: the audit trail of who asked for
 * what, and on a retried delivery the record of which commands already ran.
 */
public final class CommandLog {

    private static final int MAX_COMMAND = 2000;
    private static final int MAX_DETAIL = 8000;

    private final Store store;

    CommandLog(Store store) {
        this.store = store;
    }

    /** How a command ended. */
    public enum Outcome { DONE, REFUSED, INVALID }

    /**
     * One logged command.
     *
     * @param position its place among the commands of the comment (0-based)
     * @param detail   what was done, or why it was refused (the reply's text)
     * @param changed  whether it changed what the check shows (an approval, an override, a hold, a recheck)
     */
    public record Entry(long commentId, int position, String prKey, String actor, String command, Outcome outcome,
                        String detail, boolean changed, long loggedAt) {}

    /** Logs a command's outcome; logging the same position of the same comment again keeps the first. */
    public void log(long commentId, int position, String prKey, String actor, String command, Outcome outcome, String detail,
                    boolean changed) {
        long now = store.now();
        store.transaction(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO command_log (comment_id, position, pr_key, actor, "
                    + "command, outcome, detail, changed, logged_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
                    + "(SELECT 1 FROM command_log WHERE comment_id = ? AND position = ?)")) {
                insert.setLong(1, commentId);
                insert.setInt(2, position);
                insert.setString(3, prKey);
                insert.setString(4, actor);
                insert.setString(5, cut(command, MAX_COMMAND));
                insert.setString(6, outcome.name());
                insert.setString(7, cut(detail, MAX_DETAIL));
                insert.setBoolean(8, changed);
                insert.setLong(9, now);
                insert.setLong(10, commentId);
                insert.setInt(11, position);
                return insert.executeUpdate();
            }
        });
    }

    /** The commands of one comment already logged, by position. */
    public List<Entry> ofComment(long commentId) {
        return query("SELECT * FROM command_log WHERE comment_id = ? ORDER BY position", query -> query.setLong(1, commentId));
    }

    /** Every command given on a pull request, oldest first. */
    public List<Entry> ofPullRequest(String prKey) {
        return query("SELECT * FROM command_log WHERE pr_key = ? ORDER BY logged_at, comment_id, position",
                query -> query.setString(1, prKey));
    }

    @FunctionalInterface
    private interface Parameters {
        void bind(PreparedStatement query) throws SQLException;
    }

    private List<Entry> query(String sql, Parameters parameters) {
        return store.transaction(connection -> {
            var entries = new ArrayList<Entry>();
            try (var query = connection.prepareStatement(sql)) {
                parameters.bind(query);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new Entry(rows.getLong("comment_id"), rows.getInt("position"), rows.getString("pr_key"),
                                rows.getString("actor"), rows.getString("command"), Outcome.valueOf(rows.getString("outcome")),
                                rows.getString("detail"), rows.getBoolean("changed"), rows.getLong("logged_at")));
                    }
                }
            }
            return entries;
        });
    }

    /** Whether the bot already replied to a comment. */
    public boolean replied(long commentId) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT 1 FROM command_replies WHERE comment_id = ?")) {
                query.setLong(1, commentId);
                try (ResultSet rows = query.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    public void recordReply(long commentId) {
        long now = store.now();
        store.transaction(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO command_replies (comment_id, replied_at) SELECT ?, ? "
                    + "WHERE NOT EXISTS (SELECT 1 FROM command_replies WHERE comment_id = ?)")) {
                insert.setLong(1, commentId);
                insert.setLong(2, now);
                insert.setLong(3, commentId);
                return insert.executeUpdate();
            }
        });
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}

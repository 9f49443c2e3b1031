package dev.migrationreview.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the store's own schema migrations ({@code V<n>__<name>.sql} beside this class) in
 * order, each in its own transaction together with its row in {@code store_schema}, so a second
 * instance starting at the same time fails that transaction instead of applying a step twice.
 */
final class StoreMigrations {

    /** Every step, oldest first. A released step is never edited: add a new one. */
    static final List<String> STEPS = List.of("V1__deliveries_and_reviews.sql", "V2__slash_commands.sql", "V3__proof_requests.sql",
            "V4__job_queue.sql", "V5__healing.sql");

    void apply(Store store) {
        store.transaction(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS store_schema ("
                        + "version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL, applied_at BIGINT NOT NULL)");
            }
            return null;
        });
        int current = store.transaction(StoreMigrations::currentVersion);
        for (String step : STEPS) {
            int version = versionOf(step);
            if (version <= current) {
                continue;
            }
            String script = read(step);
            store.transaction(connection -> {
                try (var statement = connection.createStatement()) {
                    for (String sql : statements(script)) {
                        statement.execute(sql);
                    }
                }
                try (var insert = connection.prepareStatement(
                        "INSERT INTO store_schema (version, script, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, version);
                    insert.setString(2, step);
                    insert.setLong(3, store.now());
                    insert.executeUpdate();
                }
                return null;
            });
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM store_schema")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    static int versionOf(String step) {
        return Integer.parseInt(step.substring(1, step.indexOf("__")));
    }

    private static String read(String step) {
        try (InputStream in = StoreMigrations.class.getResourceAsStream(step)) {
            if (in == null) {
                throw new StoreException("store migration " + step + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read store migration " + step, e);
        }
    }

    /** The script's statements: our own scripts keep comments on their own lines and end statements with ';'. */
    static List<String> statements(String script) {
        var statements = new ArrayList<String>();
        var current = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String sql = current.toString().strip();
                statements.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new StoreException("store migration has an unterminated statement: " + current.toString().strip());
        }
        return statements;
    }
}

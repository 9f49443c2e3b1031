package dev.migrationreview.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The installations of the App and the repositories each may access. */
public final class Installations {

    private final Store store;

    Installations(Store store) {
        this.store = store;
    }

    public record Installation(long id, String account, boolean suspended) {}

    public void save(long id, String account, boolean suspended) {
        long now = store.now();
        store.transaction(connection -> {
            try (var update = connection.prepareStatement(
                    "UPDATE installations SET account = ?, suspended = ?, updated_at = ? WHERE id = ?")) {
                update.setString(1, account);
                update.setBoolean(2, suspended);
                update.setLong(3, now);
                update.setLong(4, id);
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (var insert = connection.prepareStatement(
                    "INSERT INTO installations (id, account, suspended, updated_at) VALUES (?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setString(2, account);
                insert.setBoolean(3, suspended);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            return null;
        });
    }

    /** The first installation after {@code afterId} (by id) that is not suspended, for a rotation through all of them. */
    public Optional<Installation> nextActive(long afterId) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT id, account, suspended FROM installations "
                    + "WHERE id > ? AND suspended = FALSE ORDER BY id FETCH FIRST 1 ROWS ONLY")) {
                query.setLong(1, afterId);
                return first(query);
            }
        });
    }

    public Optional<Installation> find(long id) {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement("SELECT id, account, suspended FROM installations WHERE id = ?")) {
                query.setLong(1, id);
                return first(query);
            }
        });
    }

    private static Optional<Installation> first(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            return rows.next()
                    ? Optional.of(new Installation(rows.getLong(1), rows.getString(2), rows.getBoolean(3)))
                    : Optional.empty();
        }
    }

    /** Removes an installation and its repository list; returns the repositories it had. */
    public List<String> delete(long id) {
        List<String> repositories = repositories(id);
        store.transaction(connection -> {
            try (var repos = connection.prepareStatement("DELETE FROM installation_repositories WHERE installation_id = ?");
                 var installation = connection.prepareStatement("DELETE FROM installations WHERE id = ?")) {
                repos.setLong(1, id);
                repos.executeUpdate();
                installation.setLong(1, id);
                return installation.executeUpdate();
            }
        });
        return repositories;
    }

    public void addRepositories(long id, List<String> repositories) {
        store.transaction(connection -> {
            try (var insert = connection.prepareStatement("INSERT INTO installation_repositories (installation_id, repository) "
                    + "SELECT ?, ? WHERE NOT EXISTS (SELECT 1 FROM installation_repositories "
                    + "WHERE installation_id = ? AND repository = ?)")) {
                for (String repository : repositories) {
                    insert.setLong(1, id);
                    insert.setString(2, repository);
                    insert.setLong(3, id);
                    insert.setString(4, repository);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    public void removeRepositories(long id, List<String> repositories) {
        store.transaction(connection -> {
            try (var delete = connection.prepareStatement(
                    "DELETE FROM installation_repositories WHERE installation_id = ? AND repository = ?")) {
                for (String repository : repositories) {
                    delete.setLong(1, id);
                    delete.setString(2, repository);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            return null;
        });
    }

    public List<String> repositories(long id) {
        return store.transaction(connection -> {
            var repositories = new ArrayList<String>();
            try (var query = connection.prepareStatement(
                    "SELECT repository FROM installation_repositories WHERE installation_id = ? ORDER BY repository")) {
                query.setLong(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        repositories.add(rows.getString(1));
                    }
                }
            }
            return repositories;
        });
    }
}

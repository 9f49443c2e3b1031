package dev.migrationreview.store;

import java.sql.ResultSet;
import java.util.Optional;

/** The App registration created through the manifest flow; at most one. */
public final class AppRegistrations {

    private final Store store;

    AppRegistrations(Store store) {
        this.store = store;
    }

    /** What GitHub returned for a new App; the key and secret are secrets and never printed. */
    public record AppRegistration(long appId, String slug, String htmlUrl, String privateKeyPem, String webhookSecret) {
        @Override
        public String toString() {
            return "AppRegistration[appId=" + appId + ", slug=" + slug + "]";
        }
    }

    public void save(AppRegistration registration) {
        long now = store.now();
        store.transaction(connection -> {
            try (var delete = connection.prepareStatement("DELETE FROM app_registration WHERE id = 1")) {
                delete.executeUpdate();
            }
            try (var insert = connection.prepareStatement("INSERT INTO app_registration "
                    + "(id, app_id, slug, html_url, private_key, webhook_secret, created_at) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
                insert.setLong(1, registration.appId());
                insert.setString(2, registration.slug());
                insert.setString(3, registration.htmlUrl());
                insert.setString(4, registration.privateKeyPem());
                insert.setString(5, registration.webhookSecret());
                insert.setLong(6, now);
                return insert.executeUpdate();
            }
        });
    }

    public Optional<AppRegistration> find() {
        return store.transaction(connection -> {
            try (var query = connection.prepareStatement(
                    "SELECT app_id, slug, html_url, private_key, webhook_secret FROM app_registration WHERE id = 1");
                 ResultSet rows = query.executeQuery()) {
                return rows.next()
                        ? Optional.of(new AppRegistration(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), rows.getString(5)))
                        : Optional.<AppRegistration>empty();
            }
        });
    }
}

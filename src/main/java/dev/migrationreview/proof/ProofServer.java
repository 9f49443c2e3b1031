package dev.migrationreview.proof;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A PostgreSQL server that proofs run against. Each proof gets a fresh database that is dropped
 * afterwards; nothing else on the server is touched.
 */
public interface ProofServer extends AutoCloseable {

    /** Creates an empty database for one proof. */
    ProofDatabase createDatabase() throws SQLException;

    /** The server's version, e.g. "PostgreSQL 16.9". */
    String version() throws SQLException;

    @Override
    void close() throws IOException;

    /** Starts the embedded PostgreSQL shipped with the bot: no install, no configuration. */
    static ProofServer embedded(Path workingDirectory) throws IOException {
        return new Embedded(EmbeddedPostgres.builder().setOverrideWorkingDirectory(workingDirectory.toFile()).start());
    }

    /**
     * A server named explicitly for proofs. Its host must be one the operator allowed, so a
     * repository's configuration cannot point the bot at an arbitrary database: hosts are
     * compared whole, after {@link StagingServerUrl#normalizeHost} on both sides. New databases are
     * created from the URL's database as a template (a sanitised snapshot).
     */
    static ProofServer configured(String jdbcUrl, Properties credentials, Set<String> allowedHosts) {
        StagingServerUrl url = StagingServerUrl.parse(jdbcUrl);
        Set<String> allowed = allowedHosts.stream().map(StagingServerUrl::normalizeHost).collect(Collectors.toSet());
        if (!allowed.contains(url.host())) {
            throw new IllegalArgumentException("proof server host '" + url.host() + "' is not in the operator's allowed list "
                    + "(MIGRATION_REVIEW_PROOF_HOSTS)");
        }
        return new Configured(url, credentials);
    }

    private static String freshName() {
        return "proof_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** The embedded server: one per bot process, databases created and dropped per proof. */
    final class Embedded implements ProofServer {
        private final EmbeddedPostgres postgres;

        Embedded(EmbeddedPostgres postgres) {
            this.postgres = postgres;
        }

        @Override
        public ProofDatabase createDatabase() throws SQLException {
            String name = freshName();
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 var st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + name);
            }
            return new ProofDatabase(name, () -> postgres.getDatabase("postgres", name).getConnection(), () -> drop(name));
        }

        private void drop(String name) throws SQLException {
            try (Connection admin = postgres.getPostgresDatabase().getConnection();
                 var st = admin.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }

        @Override
        public String version() throws SQLException {
            try (Connection c = postgres.getPostgresDatabase().getConnection();
                 var rs = c.createStatement().executeQuery("SHOW server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1);
            }
        }

        @Override
        public void close() throws IOException {
            postgres.close();
        }
    }

    /** A staging server the operator allowed; the configured database is the template of each proof database. */
    final class Configured implements ProofServer {
        private final StagingServerUrl url;
        private final Properties credentials;

        Configured(StagingServerUrl url, Properties credentials) {
            this.url = url;
            this.credentials = credentials;
        }

        @Override
        public ProofDatabase createDatabase() throws SQLException {
            String name = freshName();
            try (Connection admin = connect(url.database()); var st = admin.createStatement()) {
                st.execute("CREATE DATABASE " + name + " TEMPLATE \"" + url.database().replace("\"", "\"\"") + "\"");
            }
            return new ProofDatabase(name, () -> connect(name), () -> {
                try (Connection admin = connect(url.database()); var st = admin.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            });
        }

        private Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(url.jdbcUrl(database), credentials);
        }

        @Override
        public String version() throws SQLException {
            try (Connection c = connect(url.database());
                 var rs = c.createStatement().executeQuery("SHOW server_version")) {
                rs.next();
                return "PostgreSQL " + rs.getString(1);
            }
        }

        @Override
        public void close() {
            // Nothing to stop: the server belongs to the operator.
        }
    }
}

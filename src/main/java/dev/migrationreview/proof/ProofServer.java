package dev.migrationreview.proof;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

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
     * repository's configuration cannot point the bot at an arbitrary database. New databases are
     * created from the URL's database as a template (a sanitised snapshot).
     */
    static ProofServer configured(String jdbcUrl, Properties credentials, Set<String> allowedHosts) {
        String host = hostOf(jdbcUrl);
        if (!allowedHosts.contains(host.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("proof server host '" + host + "' is not in the operator's allowed list");
        }
        return new Configured(jdbcUrl, credentials);
    }

    private static String hostOf(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("proof server URL must be a jdbc:postgresql:// URL");
        }
        String host = URI.create(jdbcUrl.substring("jdbc:".length())).getHost();
        if (host == null) {
            throw new IllegalArgumentException("proof server URL names no host");
        }
        return host;
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
        private final String jdbcUrl;
        private final Properties credentials;

        Configured(String jdbcUrl, Properties credentials) {
            this.jdbcUrl = jdbcUrl;
            this.credentials = credentials;
        }

        @Override
        public ProofDatabase createDatabase() throws SQLException {
            String name = freshName();
            String template;
            try (Connection admin = DriverManager.getConnection(jdbcUrl, credentials)) {
                template = admin.getCatalog();
                try (var st = admin.createStatement()) {
                    st.execute("CREATE DATABASE " + name + " TEMPLATE \"" + template.replace("\"", "\"\"") + "\"");
                }
            }
            String url = jdbcUrl.replaceFirst("/" + java.util.regex.Pattern.quote(template) + "(?=$|\\?)", "/" + name);
            return new ProofDatabase(name, () -> DriverManager.getConnection(url, credentials), () -> {
                try (Connection admin = DriverManager.getConnection(jdbcUrl, credentials); var st = admin.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                }
            });
        }

        @Override
        public String version() throws SQLException {
            try (Connection c = DriverManager.getConnection(jdbcUrl, credentials);
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

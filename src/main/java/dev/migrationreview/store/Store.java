package dev.migrationreview.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.migrationreview.redaction.Redaction;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Objects;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The bot's database: an embedded H2 file by default (nothing to install), PostgreSQL when a JDBC
 * URL is configured. Opening it applies the store's own schema migrations.
 */
public final class Store implements AutoCloseable {

    /** Connections per process: the webhook intake, the workers and the job queue's poller share them. */
    private static final int MAX_CONNECTIONS = 16;

    private final HikariDataSource pool;
    private final Clock clock;

    private Store(DataSource source, Clock clock) {
        // HikariCP hands a returned connection to the next waiting request. H2's own pool, used
        // before, had waiters sleep and retry: under a burst of webhooks some waited seconds.
        var config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("migration-review-store");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setConnectionTimeout(30_000);
        try {
            this.pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable reason = e.getCause() == null ? e : e.getCause();
            throw new StoreException("store: " + reason.getMessage(), reason);
        }
        this.clock = clock;
    }

    /**
     * Opens the store described by {@code settings} and brings its schema up to date.
     *
     * @throws StoreException when the database cannot be reached or migrated
     */
    public static Store open(StoreSettings settings, Clock clock) {
        var store = new Store(dataSource(settings), clock);
        try {
            new StoreMigrations().apply(store);
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** An embedded store in {@code folder} (created when missing). */
    public static StoreSettings embedded(Path folder) {
        return new StoreSettings(embeddedUrl(folder), "", "");
    }

    static String embeddedUrl(Path folder) {
        // retry: H2's file channel is closed when a thread using it is interrupted; this file
        // system reopens it. WRITE_DELAY=0: a commit reaches the file before the webhook is
        // acknowledged, so a killed process loses nothing it answered 202 for (H2 otherwise
        // writes up to a second later). FILE_LOCK=FS: the operating system releases the lock
        // when a killed process dies, so a restarted bot opens its store at once.
        return "jdbc:h2:retry:" + folder.toAbsolutePath().resolve("migration-review")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;FILE_LOCK=FS;WRITE_DELAY=0";
    }

    private static DataSource dataSource(StoreSettings settings) {
        String url = settings.jdbcUrl();
        if (url.startsWith("jdbc:h2:")) {
            var h2 = new JdbcDataSource();
            h2.setURL(url);
            h2.setUser(settings.user());
            h2.setPassword(settings.password());
            return h2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            var postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            if (!settings.user().isEmpty()) {
                postgres.setUser(settings.user());
            }
            if (!settings.password().isEmpty()) {
                postgres.setPassword(settings.password());
            }
            return postgres;
        }
        throw new StoreException("unsupported database URL (expected jdbc:h2: or jdbc:postgresql:): " + Redaction.redact(url));
    }

    long now() {
        return clock.millis();
    }

    /** Runs {@code work} in one transaction, committed when it returns and rolled back when it throws. */
    public <T> T transaction(SqlWork<T> work) {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("store: " + Redaction.redact(e.getMessage()), e);
        }
    }

    /** Whether the database answers; used by the readiness probe. */
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    public Deliveries deliveries() {
        return new Deliveries(this);
    }

    public ReviewRuns reviewRuns() {
        return new ReviewRuns(this);
    }

    public PullRequestRecords pullRequests() {
        return new PullRequestRecords(this);
    }

    public Installations installations() {
        return new Installations(this);
    }

    public PullRequestDecisions decisions() {
        return new PullRequestDecisions(this);
    }

    public CommandLog commandLog() {
        return new CommandLog(this);
    }

    public Retention retention() {
        return new Retention(this);
    }

    public WritePacing writePacing() {
        return new WritePacing(this);
    }

    /** The pooled connections, for the job queue, which keeps its own table in this database. */
    public DataSource dataSource() {
        return pool;
    }

    public AppRegistrations appRegistrations() {
        return new AppRegistrations(this);
    }

    public RedeliveryRequests redeliveryRequests() {
        return new RedeliveryRequests(this);
    }

    public HealingJobs healingJobs() {
        return new HealingJobs(this);
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Work done with one connection inside a transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Where the store lives; user and password may be empty (embedded, or given in the URL). The
     * password is remembered for {@link Redaction}, and the URL is shown only redacted.
     */
    public record StoreSettings(String jdbcUrl, String user, String password) {
        public StoreSettings {
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Redaction.remember(password);
        }

        @Override
        public String toString() {
            return "StoreSettings[" + Redaction.redact(jdbcUrl) + "]";
        }
    }
}

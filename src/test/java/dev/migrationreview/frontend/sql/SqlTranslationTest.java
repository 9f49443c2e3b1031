package dev.migrationreview.frontend.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.Operation.SetTimeout.Timeout;
import dev.migrationreview.operation.TableRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Statements through the whole SQL frontend (whichever parser answers) into operations. */
class SqlTranslationTest {

    private static final SqlFrontend FRONTEND = new SqlFrontend();

    static List<Operation> pg(String sql) {
        return ops(sql, DatabaseKind.POSTGRESQL);
    }

    static List<Operation> mysql(String sql) {
        return ops(sql, DatabaseKind.MYSQL);
    }

    static List<Operation> ops(String sql, DatabaseKind kind) {
        List<Statement> statements = FRONTEND.parseSql(sql, Dialect.of(kind, "test"), 1, Statement.Section.UP);
        assertThat(statements).allSatisfy(s -> assertThat(s.isUnparsed()).as(s.text() + " " + s.operations()).isFalse());
        return statements.stream().flatMap(s -> s.operations().stream()).toList();
    }

    static Operation one(String sql) {
        return assertSingle(pg(sql));
    }

    static Operation assertSingle(List<Operation> operations) {
        assertThat(operations).hasSize(1);
        return operations.get(0);
    }

    @Test
    void createTableWithColumnsAndConstraints() {
        var create = (Operation.CreateTable) one("""
                CREATE TABLE IF NOT EXISTS app.users (
                  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                  email varchar(255) NOT NULL DEFAULT '',
                  org_id int4 REFERENCES orgs (id) ON DELETE CASCADE,
                  tags text[],
                  total numeric(10, 2) GENERATED ALWAYS AS (price * qty) STORED,
                  "Mixed" timestamptz DEFAULT now(),
                  CONSTRAINT users_email_key UNIQUE (email),
                  CHECK (total >= 0)
                )""");
        assertThat(create.table()).isEqualTo(TableRef.of("app", "users"));
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.columns()).extracting(ColumnDef::name)
                .containsExactly("id", "email", "org_id", "tags", "total", "Mixed");
        ColumnDef id = create.columns().get(0);
        assertThat(id.generated()).contains(ColumnDef.Generated.IDENTITY_ALWAYS);
        assertThat(id.primaryKey()).isTrue();
        ColumnDef email = create.columns().get(1);
        assertThat(email.type()).contains(DataType.of("character varying", "255"));
        assertThat(email.notNull()).isTrue();
        assertThat(email.defaultValue().orElseThrow().expression()).isEqualTo("''");
        assertThat(create.columns().get(2).references())
                .contains(new ForeignKeyTarget(TableRef.of("orgs"), List.of("id")));
        assertThat(create.columns().get(2).type()).contains(DataType.of("integer"));
        assertThat(create.columns().get(3).type().orElseThrow().array()).isTrue();
        assertThat(create.columns().get(4).generated()).contains(ColumnDef.Generated.STORED);
        assertThat(create.columns().get(5).type()).contains(DataType.of("timestamp with time zone"));
        assertThat(create.constraints()).extracting(ConstraintDef::kind)
                .containsExactly(ConstraintDef.Kind.UNIQUE, ConstraintDef.Kind.CHECK);
        assertThat(create.constraints().get(0).name()).contains("users_email_key");
    }

    @Test
    void createTableVariants() {
        var temp = (Operation.CreateTable) one("CREATE TEMP TABLE t (id int)");
        assertThat(temp.temporary()).isTrue();
        var asSelect = (Operation.CreateTable) one("CREATE TABLE t2 AS SELECT * FROM t");
        assertThat(asSelect.asSelect()).isTrue();
        var partition = (Operation.CreateTable) one("CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
        assertThat(partition.partitionOf()).contains(TableRef.of("m"));
        var mysql = (Operation.CreateTable) assertSingle(mysql("""
                CREATE TABLE `t` (
                  `id` int unsigned NOT NULL AUTO_INCREMENT,
                  `name` varchar(64) COLLATE utf8mb4_bin DEFAULT NULL COMMENT 'the name',
                  PRIMARY KEY (`id`),
                  KEY `idx_name` (`name`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4"""));
        assertThat(mysql.columns().get(0).generated()).contains(ColumnDef.Generated.AUTO_INCREMENT);
        assertThat(mysql.constraints()).extracting(ConstraintDef::kind).containsExactly(ConstraintDef.Kind.PRIMARY_KEY);
    }

    @Test
    void alterTableYieldsOneOperationPerAction() {
        var ops = pg("""
                ALTER TABLE users
                  ADD COLUMN IF NOT EXISTS age int NOT NULL DEFAULT 0,
                  DROP COLUMN IF EXISTS legacy CASCADE,
                  ALTER COLUMN name TYPE text USING name::text,
                  ALTER COLUMN a SET DEFAULT random(),
                  ALTER COLUMN b DROP DEFAULT,
                  ALTER COLUMN c SET NOT NULL,
                  ALTER COLUMN d DROP NOT NULL,
                  ADD CONSTRAINT fk FOREIGN KEY (org_id) REFERENCES orgs (id) NOT VALID,
                  ADD CONSTRAINT positive CHECK (age >= 0) NOT VALID,
                  DROP CONSTRAINT IF EXISTS old_fk,
                  VALIDATE CONSTRAINT other_fk""");
        assertThat(ops).hasSize(11);
        assertThat(ops.get(0)).isEqualTo(new Operation.AddColumn(TableRef.of("users"), new ColumnDef("age",
                Optional.of(DataType.of("integer")), true, Optional.of(new dev.migrationreview.operation.DefaultValue("0")),
                false, false, Optional.empty(), Optional.empty(), Optional.empty()), true));
        assertThat(ops.get(1)).isEqualTo(new Operation.DropColumn(TableRef.of("users"), "legacy", true, true));
        assertThat(ops.get(2)).isEqualTo(new Operation.AlterColumnType(TableRef.of("users"), "name", DataType.of("text"),
                Optional.of("name::text"), Optional.empty()));
        assertThat(((Operation.SetColumnDefault) ops.get(3)).value().orElseThrow().isVolatile()).isTrue();
        assertThat(ops.get(4)).isEqualTo(new Operation.SetColumnDefault(TableRef.of("users"), "b", Optional.empty()));
        assertThat(ops.get(5)).isEqualTo(new Operation.SetNotNull(TableRef.of("users"), "c"));
        assertThat(ops.get(6)).isEqualTo(new Operation.DropNotNull(TableRef.of("users"), "d"));
        var fk = (Operation.AddConstraint) ops.get(7);
        assertThat(fk.notValid()).isTrue();
        assertThat(fk.tables()).containsExactly(TableRef.of("users"), TableRef.of("orgs"));
        assertThat(((Operation.AddConstraint) ops.get(8)).constraint().kind()).isEqualTo(ConstraintDef.Kind.CHECK);
        assertThat(ops.get(9)).isEqualTo(new Operation.DropConstraint(TableRef.of("users"), "old_fk", true));
        assertThat(ops.get(10)).isEqualTo(new Operation.ValidateConstraint(TableRef.of("users"), "other_fk"));
    }

    @Test
    void alterTableRenamesPartitionsAndUsingIndex() {
        assertThat(one("ALTER TABLE a RENAME COLUMN x TO y")).isEqualTo(new Operation.RenameColumn(TableRef.of("a"), "x", "y"));
        assertThat(one("ALTER TABLE a RENAME TO b")).isEqualTo(new Operation.RenameTable(TableRef.of("a"), "b"));
        assertThat(one("ALTER TABLE m ATTACH PARTITION m_1 FOR VALUES IN (1)"))
                .isEqualTo(new Operation.AttachPartition(TableRef.of("m"), TableRef.of("m_1")));
        assertThat(one("ALTER TABLE m DETACH PARTITION m_1 CONCURRENTLY"))
                .isEqualTo(new Operation.DetachPartition(TableRef.of("m"), TableRef.of("m_1"), true));
        var pk = (Operation.AddConstraint) one("ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx");
        assertThat(pk.constraint().usingIndex()).contains("t_id_idx");
        assertThat(pk.constraint().kind()).isEqualTo(ConstraintDef.Kind.PRIMARY_KEY);
        assertThat(one("ALTER TABLE t OWNER TO admin")).isInstanceOf(Operation.OtherDdl.class);
        var exclude = (Operation.AddConstraint) one("ALTER TABLE r ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&)");
        assertThat(exclude.constraint().kind()).isEqualTo(ConstraintDef.Kind.EXCLUSION);
    }

    @Test
    void mysqlAlterTable() {
        var ops = mysql("ALTER TABLE t MODIFY COLUMN name varchar(512) NOT NULL, CHANGE old_col new_col bigint, "
                + "ADD INDEX idx_a (a), ADD UNIQUE KEY uk_b (b), DROP INDEX idx_c, ALGORITHM=INPLACE, LOCK=NONE");
        assertThat(ops).hasSize(7);
        var modify = (Operation.AlterColumnType) ops.get(0);
        assertThat(modify.newType()).isEqualTo(DataType.of("character varying", "512"));
        assertThat(modify.mysqlDefinition().orElseThrow().notNull()).isTrue();
        assertThat(ops.get(1)).isEqualTo(new Operation.RenameColumn(TableRef.of("t"), "old_col", "new_col"));
        assertThat(((Operation.AlterColumnType) ops.get(2)).newType()).isEqualTo(DataType.of("bigint"));
        assertThat(ops.get(3)).isEqualTo(new Operation.CreateIndex(Optional.of("idx_a"), TableRef.of("t"), List.of("a"),
                false, false, false, false, Optional.empty()));
        assertThat(((Operation.CreateIndex) ops.get(4)).unique()).isTrue();
        assertThat(ops.get(5)).isEqualTo(new Operation.DropIndex(List.of("idx_c"), Optional.of(TableRef.of("t")), false,
                false, false));
        assertThat(ops.get(6)).isEqualTo(new Operation.MysqlAlterOptions(TableRef.of("t"), Optional.of("INPLACE"),
                Optional.of("NONE")));
        assertThat(assertSingle(mysql("RENAME TABLE a TO b"))).isEqualTo(new Operation.RenameTable(TableRef.of("a"), "b"));
    }

    @Test
    void indexes() {
        assertThat(one("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS idx ON ONLY public.users USING gin (lower(email), id) WHERE deleted_at IS NULL"))
                .isEqualTo(new Operation.CreateIndex(Optional.of("idx"), TableRef.of("public", "users"),
                        List.of("lower(email)", "id"), true, true, true, true, Optional.of("gin")));
        assertThat(one("DROP INDEX CONCURRENTLY IF EXISTS a, b CASCADE"))
                .isEqualTo(new Operation.DropIndex(List.of("a", "b"), Optional.empty(), true, true, true));
        assertThat(one("ALTER INDEX i RENAME TO j")).isEqualTo(new Operation.RenameIndex("i", "j"));
        assertThat(one("REINDEX INDEX CONCURRENTLY i")).isEqualTo(new Operation.Reindex("INDEX", "i", true));
        assertThat(one("REINDEX TABLE t").tables()).containsExactly(TableRef.of("t"));
    }

    @Test
    void dropsAndTruncate() {
        assertThat(one("DROP TABLE IF EXISTS a, b CASCADE"))
                .isEqualTo(new Operation.DropTable(List.of(TableRef.of("a"), TableRef.of("b")), true, true));
        assertThat(one("DROP SCHEMA s CASCADE")).isEqualTo(new Operation.DropSchema("s", true));
        assertThat(one("DROP DATABASE d")).isEqualTo(new Operation.DropDatabase("d"));
        assertThat(one("TRUNCATE TABLE a, b RESTART IDENTITY CASCADE"))
                .isEqualTo(new Operation.Truncate(List.of(TableRef.of("a"), TableRef.of("b")), true));
    }

    @Test
    void typesDomainsTriggersAndLocks() {
        assertThat(one("CREATE TYPE \"Mood\" AS ENUM ('sad', 'happy')"))
                .isEqualTo(new Operation.CreateEnum("Mood", List.of("sad", "happy")));
        assertThat(one("ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ok' BEFORE 'happy'"))
                .isEqualTo(new Operation.AddEnumValue("mood", "ok", true));
        assertThat(one("ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'"))
                .isEqualTo(new Operation.RenameEnumValue("mood", "sad", "blue"));
        assertThat(((Operation.AlterDomain) one("ALTER DOMAIN positive ADD CONSTRAINT p CHECK (VALUE > 0) NOT VALID")).notValid())
                .isTrue();
        assertThat(one("CREATE TRIGGER trg BEFORE UPDATE OF a ON t FOR EACH ROW EXECUTE FUNCTION f()"))
                .isEqualTo(new Operation.CreateTrigger("trg", TableRef.of("t")));
        assertThat(one("LOCK TABLE t IN SHARE ROW EXCLUSIVE MODE"))
                .isEqualTo(new Operation.LockTable(List.of(TableRef.of("t")), "SHARE ROW EXCLUSIVE"));
    }

    @Test
    void timeoutsAndParameters() {
        assertThat(one("SET lock_timeout = '5s'")).isEqualTo(new Operation.SetTimeout(Timeout.LOCK, Optional.of(Duration.ofSeconds(5)), false));
        assertThat(one("SET LOCAL statement_timeout TO 5000"))
                .isEqualTo(new Operation.SetTimeout(Timeout.STATEMENT, Optional.of(Duration.ofSeconds(5)), true));
        assertThat(one("SET lock_timeout TO '1min'")).isEqualTo(new Operation.SetTimeout(Timeout.LOCK, Optional.of(Duration.ofMinutes(1)), false));
        assertThat(one("SET statement_timeout = 0")).isEqualTo(new Operation.SetTimeout(Timeout.STATEMENT, Optional.of(Duration.ZERO), false));
        assertThat(one("SET lock_timeout TO DEFAULT")).isEqualTo(new Operation.SetTimeout(Timeout.LOCK, Optional.empty(), false));
        assertThat(assertSingle(mysql("SET SESSION lock_wait_timeout = 5")))
                .isEqualTo(new Operation.SetTimeout(Timeout.LOCK, Optional.of(Duration.ofSeconds(5)), false));
        assertThat(assertSingle(mysql("SET max_execution_time = 2000")))
                .isEqualTo(new Operation.SetTimeout(Timeout.STATEMENT, Optional.of(Duration.ofSeconds(2)), false));
        assertThat(one("SET search_path TO public, other")).isEqualTo(new Operation.SetParameter("search_path", "public, other"));
    }

    @Test
    void transactionControl() {
        assertThat(pg("BEGIN; START TRANSACTION; COMMIT; END; ROLLBACK; SAVEPOINT s; RELEASE SAVEPOINT s; ROLLBACK TO SAVEPOINT s"))
                .extracting(o -> ((Operation.Transaction) o).control())
                .containsExactly(Operation.Transaction.Control.BEGIN, Operation.Transaction.Control.BEGIN,
                        Operation.Transaction.Control.COMMIT, Operation.Transaction.Control.COMMIT,
                        Operation.Transaction.Control.ROLLBACK, Operation.Transaction.Control.SAVEPOINT,
                        Operation.Transaction.Control.RELEASE, Operation.Transaction.Control.SAVEPOINT);
    }

    @Test
    void dataChangesKnowWhereAndBatching() {
        assertThat(one("UPDATE users SET a = 1")).isEqualTo(dataChange(Operation.DataChange.Kind.UPDATE, false, false));
        assertThat(one("UPDATE users SET a = 1 WHERE b IS NULL")).isEqualTo(dataChange(Operation.DataChange.Kind.UPDATE, true, false));
        assertThat(one("UPDATE users SET a = 1 WHERE id >= 1000 AND id < 2000"))
                .isEqualTo(dataChange(Operation.DataChange.Kind.UPDATE, true, true));
        assertThat(one("DELETE FROM users WHERE id IN (SELECT id FROM users WHERE old LIMIT 1000)"))
                .isEqualTo(dataChange(Operation.DataChange.Kind.DELETE, true, true));
        assertThat(one("UPDATE users SET a = 1 WHERE data->>'x' <> 'y'"))
                .isEqualTo(dataChange(Operation.DataChange.Kind.UPDATE, true, false));
        assertThat(assertSingle(mysql("UPDATE users SET a = 1 WHERE b = 2 LIMIT 500")))
                .isEqualTo(dataChange(Operation.DataChange.Kind.UPDATE, true, true));
        assertThat(one("INSERT INTO users (id) VALUES (1) ON CONFLICT DO NOTHING"))
                .isEqualTo(dataChange(Operation.DataChange.Kind.INSERT, false, false));
        assertThat(one("WITH doomed AS (SELECT id FROM users) DELETE FROM users WHERE id IN (SELECT id FROM doomed)"))
                .isEqualTo(dataChange(Operation.DataChange.Kind.DELETE, true, false));
        assertThat(one("MERGE INTO users u USING src s ON u.id = s.id WHEN MATCHED THEN UPDATE SET a = s.a"))
                .isEqualTo(dataChange(Operation.DataChange.Kind.MERGE, false, false));
    }

    private static Operation dataChange(Operation.DataChange.Kind kind, boolean where, boolean batch) {
        return new Operation.DataChange(kind, TableRef.of("users"), where, batch);
    }

    @Test
    void queriesMaintenanceAndOtherDdl() {
        assertThat(pg("SELECT 1; DO $$ BEGIN END $$; CALL p(); EXPLAIN SELECT 1"))
                .containsExactly(new Operation.Query("SELECT"), new Operation.OpaqueCode("a DO block runs procedural code"),
                        new Operation.OpaqueCode("CALL runs a stored procedure"),
                        new Operation.Query("EXPLAIN"));
        assertThat(pg("VACUUM (FULL, ANALYZE) t; ANALYZE t; CLUSTER t USING i"))
                .containsExactly(new Operation.Maintenance("VACUUM FULL", List.of(TableRef.of("t"))),
                        new Operation.Maintenance("ANALYZE", List.of(TableRef.of("t"))),
                        new Operation.Maintenance("CLUSTER", List.of(TableRef.of("t"))));
        assertThat(pg("""
                CREATE OR REPLACE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql;
                CREATE VIEW v AS SELECT 1;
                CREATE MATERIALIZED VIEW mv AS SELECT 1;
                CREATE SCHEMA IF NOT EXISTS s;
                CREATE EXTENSION IF NOT EXISTS "uuid-ossp";
                CREATE SEQUENCE seq;
                ALTER SEQUENCE seq RESTART WITH 10;
                COMMENT ON COLUMN users.email IS 'mail';
                GRANT SELECT ON users TO reader;
                REVOKE ALL ON users FROM reader
                """)).extracting(o -> ((Operation.OtherDdl) o).kind())
                .containsExactly("CREATE FUNCTION", "CREATE VIEW", "CREATE MATERIALIZED VIEW", "CREATE SCHEMA",
                        "CREATE EXTENSION", "CREATE SEQUENCE", "ALTER SEQUENCE", "COMMENT ON COLUMN", "GRANT", "REVOKE");
    }

    @Test
    void identifiersAreFoldedAndPlaceholdersKept() {
        assertThat(one("ALTER TABLE \"Public\".\"Users\" ADD COLUMN \"Name\" TEXT").tables())
                .containsExactly(TableRef.of("Public", "Users"));
        assertThat(one("ALTER TABLE Public.USERS DROP COLUMN x").tables()).containsExactly(TableRef.of("public", "users"));
        assertThat(one("CREATE INDEX i ON ${schema}.users (a)").tables()).containsExactly(TableRef.of("${schema}", "users"));
    }

    @Test
    void unknownStatementsAreUnparsedWithAReasonAndTheRestIsRead() {
        List<Statement> statements = FRONTEND.parseSql("FROBNICATE the table;\nALTER TABLE a ADD COLUMN b int;",
                Dialect.defaultPostgres(), 1, Statement.Section.UP);
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).isUnparsed()).isTrue();
        assertThat(((Operation.Unparsed) statements.get(0).operations().get(0)).reason()).isNotBlank();
        assertThat(statements.get(1).operations()).singleElement().isInstanceOf(Operation.AddColumn.class);
    }
}

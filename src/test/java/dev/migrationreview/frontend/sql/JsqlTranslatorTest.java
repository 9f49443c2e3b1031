package dev.migrationreview.frontend.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSqlParser path on its own, for statements the strict keyword parser would otherwise answer first. */
class JsqlTranslatorTest {

    private static List<Operation> jsql(String sql, DatabaseKind kind) {
        var piece = SqlSplitter.split(sql, kind, 1, Section.UP, false, false).statements().get(0);
        var result = new JsqlStage().parse(piece, kind);
        assertThat(result.operations()).as(result.failure()).isPresent();
        return result.operations().get();
    }

    private static List<Operation> pg(String sql) {
        return jsql(sql, DatabaseKind.POSTGRESQL);
    }

    @Test
    void createTable() {
        var create = (Operation.CreateTable) pg("""
                CREATE TABLE orders (id bigserial PRIMARY KEY, user_id int NOT NULL REFERENCES users (id),
                  note varchar(20) DEFAULT 'x', CONSTRAINT orders_fk FOREIGN KEY (user_id) REFERENCES users (id),
                  UNIQUE (note))""").get(0);
        assertThat(create.columns()).hasSize(3);
        assertThat(create.columns().get(0).type()).contains(DataType.of("bigserial"));
        assertThat(create.columns().get(1).notNull()).isTrue();
        assertThat(create.columns().get(2).type()).contains(DataType.of("character varying", "20"));
        assertThat(create.constraints()).extracting(ConstraintDef::kind)
                .containsExactly(ConstraintDef.Kind.FOREIGN_KEY, ConstraintDef.Kind.UNIQUE);
        assertThat(create.constraints().get(0).references().orElseThrow().table()).isEqualTo(TableRef.of("users"));
    }

    @Test
    void alterTableActions() {
        var ops = pg("ALTER TABLE t ADD COLUMN a int NOT NULL DEFAULT 1, DROP COLUMN b, ALTER COLUMN c TYPE bigint, "
                + "ALTER COLUMN d SET NOT NULL, ALTER COLUMN e DROP DEFAULT, ADD CONSTRAINT u UNIQUE (a), "
                + "ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES o (id) NOT VALID");
        assertThat(ops).extracting(o -> o.getClass().getSimpleName()).containsExactly("AddColumn", "DropColumn",
                "AlterColumnType", "SetNotNull", "SetColumnDefault", "AddConstraint", "AddConstraint");
        assertThat(((Operation.AlterColumnType) ops.get(2)).newType()).isEqualTo(DataType.of("bigint"));
        assertThat(((Operation.AddConstraint) ops.get(5)).constraint().name()).contains("u");
        assertThat(((Operation.AddConstraint) ops.get(6)).notValid()).isTrue();
        assertThat(pg("ALTER TABLE t RENAME COLUMN a TO b")).containsExactly(new Operation.RenameColumn(TableRef.of("t"), "a", "b"));
        assertThat(pg("ALTER TABLE t RENAME TO u")).containsExactly(new Operation.RenameTable(TableRef.of("t"), "u"));
    }

    @Test
    void mysqlAlterTable() {
        var ops = jsql("ALTER TABLE t MODIFY COLUMN a varchar(10) NOT NULL, ADD INDEX idx (b), ALGORITHM=INPLACE, LOCK=NONE",
                DatabaseKind.MYSQL);
        assertThat(ops).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("AlterColumnType", "CreateIndex", "MysqlAlterOptions");
        assertThat(((Operation.AlterColumnType) ops.get(0)).mysqlDefinition()).isPresent();
        assertThat(ops.get(2)).isEqualTo(new Operation.MysqlAlterOptions(TableRef.of("t"), Optional.of("INPLACE"),
                Optional.of("NONE")));
    }

    @Test
    void indexesDropsAndData() {
        assertThat(pg("CREATE UNIQUE INDEX CONCURRENTLY i ON t USING btree (a, lower(b)) WHERE c")).containsExactly(
                new Operation.CreateIndex(Optional.of("i"), TableRef.of("t"), List.of("a", "lower(b)"), true, true, true,
                        false, Optional.of("btree")));
        assertThat(pg("DROP TABLE IF EXISTS a CASCADE")).containsExactly(new Operation.DropTable(List.of(TableRef.of("a")), true, true));
        assertThat(pg("DROP INDEX i")).containsExactly(new Operation.DropIndex(List.of("i"), Optional.empty(), false, false, false));
        assertThat(pg("UPDATE t SET a = 1 WHERE id BETWEEN 1 AND 10"))
                .containsExactly(new Operation.DataChange(Operation.DataChange.Kind.UPDATE, TableRef.of("t"), true, true));
        assertThat(pg("INSERT INTO t (a) SELECT a FROM u"))
                .containsExactly(new Operation.DataChange(Operation.DataChange.Kind.INSERT, TableRef.of("t"), false, false));
        assertThat(pg("TRUNCATE a CASCADE")).containsExactly(new Operation.Truncate(List.of(TableRef.of("a")), true));
    }

    @Test
    void typesAndSession() {
        assertThat(pg("CREATE TYPE \"Mood\" AS ENUM ('a', 'b')")).containsExactly(new Operation.CreateEnum("Mood", List.of("a", "b")));
        assertThat(pg("ALTER TYPE \"Mood\" ADD VALUE 'c'")).containsExactly(new Operation.AddEnumValue("Mood", "c", false));
        assertThat(pg("SET statement_timeout = 5000")).containsExactly(new Operation.SetTimeout(
                Operation.SetTimeout.Timeout.STATEMENT, Optional.of(java.time.Duration.ofSeconds(5)), false));
        assertThat(pg("COMMIT")).containsExactly(new Operation.Transaction(Operation.Transaction.Control.COMMIT));
        assertThat(pg("SELECT 1")).containsExactly(new Operation.Query("SELECT"));
        assertThat(pg("CREATE VIEW v AS SELECT 1")).containsExactly(new Operation.OtherDdl("CREATE VIEW", Optional.of(TableRef.of("v"))));
    }

    @Test
    void rejectedStatementsExplainWhy() {
        var piece = SqlSplitter.split("DROP INDEX CONCURRENTLY IF EXISTS i", DatabaseKind.POSTGRESQL, 1, Section.UP, false, false)
                .statements().get(0);
        var result = new JsqlStage().parse(piece, DatabaseKind.POSTGRESQL);
        assertThat(result.operations()).isEmpty();
        assertThat(result.failure()).startsWith("not understood by the SQL parser");
    }
}

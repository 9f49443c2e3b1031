package dev.migrationreview.frontend.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.sql.SqlScript.Piece;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlSplitterTest {

    private static SqlScript pg(String sql) {
        return SqlSplitter.split(sql, DatabaseKind.POSTGRESQL, 1, Section.UP, false, false);
    }

    private static List<String> texts(SqlScript script) {
        return script.statements().stream().map(Piece::text).toList();
    }

    private static List<String> ranges(SqlScript script) {
        return script.statements().stream().map(p -> p.startLine() + "-" + p.endLine()).toList();
    }

    @Test
    void lineRangesCoverStatementTextNotLeadingComments() {
        var script = pg("""
                -- first comment

                /* block
                   comment */
                CREATE TABLE a (
                  id int
                );
                ALTER TABLE a ADD COLUMN b int; ALTER TABLE a ADD COLUMN c int;

                -- trailing comment
                """);
        assertThat(texts(script)).containsExactly("CREATE TABLE a (\n  id int\n)", "ALTER TABLE a ADD COLUMN b int",
                "ALTER TABLE a ADD COLUMN c int");
        assertThat(ranges(script)).containsExactly("5-7", "8-8", "8-8");
    }

    @Test
    void semicolonsInsideStringsIdentifiersAndCommentsDoNotSplit() {
        var script = pg("""
                INSERT INTO t VALUES ('a;b', 'it''s; fine', E'esc\\'; still');
                SELECT "we;ird" FROM t -- not; here
                ;
                SELECT /* a; /* nested; */ still; */ 1;
                """);
        assertThat(script.statements()).hasSize(3);
        assertThat(ranges(script)).containsExactly("1-1", "2-2", "4-4");
    }

    @Test
    void dollarQuotedBodiesStayOneStatement() {
        var script = pg("""
                CREATE FUNCTION f() RETURNS trigger AS $body$
                BEGIN
                  UPDATE t SET x = 1; RETURN NEW;
                END;
                $body$ LANGUAGE plpgsql;
                DO $$ BEGIN PERFORM 1; END $$;
                """);
        assertThat(ranges(script)).containsExactly("1-5", "6-6");
    }

    @Test
    void beginAtomicBodyIsOneStatementButTransactionBeginIsNot() {
        var script = pg("""
                BEGIN;
                CREATE FUNCTION add(a int, b int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                  SELECT CASE WHEN a > 0 THEN a ELSE 0 END;
                  SELECT a + b;
                END;
                COMMIT;
                """);
        assertThat(ranges(script)).containsExactly("1-1", "2-6", "7-7");
    }

    @Test
    void mysqlDelimiterBlocks() {
        var script = SqlSplitter.split("""
                DELIMITER $$
                DROP PROCEDURE IF EXISTS `p`$$
                CREATE PROCEDURE `p`()
                BEGIN
                  IF 1 > 0 THEN SELECT 1; END IF;
                END$$
                DELIMITER ;
                ALTER TABLE t ADD COLUMN x int;
                """, DatabaseKind.MYSQL, 1, Section.UP, false, false);
        assertThat(ranges(script)).containsExactly("2-2", "3-6", "8-8");
        assertThat(script.statements().get(1).text()).endsWith("END");
    }

    @Test
    void mysqlRoutineWithoutDelimiterKeepsItsBody() {
        var script = SqlSplitter.split("""
                CREATE TRIGGER trg BEFORE INSERT ON t FOR EACH ROW
                BEGIN
                  SET NEW.a = 1;
                  IF NEW.b IS NULL THEN SET NEW.b = 2; END IF;
                END;
                SELECT 1;
                """, DatabaseKind.MYSQL, 1, Section.UP, false, false);
        assertThat(ranges(script)).containsExactly("1-5", "6-6");
    }

    @Test
    void gooseSectionsStatementBlocksAndNoTransaction() {
        var script = pg("""
                -- +goose NO TRANSACTION
                -- +goose Up
                CREATE INDEX CONCURRENTLY i ON t (a);
                -- +goose StatementBegin
                CREATE FUNCTION f() RETURNS int AS 'select 1; select 2' LANGUAGE sql;
                SELECT 3;
                -- +goose StatementEnd
                -- +goose Down
                DROP INDEX CONCURRENTLY i;
                """);
        assertThat(ranges(script)).containsExactly("3-3", "5-6", "9-9");
        assertThat(script.statements()).extracting(Piece::section).containsExactly(Section.UP, Section.UP, Section.DOWN);
        assertThat(script.transactional()).contains(false);
    }

    @Test
    void dbmateSections() {
        var script = pg("""
                -- migrate:up transaction:false
                CREATE INDEX CONCURRENTLY i ON t (a);

                -- migrate:down
                DROP INDEX i;
                """);
        assertThat(script.statements()).extracting(Piece::section).containsExactly(Section.UP, Section.DOWN);
        assertThat(script.transactional()).contains(false);
    }

    @Test
    void downFileHasOnlyDownStatements() {
        var script = SqlSplitter.split("-- +goose Up\nDROP TABLE a;\n", DatabaseKind.POSTGRESQL, 1, Section.UP, true, false);
        assertThat(script.statements()).extracting(Piece::section).containsExactly(Section.DOWN);
    }

    @Test
    void liquibaseChangesetsRollbacksAndDelimiters() {
        var script = pg("""
                --liquibase formatted sql

                --changeset alice:1
                CREATE TABLE a (id int);
                --rollback DROP TABLE a;

                --changeset bob:2 runInTransaction:false
                CREATE INDEX CONCURRENTLY i ON a (id);
                --rollback DROP INDEX i;
                --rollback DROP INDEX j;

                --changeset carol:3 splitStatements:false
                CREATE FUNCTION f() RETURNS int AS 'select 1' LANGUAGE sql;
                SELECT f();

                --changeset dave:4 endDelimiter:/
                UPDATE a SET id = 1; UPDATE a SET id = 2
                /
                """);
        assertThat(script.statements()).extracting(p -> p.startLine() + "-" + p.endLine() + " " + p.section())
                .containsExactly("4-4 UP", "5-5 DOWN", "8-8 UP", "9-9 DOWN", "10-10 DOWN", "13-14 UP", "17-17 UP");
        assertThat(script.statements().get(1).text()).isEqualTo("DROP TABLE a");
        assertThat(script.transactional()).contains(false);
    }

    @Test
    void suppressionCommentsBecomeSuppressions() {
        var script = pg("""
                -- migration-review:ignore-file require-concurrent-index table is tiny
                -- migration-review:ignore adding-not-null-column backfilled in V12
                ALTER TABLE a ADD COLUMN b int NOT NULL;
                -- migration-review:ignore lock-timeout
                -- migration-review:ignore
                """);
        assertThat(script.suppressions()).containsExactly(
                new Suppression("require-concurrent-index", Optional.of("table is tiny"), 1, true),
                new Suppression("adding-not-null-column", Optional.of("backfilled in V12"), 2, false),
                new Suppression("lock-timeout", Optional.empty(), 4, false));
        assertThat(script.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(5));
    }

    @Test
    void flywayPlaceholdersStayInTheTextAndParseAsIdentifiers() {
        var script = pg("ALTER TABLE ${schema}.users ADD COLUMN x int;\n");
        Piece piece = script.statements().get(0);
        assertThat(piece.text()).isEqualTo("ALTER TABLE ${schema}.users ADD COLUMN x int");
        assertThat(JsqlStage.parseText(piece, DatabaseKind.POSTGRESQL)).isEqualTo("ALTER TABLE \"${schema}\".users ADD COLUMN x int");
    }

    @Test
    void sqlServerGoSeparatesBatches() {
        var script = SqlSplitter.split("CREATE TABLE a (id int)\nGO\nCREATE TABLE b (id int)\nGO\n",
                DatabaseKind.SQLSERVER, 1, Section.UP, false, false);
        assertThat(ranges(script)).containsExactly("1-1", "3-3");
    }

    @Test
    void unterminatedConstructsBecomeOneStatementWithAReason() {
        var script = pg("SELECT 1;\nSELECT 'open;\nSELECT 2;\n");
        assertThat(ranges(script)).containsExactly("1-1", "2-4");
        assertThat(script.statements().get(1).unterminated()).hasValueSatisfying(r -> assertThat(r)
                .contains("string literal opened on line 2 is never closed"));
        assertThat(pg("SELECT $x$ body").statements().get(0).unterminated()).hasValueSatisfying(r -> assertThat(r)
                .contains("dollar-quoted string $x$"));
        assertThat(pg("SELECT 1 /* /* */").statements().get(0).unterminated()).hasValueSatisfying(r -> assertThat(r)
                .contains("block comment"));
    }

    @Test
    void embeddedSqlKeepsTheEnclosingFilesLineNumbers() {
        var script = SqlSplitter.split("\n  UPDATE t SET a = 1;\n  UPDATE t SET b = 2;", DatabaseKind.POSTGRESQL, 40,
                Section.DOWN, true, false);
        assertThat(ranges(script)).containsExactly("41-41", "42-42");
    }
}

package dev.migrationreview.frontend.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.frontend.Statement.Section;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The keyword-level parser in lenient mode: statements JSqlParser rejects (see STACK-NOTES) and
 * statements with clauses neither parser models still yield their operations.
 */
class FallbackParserTest {

    private static Optional<List<Operation>> lenient(String sql) {
        var piece = SqlSplitter.split(sql, DatabaseKind.POSTGRESQL, 1, Section.UP, false, false).statements().get(0);
        return KeywordParser.parse(TokenCursor.of(piece), DatabaseKind.POSTGRESQL, KeywordParser.Mode.LENIENT);
    }

    private static boolean jsqlAccepts(String sql) {
        var piece = SqlSplitter.split(sql, DatabaseKind.POSTGRESQL, 1, Section.UP, false, false).statements().get(0);
        return new JsqlStage().parse(piece, DatabaseKind.POSTGRESQL).operations().isPresent();
    }

    @Test
    void statementsJsqlParserRejectsAreRecognised() {
        assertThat(jsqlAccepts("DROP INDEX CONCURRENTLY IF EXISTS i")).isFalse();
        assertThat(lenient("DROP INDEX CONCURRENTLY IF EXISTS i")).contains(List.of(
                new Operation.DropIndex(List.of("i"), Optional.empty(), true, true, false)));
        assertThat(lenient("SET lock_timeout TO 5000")).contains(List.of(new Operation.SetTimeout(
                Operation.SetTimeout.Timeout.LOCK, Optional.of(java.time.Duration.ofSeconds(5)), false)));
        assertThat(lenient("BEGIN")).contains(List.of(new Operation.Transaction(Operation.Transaction.Control.BEGIN)));
        assertThat(lenient("REINDEX TABLE CONCURRENTLY t")).contains(List.of(new Operation.Reindex("TABLE", "t", true)));
        assertThat(lenient("CLUSTER t USING i")).contains(List.of(new Operation.Maintenance("CLUSTER", List.of(TableRef.of("t")))));
        assertThat(lenient("VACUUM ANALYZE t")).contains(List.of(new Operation.Maintenance("VACUUM", List.of(TableRef.of("t")))));
        assertThat(lenient("ALTER TABLE t ADD PRIMARY KEY USING INDEX t_idx").orElseThrow().get(0))
                .isInstanceOfSatisfying(Operation.AddConstraint.class,
                        a -> assertThat(a.constraint().usingIndex()).contains("t_idx"));
    }

    @Test
    void unknownClausesAreToleratedInLenientModeOnly() {
        String sql = "ALTER TABLE t ADD COLUMN a int SOMETHING_NEW 42, DROP COLUMN b";
        var piece = SqlSplitter.split(sql, DatabaseKind.POSTGRESQL, 1, Section.UP, false, false).statements().get(0);
        assertThat(KeywordParser.parse(TokenCursor.of(piece), DatabaseKind.POSTGRESQL, KeywordParser.Mode.STRICT)).isEmpty();
        assertThat(lenient(sql).orElseThrow()).extracting(o -> o.getClass().getSimpleName())
                .containsExactly("AddColumn", "DropColumn");
    }

    @Test
    void bodiesJsqlParserCannotReadStillClassify() {
        assertThat(lenient("CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql"))
                .contains(List.of(new Operation.OtherDdl("CREATE FUNCTION", Optional.empty())));
        assertThat(lenient("CREATE CONSTRAINT TRIGGER t AFTER INSERT ON x DEFERRABLE FOR EACH ROW EXECUTE PROCEDURE f()"))
                .contains(List.of(new Operation.CreateTrigger("t", TableRef.of("x"))));
        assertThat(lenient("COMMENT ON INDEX i IS 'x'")).contains(List.of(new Operation.OtherDdl("COMMENT ON INDEX", Optional.empty())));
        assertThat(lenient("GRANT USAGE ON SCHEMA s TO r")).contains(List.of(new Operation.OtherDdl("GRANT", Optional.empty())));
        assertThat(lenient("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public"))
                .contains(List.of(new Operation.OtherDdl("CREATE EXTENSION", Optional.empty())));
        assertThat(lenient("DO LANGUAGE plpgsql $$ BEGIN END $$")).contains(List.of(new Operation.OpaqueCode("a DO block runs procedural code")));
    }

    @Test
    void nonsenseIsNotRecognised() {
        assertThat(lenient("FROBNICATE everything")).isEmpty();
        assertThat(lenient("ALTER TABLE")).isEmpty();
        assertThat(lenient("'just a string'")).isEmpty();
    }
}

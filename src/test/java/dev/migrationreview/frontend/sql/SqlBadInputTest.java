package dev.migrationreview.frontend.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.operation.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hostile input never hangs or throws; the bounds are generous because they are about hangs, not speed. */
class SqlBadInputTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
    private static final SqlFrontend FRONTEND = new SqlFrontend();

    static ParsedMigration parse(byte[] content) {
        var file = new MigrationFile(new SourceFile("db/V1__x.sql", content), Framework.FLYWAY, Dialect.defaultPostgres(),
                Direction.UP, Optional.of("1"), MigrationOrder.ofVersion("1", "db/V1__x.sql"), "x", true, Optional.empty());
        return assertTimeoutPreemptively(BOUND, () -> FRONTEND.parse(file, FileTree.EMPTY));
    }

    static ParsedMigration parse(String sql) {
        return parse(sql.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void fiveMegabyteFile() {
        var sql = new StringBuilder();
        int i = 0;
        while (sql.length() < 5_000_000) {
            sql.append("ALTER TABLE t").append(i % 50).append(" ADD COLUMN c").append(i++).append(" text DEFAULT 'x';\n");
        }
        ParsedMigration parsed = parse(sql.toString());
        assertThat(parsed.statements()).hasSize(i);
        assertThat(parsed.statements().get(i - 1).startLine()).isEqualTo(i);
    }

    @Test
    void oneMegabyteStatement() {
        var sql = new StringBuilder("INSERT INTO t (a) VALUES ");
        while (sql.length() < 1_000_000) {
            sql.append("('value'), ");
        }
        sql.append("('last');\nALTER TABLE t ADD COLUMN b int;");
        ParsedMigration parsed = parse(sql.toString());
        assertThat(parsed.statements()).hasSize(2);
        assertThat(parsed.statements().get(1).operations()).singleElement().isInstanceOf(Operation.AddColumn.class);
    }

    @Test
    void thousandDeepParentheses() {
        String nested = "(".repeat(1000) + "1" + ")".repeat(1000);
        ParsedMigration parsed = parse("SELECT " + nested + ";\nCREATE TABLE x AS SELECT " + nested
                + ";\nALTER TABLE t ADD CONSTRAINT c CHECK " + nested + ";\nALTER TABLE t ADD COLUMN b int;");
        assertThat(parsed.statements()).hasSize(4);
        assertThat(parsed.statements().get(3).operations()).singleElement().isInstanceOf(Operation.AddColumn.class);
    }

    @Test
    void unbalancedQuotesAndDollarQuotesReportTheRestAsOneUnparsedStatement() {
        ParsedMigration parsed = parse("ALTER TABLE a ADD COLUMN b int;\nINSERT INTO a VALUES ('oops);\nDROP TABLE a;\n");
        assertThat(parsed.statements()).hasSize(2);
        assertThat(parsed.statements().get(1).isUnparsed()).isTrue();
        assertThat(parsed.statements().get(1).startLine()).isEqualTo(2);
        assertThat(((Operation.Unparsed) parsed.statements().get(1).operations().get(0)).reason())
                .contains("string literal opened on line 2 is never closed");
        ParsedMigration dollar = parse("CREATE FUNCTION f() AS $$ BEGIN\n" + "x;\n".repeat(10_000));
        assertThat(dollar.statements()).singleElement().satisfies(s -> assertThat(s.isUnparsed()).isTrue());
    }

    @Test
    void invalidUtf8IsReplacedAndReported() {
        byte[] head = "ALTER TABLE a ADD COLUMN b int;\nCOMMENT ON TABLE a IS 'caf".getBytes(StandardCharsets.UTF_8);
        byte[] tail = "';\n".getBytes(StandardCharsets.UTF_8);
        byte[] broken = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, broken, 0, head.length);
        broken[head.length] = (byte) 0xC3;
        broken[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, broken, head.length + 2, tail.length);
        ParsedMigration parsed = parse(broken);
        assertThat(parsed.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).contains("not valid UTF-8");
        });
        assertThat(parsed.statements().get(0).operations()).singleElement().isInstanceOf(Operation.AddColumn.class);
    }

    @Test
    void binaryFileHasNoStatements() {
        ParsedMigration parsed = parse(new byte[] {'S', 'E', 'L', 0, 1, 2, '\n', 3});
        assertThat(parsed.statements()).isEmpty();
        assertThat(parsed.problems()).singleElement().satisfies(p -> assertThat(p.message()).contains("binary file"));
    }

    @Test
    void randomBytesAndRandomSqlFragmentsNeverThrow() {
        var random = new Random(42);
        String[] fragments = {"'", "\"", "$$", "$a$", "/*", "*/", "--", "\n", ";", "(", ")", "BEGIN", "END", "CREATE",
            "TABLE", "ALTER", "INDEX", "ON", "x", ",", "DELIMITER //", "//", "E'\\'", "${p}", "ATOMIC", "CASE", "`"};
        for (int round = 0; round < 200; round++) {
            byte[] bytes = new byte[random.nextInt(2000)];
            random.nextBytes(bytes);
            parse(bytes);
            var sql = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                sql.append(fragments[random.nextInt(fragments.length)]).append(random.nextBoolean() ? " " : "");
            }
            ParsedMigration parsed = parse(sql.toString());
            assertThat(parsed.statements()).allSatisfy(s -> assertThat(s.startLine()).isLessThanOrEqualTo(s.endLine()));
        }
    }
}

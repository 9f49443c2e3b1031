package dev.migrationreview.frontend.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Real migrations of public projects through the SQL frontend. */
class SqlCorpusTest {

    private static final SqlFrontend FRONTEND = new SqlFrontend();

    record Counts(int files, int statements, int unparsed) {}

    static Counts run(SqlCorpus corpus) {
        int statements = 0;
        int unparsed = 0;
        var files = corpus.files();
        for (MigrationFile file : files) {
            ParsedMigration parsed = FRONTEND.parse(file, FileTree.EMPTY);
            for (Statement statement : parsed.statements()) {
                statements++;
                if (statement.isUnparsed()) {
                    unparsed++;
                    System.out.printf("  unparsed %s:%d %s%n", file.path(), statement.startLine(), statement.operations());
                }
                assertThat(statement.startLine()).isPositive().isLessThanOrEqualTo(statement.endLine());
            }
        }
        var counts = new Counts(files.size(), statements, unparsed);
        System.out.printf("corpus %-30s files %5d statements %6d unparsed %4d (%.2f%%)%n", corpus.name(), counts.files(),
                counts.statements(), counts.unparsed(), 100.0 * unparsed / Math.max(1, statements));
        return counts;
    }

    static Stream<SqlCorpus> postgres() {
        return SqlCorpus.postgres().stream();
    }

    static Stream<SqlCorpus> others() {
        return SqlCorpus.others().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("postgres")
    void postgresCorporaParseAlmostCompletely(SqlCorpus corpus) {
        Counts counts = run(corpus);
        assertThat(counts.files()).as("files found in " + corpus.folder()).isPositive();
        assertThat(counts.unparsed()).as("unparsed statements of " + corpus.name())
                .isLessThanOrEqualTo(counts.statements() / 200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("others")
    void otherDialectsAreReadWithoutFailing(SqlCorpus corpus) {
        Counts counts = run(corpus);
        assertThat(counts.files()).as("files found in " + corpus.folder()).isPositive();
        assertThat(counts.statements()).isPositive();
    }
}

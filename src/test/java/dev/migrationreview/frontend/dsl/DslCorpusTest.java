package dev.migrationreview.frontend.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.CorpusFiles;
import dev.migrationreview.frontend.Frontend;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.alembic.AlembicFrontend;
import dev.migrationreview.frontend.django.DjangoFrontend;
import dev.migrationreview.frontend.rails.RailsFrontend;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.Operation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Every framework migration of the shared corpus through its frontend: no exception, every file
 * accounted for, and at most 1% of the operations of the frameworks' own calls left unparsed.
 * SQL embedded in those calls is counted apart (it is the SQL frontend's to parse).
 */
class DslCorpusTest {

    private static final SqlFrontend SQL = new SqlFrontend();

    /** What one corpus run produced, printed for the report. */
    record Figures(String corpus, int files, List<String> emptyFiles, int statements, int operations, int unparsed,
                   int embeddedSql, int embeddedSqlUnparsed, Map<String, Integer> unparsedReasons,
                   Map<String, Integer> kinds, Map<String, Integer> rollbacks) {

        double unparsedShare() {
            return operations == 0 ? 0 : (double) unparsed / operations;
        }

        /** Framework operations and embedded SQL statements together. */
        double totalUnparsedShare() {
            int all = operations + embeddedSql;
            return all == 0 ? 0 : (double) (unparsed + embeddedSqlUnparsed) / all;
        }

        void print() {
            System.out.printf("corpus %s: %d files (%d with no statement), %d statements, %d framework operations, "
                            + "%d unparsed (%.2f%%); %d embedded SQL statements, %d of them unparsed%n",
                    corpus, files, emptyFiles.size(), statements, operations, unparsed, 100 * unparsedShare(),
                    embeddedSql, embeddedSqlUnparsed);
            System.out.println("  operations by kind: " + kinds);
            System.out.println("  rollbacks: " + rollbacks);
            emptyFiles.forEach(f -> System.out.println("  no statement: " + f));
            unparsedReasons.forEach((reason, count) -> System.out.printf("  %4d  %s%n", count, reason));
        }
    }

    static Figures run(String corpus, Framework framework, Frontend frontend, Path folder,
                       Predicate<Path> isMigration, FileTree repository, Dialect dialect) throws IOException {
        var files = new ArrayList<Path>();
        try (var walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).filter(isMigration).sorted().forEach(files::add);
        }
        var empty = new ArrayList<String>();
        int statements = 0;
        int operations = 0;
        int unparsed = 0;
        int embedded = 0;
        int embeddedUnparsed = 0;
        var reasons = new TreeMap<String, Integer>();
        var kinds = new TreeMap<String, Integer>();
        var rollbacks = new TreeMap<String, Integer>();
        for (Path path : files) {
            String relative = CorpusFiles.root().relativize(path).toString().replace('\\', '/');
            MigrationFile file = DslFiles.file(relative, framework, Files.readAllBytes(path), dialect);
            ParsedMigration parsed = frontend.parse(file, repository);
            assertThat(parsed.file()).isEqualTo(file);
            assertThat(parsed.rollbacks()).as("%s says how it rolls back", relative).hasSize(1);
            rollbacks.merge(parsed.rollbacks().get(0).kind().name(), 1, Integer::sum);
            if (parsed.statements().isEmpty()) {
                empty.add(relative + (parsed.problems().isEmpty() ? "" : " " + parsed.problems()));
            }
            String prefix = DslOutput.reasonPrefix(file);
            for (Statement statement : parsed.statements()) {
                statements++;
                assertThat(statement.startLine()).as(relative).isPositive();
                assertThat(statement.endLine()).as(relative).isGreaterThanOrEqualTo(statement.startLine());
                boolean framed = statement.parsedBy() == Statement.ParsedBy.FRAMEWORK
                        || statement.operations().stream().anyMatch(o -> o instanceof Operation.Unparsed u
                        && u.reason().startsWith(prefix));
                if (!framed) {
                    embedded++;
                    embeddedUnparsed += statement.isUnparsed() ? 1 : 0;
                    continue;
                }
                for (Operation operation : statement.operations()) {
                    operations++;
                    kinds.merge(operation.getClass().getSimpleName(), 1, Integer::sum);
                    if (operation instanceof Operation.Unparsed u) {
                        unparsed++;
                        reasons.merge(u.reason(), 1, Integer::sum);
                        System.out.println("  unparsed at " + relative + ":" + statement.startLine());
                    }
                }
            }
        }
        var figures = new Figures(corpus, files.size(), empty, statements, operations, unparsed, embedded,
                embeddedUnparsed, reasons, kinds, rollbacks);
        figures.print();
        return figures;
    }

    @Test
    void alembicCorpus() throws IOException {
        var figures = run("alembic (quay)", Framework.ALEMBIC, new AlembicFrontend(SQL),
                CorpusFiles.root().resolve("alembic"), p -> p.toString().endsWith(".py"),
                DslFiles.directory(CorpusFiles.root()), Dialect.defaultPostgres());
        assertThat(figures.files()).isEqualTo(124);
        assertThat(figures.operations()).isGreaterThan(1000);
        assertThat(figures.unparsedShare()).isLessThanOrEqualTo(0.01);
        assertThat(figures.totalUnparsedShare()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void djangoCorpus() throws IOException {
        var figures = run("django (netbox)", Framework.DJANGO, new DjangoFrontend(SQL),
                CorpusFiles.root().resolve("django"),
                p -> p.toString().endsWith(".py") && !p.getFileName().toString().equals("__init__.py"),
                DslFiles.directory(CorpusFiles.root()), Dialect.defaultPostgres());
        assertThat(figures.files()).isEqualTo(263);
        assertThat(figures.operations()).isGreaterThan(2000);
        assertThat(figures.unparsedShare()).isLessThanOrEqualTo(0.01);
        assertThat(figures.totalUnparsedShare()).isLessThanOrEqualTo(0.01);
    }

    @Test
    void railsCorpus() throws IOException {
        var figures = run("rails (rubygems.org)", Framework.RAILS, new RailsFrontend(SQL),
                CorpusFiles.root().resolve("rails"), p -> p.toString().endsWith(".rb"), FileTree.EMPTY,
                Dialect.defaultPostgres());
        assertThat(figures.files()).isEqualTo(234);
        assertThat(figures.operations()).isGreaterThan(800);
        assertThat(figures.unparsedShare()).isLessThanOrEqualTo(0.01);
        assertThat(figures.totalUnparsedShare()).isLessThanOrEqualTo(0.01);
    }
}

package dev.migrationreview.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.DirectoryFileTree;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole engine (discovery, every frontend, every rule) over every project of the shared
 * corpus, each project reviewed as one change holding all of its files: real input, real mess.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EngineCorpusTest {

    /** Files that sit beside migrations without being migrations. */
    private static final Set<String> COMPANIONS = Set.of("migration_lock.toml", "__init__.py");

    /** The PostgreSQL corpora of the issue: at most 0.5% of their statements may be left unparsed. */
    private static final List<String> POSTGRES_CORPORA = List.of("prisma/langfuse", "golang-migrate/harbor",
            "golang-migrate/kratos", "flyway/dhis2-core", "flyway/hawkbit", "flyway/conductor");

    private record Project(String name, ReviewResult result) {}

    private final Map<String, Project> projects = new LinkedHashMap<>();

    @BeforeAll
    void reviewEveryProject() throws IOException {
        Path corpus = Path.of(System.getProperty("shared.dir", "../shared")).resolve("corpus");
        if (!Files.isDirectory(corpus)) {
            fail("The shared corpus is missing at " + corpus.toAbsolutePath()
                    + ": check out ../shared beside the project or pass -Dshared.dir=<folder>.");
        }
        ReviewEngine engine = Engines.standard();
        for (Path framework : folders(corpus)) {
            for (Path project : folders(framework)) {
                var tree = new DirectoryFileTree(project);
                var files = new ArrayList<SourceFile>();
                for (String path : tree.list("")) {
                    files.add(tree.read(path).orElseThrow());
                }
                String name = framework.getFileName() + "/" + project.getFileName();
                projects.put(name, new Project(name,
                        engine.review(new ReviewInput(files, tree, ReviewConfig.defaults()))));
            }
        }
    }

    @Test
    void everyFileIsAccountedForAndNoRuleOrFrontendFails() {
        for (Project project : projects.values()) {
            assertThat(project.result().files()).as(project.name()).isNotEmpty();
            assertThat(project.result().findings()).as("engine failures in %s", project.name())
                    .filteredOn(f -> f.ruleId().equals("rule-error") || f.ruleId().equals("unreadable-file")).isEmpty();
            assertThat(project.result().files()).as("files of %s read by a frontend", project.name())
                    .allSatisfy(f -> assertThat(f.parsed()).as(f.file().path()).isPresent());
        }
    }

    @Test
    void everyNonCompanionFileIsAMigration() throws IOException {
        Path corpus = Path.of(System.getProperty("shared.dir", "../shared")).resolve("corpus");
        for (Project project : projects.values()) {
            Set<String> reviewed = project.result().files().stream().map(f -> f.file().path()).collect(Collectors.toSet());
            var tree = new DirectoryFileTree(corpus.resolve(project.name()));
            List<String> missing = tree.list("").stream()
                    .filter(path -> !reviewed.contains(path))
                    .filter(path -> !COMPANIONS.contains(path.substring(path.lastIndexOf('/') + 1)))
                    .toList();
            assertThat(missing).as("files of %s neither reviewed nor companions", project.name()).isEmpty();
        }
    }

    @Test
    void postgresCorporaLeaveAtMostHalfAPercentUnparsed() {
        for (String name : POSTGRES_CORPORA) {
            ReviewResult result = projects.get(name).result();
            long statements = 0;
            long unparsed = 0;
            for (FileReview file : result.files()) {
                if (file.file().dialect().isPostgres()) {
                    statements += file.statementCount();
                    unparsed += file.unparsedCount();
                }
            }
            System.out.printf("%-24s %6d PostgreSQL statements, %d unparsed%n", name, statements, unparsed);
            assertThat(statements).as(name).isPositive();
            assertThat((double) unparsed / statements).as("unparsed share of %s", name).isLessThanOrEqualTo(0.005);
        }
    }

    @Test
    void noPostgresAdviceOnFilesOfOtherDatabases() {
        Set<String> postgresOnly = RuleCatalog.builtIn().docs().stream()
                .filter(d -> d.databases().equals(Set.of(DatabaseKind.POSTGRESQL)))
                .map(RuleDoc::id).collect(Collectors.toSet());
        var otherDialectFiles = new HashMap<String, DatabaseKind>();
        var wrongAdvice = new ArrayList<Finding>();
        for (Project project : projects.values()) {
            Map<String, DatabaseKind> kinds = project.result().files().stream()
                    .collect(Collectors.toMap(f -> f.file().path(), f -> f.file().dialect().kind(), (a, b) -> a));
            kinds.forEach((path, kind) -> {
                if (!kind.isPostgres()) {
                    otherDialectFiles.put(project.name() + "/" + path, kind);
                }
            });
            project.result().findings().stream()
                    .filter(f -> postgresOnly.contains(f.ruleId()) && !kinds.get(f.path()).isPostgres())
                    .forEach(wrongAdvice::add);
        }
        assertThat(otherDialectFiles).as("kratos mysql/sqlite3 and hawkbit's other dialects are in the corpus")
                .containsValues(DatabaseKind.MYSQL, DatabaseKind.SQLITE, DatabaseKind.H2, DatabaseKind.SQLSERVER, DatabaseKind.DB2);
        assertThat(wrongAdvice).as("PostgreSQL-only findings on files of other databases").isEmpty();
    }

    private static List<Path> folders(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }
}

package dev.migrationreview.rule.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.EngineChecks;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Fix;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the PostgreSQL rules over the real PostgreSQL migrations of the shared corpus, each project
 * reviewed as one change in run order: no rule may fail on real input, and every fix that claims
 * to replace its statement must, once applied, make its rule quiet about that statement.
 */
class PostgresRulesOnCorpusTest {

    /** A corpus folder of PostgreSQL migrations, read as its tool would. */
    private record Project(String folder, Framework framework, Pattern file) {}

    private static final List<Project> PROJECTS = List.of(
            new Project("prisma/langfuse/packages/shared/prisma/migrations", Framework.PRISMA, Pattern.compile("(\\d+)_[^/]*/migration\\.sql")),
            new Project("golang-migrate/harbor/make/migrations/postgresql", Framework.GOLANG_MIGRATE, Pattern.compile("(\\d+)_[^/]*\\.up\\.sql")),
            new Project("golang-migrate/kratos/persistence/sql/migrations/sql", Framework.GOLANG_MIGRATE,
                    Pattern.compile("(\\d+)_[^/]*\\.postgres\\.up\\.sql")),
            new Project("flyway/dhis2-core/dhis-2/dhis-support/dhis-support-db-migration/src/main/resources/org/hisp/dhis/db/migration",
                    Framework.FLYWAY, Pattern.compile("(?:.*/)?V([\\d._]+)__[^/]*\\.sql")),
            new Project("flyway/conductor/postgres-persistence/src/main/resources/db", Framework.FLYWAY,
                    Pattern.compile("(?:.*/)?V([\\d._]+)__[^/]*\\.sql")));

    private static List<Rule> rules;
    private static Path corpus;

    @BeforeAll
    static void setUp() {
        corpus = Path.of(System.getProperty("shared.dir", "../shared"), "corpus");
        if (!Files.isDirectory(corpus)) {
            fail("The shared corpus is missing at " + corpus.toAbsolutePath() + ": set -Dshared.dir to the shared folder");
        }
        rules = RuleCatalog.builtIn().rules().stream()
                .filter(r -> r.getClass().getPackage().equals(PostgresRule.class.getPackage())).toList();
        assertThat(rules).hasSize(24);
    }

    @Test
    void noRuleFailsOnRealMigrations() throws IOException {
        var perRule = new TreeMap<String, Integer>();
        long started = System.nanoTime();
        int files = 0;
        for (Project project : PROJECTS) {
            List<MigrationFile> migrations = migrations(project);
            files += migrations.size();
            List<Finding> found = review(migrations, rules);
            assertThat(found).as(project.folder()).noneMatch(f -> f.ruleId().equals(EngineChecks.RULE_ERROR.id()));
            found.forEach(f -> perRule.merge(f.ruleId(), 1, Integer::sum));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf("PostgreSQL rules over %d corpus files in %d ms: %s%n", files, millis, perRule);
        assertThat(files).isGreaterThan(500);
        assertThat(perRule).containsKeys("create-index-non-concurrently", "missing-lock-timeout", "add-foreign-key-validated");
    }

    @Test
    void replacingFixesSilenceTheirFinding() throws IOException {
        int checked = 0;
        for (Project project : PROJECTS) {
            List<MigrationFile> migrations = migrations(project);
            Map<String, MigrationFile> byPath = migrations.stream().collect(Collectors.toMap(MigrationFile::path, m -> m));
            for (Finding finding : review(migrations, rules)) {
                Optional<Fix> fix = finding.fix().filter(Fix::replacesStatement);
                if (fix.isEmpty()) {
                    continue;
                }
                MigrationFile file = byPath.get(finding.path());
                String fixed = replaceLines(text(file), finding.startLine(), finding.endLine(), fix.get().code());
                int fixedEnd = finding.startLine() + (int) fix.get().code().lines().count() - 1;
                Rule rule = rules.stream().filter(r -> r.id().equals(finding.ruleId())).findFirst().orElseThrow();
                List<Finding> again = review(List.of(withContent(file, fixed)), List.of(rule));
                assertThat(again).as("%s at %s:%d after its fix:%n%s", finding.ruleId(), finding.path(), finding.startLine(),
                                fix.get().code())
                        .noneMatch(f -> f.startLine() >= finding.startLine() && f.startLine() <= fixedEnd);
                checked++;
            }
        }
        assertThat(checked).as("replacing fixes found in the corpus").isGreaterThan(20);
    }

    private static List<Finding> review(List<MigrationFile> migrations, List<Rule> rules) {
        var engine = new ReviewEngine((changed, repo, config) -> migrations, BuiltInFrontends.all(), rules);
        return engine.review(new ReviewInput(migrations.stream().map(MigrationFile::source).toList(), FileTree.EMPTY,
                ReviewConfig.defaults())).findings();
    }

    private static List<MigrationFile> migrations(Project project) throws IOException {
        Path root = corpus.resolve(project.folder());
        var found = new ArrayList<MigrationFile>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.filter(Files::isRegularFile).sorted().toList()) {
                String relative = root.relativize(path).toString().replace('\\', '/');
                Matcher m = project.file().matcher(relative);
                if (m.matches()) {
                    String repoPath = project.folder() + "/" + relative;
                    found.add(new MigrationFile(new SourceFile(repoPath, Files.readAllBytes(path)), project.framework(),
                            Dialect.defaultPostgres(), Direction.UP, Optional.of(m.group(1)),
                            MigrationOrder.ofVersion(m.group(1), repoPath), relative,
                            project.framework().transactionalByDefault(), Optional.empty()));
                }
            }
        }
        found.sort((a, b) -> a.order().compareTo(b.order()));
        return found;
    }

    private static String text(MigrationFile file) {
        return new String(file.source().content(), StandardCharsets.UTF_8).replace("\r", "");
    }

    private static MigrationFile withContent(MigrationFile file, String content) {
        return new MigrationFile(SourceFile.of(file.path(), content), file.framework(), file.dialect(), file.direction(),
                file.version(), file.order(), file.description(), file.transactional(), file.rollback());
    }

    private static String replaceLines(String text, int start, int end, String replacement) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        List<String> head = lines.subList(0, start - 1);
        List<String> tail = lines.subList(end, lines.size());
        return Stream.of(head.stream(), Stream.of(replacement), tail.stream()).flatMap(s -> s).collect(Collectors.joining("\n"));
    }
}

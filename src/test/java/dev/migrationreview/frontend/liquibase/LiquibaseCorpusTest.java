package dev.migrationreview.frontend.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.DirectoryFileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.PathDiscovery;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Apache Fineract's Liquibase changelogs (MySQL and PostgreSQL in one set, told apart by
 * contexts), discovered as a change adding all of them and read as discovery decides.
 */
class LiquibaseCorpusTest {

    private static final Pattern CHANGE_SET = Pattern.compile("<changeSet[\\s>]");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    private static DirectoryFileTree repository;
    private static List<SourceFile> changed;
    private static List<MigrationFile> migrations;

    @BeforeAll
    static void discoverFineract() {
        repository = new DirectoryFileTree(Changelogs.sharedDir().resolve("corpus/liquibase/fineract"));
        changed = repository.list("").stream().filter(p -> p.endsWith(".xml"))
                .map(p -> repository.read(p).orElseThrow()).toList();
        migrations = new PathDiscovery().discover(changed, repository, ReviewConfig.defaults());
    }

    @Test
    void readsEveryFineractChangelogAndUnderstandsAlmostEveryChange() {
        assertThat(changed).hasSizeGreaterThan(200);
        assertThat(migrations).extracting(MigrationFile::path)
                .containsExactlyInAnyOrderElementsOf(changed.stream().map(SourceFile::path).toList());
        assertThat(migrations).allMatch(m -> m.framework() == Framework.LIQUIBASE_XML);

        var asDiscovered = read(migrations);
        var asMysql = read(migrations.stream().map(m -> new MigrationFile(m.source(), m.framework(), Changelogs.MYSQL,
                m.direction(), m.version(), m.order(), m.description(), m.transactional(), m.rollback())).toList());

        for (Figures figures : List.of(asDiscovered, asMysql)) {
            assertThat(figures.problems()).isEmpty();
            assertThat(figures.unparsed()).isLessThanOrEqualTo(figures.operations() / 100);
            assertThat(figures.changeSets()).isEqualTo(asDiscovered.changeSets());
        }
        // Each database skips the other's changeSets (contexts "mysql" and "postgresql").
        assertThat(asDiscovered.skipped()).isPositive();
        assertThat(asMysql.skipped()).isPositive().isNotEqualTo(asDiscovered.skipped());
    }

    /** What reading every changelog gave, as printed for the report. */
    private record Figures(int changeSets, int skipped, int statements, int operations, int unparsed,
                           List<String> problems) {}

    private static Figures read(List<MigrationFile> files) {
        int changeSets = 0;
        int skipped = 0;
        int statements = 0;
        int operations = 0;
        int unparsed = 0;
        var problems = new ArrayList<String>();
        var unparsedReasons = new ArrayList<String>();
        for (MigrationFile file : files) {
            var translated = Changelogs.translate(file, repository);
            var migration = translated.migration();

            String uncommented = COMMENT.matcher(new String(file.source().content(), StandardCharsets.UTF_8)).replaceAll("");
            long written = CHANGE_SET.matcher(uncommented).results().count();
            assertThat(translated.changeSets()).as("every changeSet of %s is accounted for", file.path()).hasSize((int) written);
            changeSets += translated.changeSets().size();
            skipped += (int) translated.changeSets().stream().filter(c -> c.skipped().isPresent()).count();
            migration.problems().forEach(p -> problems.add(file.path() + ":" + p.line() + " " + p.message()));
            for (Statement statement : migration.statements()) {
                statements++;
                for (Operation operation : statement.operations()) {
                    operations++;
                    if (operation instanceof Operation.Unparsed u) {
                        unparsed++;
                        unparsedReasons.add(file.path() + ":" + statement.startLine() + " " + u.reason());
                    }
                }
            }
        }
        var dialects = files.stream().collect(Collectors.groupingBy(m -> m.dialect().label(), TreeMap::new, Collectors.counting()));
        System.out.printf("fineract as %s: %d changelog files, %d changeSets (%d skipped for another database), "
                        + "%d statements, %d operations, %d not understood (%.2f%%), %d file problems%n",
                dialects, files.size(), changeSets, skipped, statements, operations, unparsed,
                100.0 * unparsed / operations, problems.size());
        unparsedReasons.stream().limit(20).forEach(r -> System.out.println("  not understood: " + r));
        problems.forEach(p -> System.out.println("  problem: " + p));
        return new Figures(changeSets, skipped, statements, operations, unparsed, problems);
    }

    @Test
    void everyRuleRunsOverFineractWithoutFailing() {
        var engine = new ReviewEngine(new PathDiscovery(), BuiltInFrontends.all(), RuleCatalog.builtIn().rules());
        var result = engine.review(new ReviewInput(changed, repository, ReviewConfig.defaults()));

        var byRule = result.findings().stream().collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new, Collectors.counting()));
        System.out.println("fineract findings by rule: " + byRule);
        assertThat(result.files()).hasSize(changed.size()).allMatch(f -> f.parsed().isPresent());
        assertThat(byRule).doesNotContainKeys("rule-error", "unreadable-file");
    }
}

package dev.migrationreview.frontend.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Apache Fineract's Liquibase changelogs (MySQL and PostgreSQL in one set), read as PostgreSQL. */
class LiquibaseCorpusTest {

    private static final Pattern CHANGE_SET = Pattern.compile("<changeSet[\\s>]");
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);

    @Test
    void readsEveryFineractChangelogAndUnderstandsAlmostEveryChange() throws IOException {
        Path root = Changelogs.sharedDir().resolve("corpus/liquibase/fineract");
        var repository = new DirectoryFileTree(root);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        int changeSets = 0;
        int skipped = 0;
        int statements = 0;
        int operations = 0;
        int unparsed = 0;
        var problems = new ArrayList<String>();
        var unparsedReasons = new ArrayList<String>();
        for (Path path : files) {
            String relative = root.relativize(path).toString().replace('\\', '/');
            byte[] content = Files.readAllBytes(path);
            var translated = Changelogs.translate(Changelogs.migration(relative, content, Changelogs.POSTGRES), repository);
            var migration = translated.migration();

            String uncommented = COMMENT.matcher(new String(content, StandardCharsets.UTF_8)).replaceAll("");
            long written = CHANGE_SET.matcher(uncommented).results().count();
            assertThat(translated.changeSets()).as("every changeSet of %s is accounted for", relative).hasSize((int) written);
            changeSets += translated.changeSets().size();
            skipped += (int) translated.changeSets().stream().filter(c -> c.skipped().isPresent()).count();
            migration.problems().forEach(p -> problems.add(relative + ":" + p.line() + " " + p.message()));
            for (Statement statement : migration.statements()) {
                statements++;
                for (Operation operation : statement.operations()) {
                    operations++;
                    if (operation instanceof Operation.Unparsed u) {
                        unparsed++;
                        unparsedReasons.add(relative + ":" + statement.startLine() + " " + u.reason());
                    }
                }
            }
        }
        System.out.printf("fineract: %d changelog files, %d changeSets (%d skipped for another database), "
                        + "%d statements, %d operations, %d not understood (%.2f%%), %d file problems%n",
                files.size(), changeSets, skipped, statements, operations, unparsed, 100.0 * unparsed / operations, problems.size());
        unparsedReasons.stream().limit(20).forEach(r -> System.out.println("  not understood: " + r));
        problems.forEach(p -> System.out.println("  problem: " + p));

        assertThat(files).hasSizeGreaterThan(200);
        assertThat(problems).isEmpty();
        assertThat(unparsed).isLessThanOrEqualTo(operations / 100);
    }

    @Test
    void everyRuleRunsOverFineractWithoutFailing() throws IOException {
        Path root = Changelogs.sharedDir().resolve("corpus/liquibase/fineract");
        var repository = new DirectoryFileTree(root);
        List<MigrationFile> migrations;
        try (Stream<Path> walk = Files.walk(root)) {
            migrations = walk.filter(p -> p.toString().endsWith(".xml")).sorted().map(p -> {
                try {
                    return Changelogs.migration(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p),
                            Changelogs.POSTGRES);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        }
        var engine = new ReviewEngine((changed, repo, config) -> migrations, BuiltInFrontends.all(), RuleCatalog.builtIn().rules());
        var result = engine.review(new ReviewInput(List.of(), repository, ReviewConfig.defaults()));

        var byRule = result.findings().stream().collect(Collectors.groupingBy(Finding::ruleId, TreeMap::new, Collectors.counting()));
        System.out.println("fineract findings by rule: " + byRule);
        assertThat(result.files()).hasSize(migrations.size()).allMatch(f -> f.parsed().isPresent());
        assertThat(byRule).doesNotContainKeys("rule-error", "unreadable-file");
    }
}

package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigInheritanceTest {

    private static final String FILE = ReviewConfig.DEFAULT_PATH;
    private final ConfigLoader loader = ConfigLoader.acceptingAnyRuleId();

    /** Other repositories' files, recording what was asked for. */
    private static final class Repositories implements ConfigSource {
        final Map<String, String> files = new HashMap<>();
        final List<String> asked = new ArrayList<>();

        Repositories with(String repository, String path, String text) {
            files.put(repository + ":" + path, text);
            return this;
        }

        @Override
        public Optional<SourceFile> read(String repository, String path) {
            asked.add(repository + ":" + path);
            return Optional.ofNullable(files.get(repository + ":" + path)).map(text -> SourceFile.of(path, text));
        }
    }

    private static Optional<SourceFile> own(String text) {
        return Optional.of(SourceFile.of(FILE, text));
    }

    @Test
    void aRepositoryWithoutItsOwnFileUsesTheOrganisationDefault() {
        var repositories = new Repositories().with("acme/.github", FILE, """
                database: postgresql
                senior_reviewers: ["@acme/dba"]
                """);
        ConfigResult result = loader.resolve("acme/shop", Optional.empty(), repositories);
        assertThat(result.errors()).isEmpty();
        assertThat(result.effective().database()).contains(DatabaseKind.POSTGRESQL);
        assertThat(result.policy().seniorReviewers()).containsExactly("@acme/dba");
        assertThat(repositories.asked).containsExactly("acme/.github:" + FILE);
    }

    @Test
    void withoutAnyFileTheDefaultsApply() {
        ConfigResult result = loader.resolve("acme/shop", Optional.empty(), new Repositories());
        assertThat(result).isEqualTo(new ConfigResult.Loaded(ReviewConfig.defaults(), PolicyConfig.defaults()));
    }

    @Test
    void aRepositoryFileDoesNotInheritUnlessItExtends() {
        var repositories = new Repositories().with("acme/.github", FILE, "database: mysql\n");
        ConfigResult result = loader.resolve("acme/shop", own("senior_reviewers: [carol]\n"), repositories);
        assertThat(result.effective().database()).isEmpty();
        assertThat(repositories.asked).isEmpty();
    }

    @Test
    void extendsOverridesTopLevelKeysAndMergesMappingsOneLevel() {
        var repositories = new Repositories().with("acme/.github", FILE, """
                database: {kind: postgresql, version: 15}
                rules: {drop-column: error, prefer-text: warning}
                senior_reviewers: ["@acme/dba"]
                areas:
                  - {name: billing, tables: [invoices], owners: [mia], profile: hot}
                checklist: {workflow: true, rollback: true}
                """);
        ConfigResult result = loader.resolve("acme/shop", own("""
                extends: .github
                rules: {prefer-text: off}
                checklist: {rollback: false}
                senior_reviewers: [carol]
                """), repositories);

        assertThat(result.errors()).isEmpty();
        assertThat(result.effective().databaseVersion()).contains(15);
        assertThat(result.effective().rules()).isEqualTo(Map.of("drop-column", Severity.ERROR, "prefer-text", Severity.OFF));
        assertThat(result.policy().seniorReviewers()).containsExactly("carol");
        assertThat(result.policy().areas()).singleElement().satisfies(a -> assertThat(a.profile()).isEqualTo(Profile.HOT));
        assertThat(result.policy().checklist().workflow()).isTrue();
        assertThat(result.policy().checklist().rollback()).isFalse();
    }

    @Test
    void extendsNamesARepositoryAnOrganisationAndAPathAndChainsRelativeToEachFile() {
        var repositories = new Repositories()
                .with("platform/policies", "db/migration-review.yml", "extends: base\nworkflows: [billing events]\n")
                .with("platform/base", FILE, "unowned_tables: error\n");
        ConfigResult result = loader.resolve("acme/shop", own("extends: platform/policies:db/migration-review.yml\n"),
                repositories);
        assertThat(result.errors()).isEmpty();
        assertThat(result.policy().workflows()).containsExactly("billing events");
        assertThat(result.policy().unownedTables()).isEqualTo(Severity.ERROR);
        assertThat(repositories.asked).containsExactly("platform/policies:db/migration-review.yml", "platform/base:" + FILE);
    }

    @Test
    void errorsNameTheFileTheyAreIn() {
        var repositories = new Repositories().with("acme/.github", FILE, "database: postgress\nunowned_tables: maybe\n");
        ConfigResult result = loader.resolve("acme/shop", own("extends: .github\nrulez: {}\n"), repositories);
        assertThat(result.errors()).extracting(ConfigError::render).containsExactly(
                FILE + ":2:1: unknown key 'rulez' (did you mean 'rules'?)",
                "acme/.github:" + FILE + ":1:11: 'database': unknown database 'postgress' (did you mean 'postgresql'?); known: "
                        + "postgresql, mysql, mariadb, sqlite, h2, sqlserver, db2, cockroachdb, oracle",
                "acme/.github:" + FILE + ":2:17: 'unowned_tables': 'maybe' is not one of fine, notice, warning, error");
    }

    @Test
    void missingCircularTooDeepAndMalformedReferencesAreErrors() {
        assertThat(loader.resolve("acme/shop", own("extends: policies\n"), new Repositories()).errors())
                .extracting(ConfigError::render).containsExactly(FILE + ":1:10: 'extends: policies': acme/policies has no "
                        + FILE + " on its default branch (or the App is not installed there)");

        var circle = new Repositories().with("acme/a", FILE, "extends: b\n").with("acme/b", FILE, "extends: a\n");
        assertThat(loader.resolve("acme/shop", own("extends: a\n"), circle).errors()).extracting(ConfigError::render)
                .containsExactly("acme/b:" + FILE + ":1:10: 'extends: a' leads back to a file already extended: "
                        + "the files extend each other in a circle");

        var chain = new Repositories();
        for (int i = 1; i <= ConfigInheritance.MAX_DEPTH + 1; i++) {
            chain.with("acme/r" + i, FILE, "extends: r" + (i + 1) + "\n");
        }
        assertThat(loader.resolve("acme/shop", own("extends: r1\n"), chain).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("goes deeper than " + ConfigInheritance.MAX_DEPTH + " files"));

        assertThat(loader.resolve("acme/shop", own("extends: 'a/b/c'\n"), new Repositories()).errors())
                .extracting(ConfigError::message)
                .containsExactly("'extends: a/b/c' must name a repository as repo, owner/repo, or repo:path/to/file.yml "
                        + "(a path inside that repository)");
        assertThat(loader.resolve("acme/shop", own("extends: [a, b]\n"), new Repositories()).errors())
                .extracting(ConfigError::message).containsExactly("'extends' needs a value, found a list");
    }

    @Test
    void anExtendedFileThatIsNotAMappingIsReportedAndTheOwnSettingsStillApply() {
        var repositories = new Repositories().with("acme/.github", FILE, "- a\n- b\n");
        ConfigResult result = loader.resolve("acme/shop", own("extends: .github\nworkflows: [x]\n"), repositories);
        assertThat(result.errors()).extracting(ConfigError::render)
                .containsExactly("acme/.github:" + FILE + ":1:1: an extended configuration must be a mapping of settings, found a list");
    }

    @Test
    void theCommandLineCannotFollowExtendsAndSaysSo() {
        assertThat(loader.load(FILE, "extends: .github\n").errors()).extracting(ConfigError::message)
                .containsExactly("'extends: .github' can only be followed where other repositories can be read (the GitHub App); "
                        + "this review ran without it");
    }

    @Test
    void repositoryNamesAreChecked() {
        assertThatThrownBy(() -> loader.resolve("not a repo", Optional.empty(), new Repositories()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig.MigrationGlob;
import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static final String FILE = ReviewConfig.DEFAULT_PATH;
    private final ConfigLoader loader = ConfigLoader.checkingRuleIds(
            Set.of("adding-not-null-field", "prefer-text-field", "require-concurrent-index-creation"));

    @Test
    void readsEverySetting() {
        ConfigResult result = loader.load(FILE, """
                # reviewed against production
                database:
                  kind: postgresql
                  version: 15
                migrations:
                  - glob: "db/changes/**/*.sql"
                    framework: flyway
                  - "legacy/*.sql"
                exclude:
                  - "db/seeds/**"
                rules:
                  adding-not-null-field: warning
                  prefer-text-field: off
                timeouts_set_by_runner: true
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result).isInstanceOf(ConfigResult.Loaded.class);
        assertThat(result.effective()).isEqualTo(new ReviewConfig(
                Optional.of(DatabaseKind.POSTGRESQL), Optional.of(15),
                List.of(new MigrationGlob("db/changes/**/*.sql", Optional.of("flyway")),
                        new MigrationGlob("legacy/*.sql", Optional.empty())),
                List.of("db/seeds/**"),
                Map.of("adding-not-null-field", Severity.WARNING, "prefer-text-field", Severity.OFF),
                true));
    }

    @Test
    void databaseMayBeJustItsNameAndVersionsMayBeWrittenAsText() {
        assertThat(loader.load(FILE, "database: mysql\n").effective().database()).contains(DatabaseKind.MYSQL);
        ReviewConfig mariadb = loader.load(FILE, "database: {kind: MariaDB, version: \"10.11\"}\n").effective();
        assertThat(mariadb.database()).contains(DatabaseKind.MARIADB);
        assertThat(mariadb.databaseVersion()).contains(10);
    }

    @Test
    void emptyOrCommentOnlyFileMeansDefaults() {
        assertThat(loader.load(FILE, "")).isEqualTo(new ConfigResult.Loaded(ReviewConfig.defaults()));
        assertThat(loader.load(FILE, "# nothing yet\n")).isEqualTo(new ConfigResult.Loaded(ReviewConfig.defaults()));
        assertThat(loader.load(FILE, "\uFEFFdatabase: postgresql\n".getBytes(StandardCharsets.UTF_8)).errors()).isEmpty();
        assertThat(loader.load(Optional.empty())).isEqualTo(new ConfigResult.Loaded(ReviewConfig.defaults()));
        assertThat(loader.load(Optional.of(SourceFile.of(FILE, "database: h2\n"))).effective().database()).contains(DatabaseKind.H2);
    }

    @Test
    void unknownKeySaysWhereAndSuggestsTheClosestKey() {
        ConfigResult result = loader.load(FILE, """
                database: postgresql
                exclude:
                  - "db/seeds/**"
                timeouts_set_by_runner: false

                # per-rule severities
                rulez:
                  prefer-text-field: off
                """);

        assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(result.effective()).isEqualTo(ReviewConfig.defaults());
        assertThat(result.errors()).extracting(ConfigError::render)
                .containsExactly(".github/migration-review.yml:7:1: unknown key 'rulez' (did you mean 'rules'?)");
    }

    @Test
    void nestedUnknownKeysAndValuesAreAllReportedAtTheirPlace() {
        ConfigResult result = loader.load(FILE, """
                database:
                  kind: postgress
                  verison: 15
                migrations:
                  - glob: "db/{a,b"
                  - framework: flyway
                  - glob: "x/*.sql"
                    framework: flywy
                rules:
                  adding-not-null-feild: error
                  prefer-text-field: loud
                timeouts_set_by_runner: sometimes
                exclude: {db: seeds}
                """);

        assertThat(result.errors()).extracting(ConfigError::render).containsExactly(
                FILE + ":2:9: 'database.kind': unknown database 'postgress' (did you mean 'postgresql'?); known: "
                        + "postgresql, mysql, mariadb, sqlite, h2, sqlserver, db2, cockroachdb, oracle",
                FILE + ":3:3: unknown key 'database.verison' (did you mean 'database.version'?)",
                FILE + ":5:11: 'migrations[].glob': glob 'db/{a,b' '{' is never closed (character 4)",
                FILE + ":6:5: a 'migrations' entry needs a 'glob'",
                FILE + ":8:16: unknown framework 'flywy' (did you mean 'flyway'?); known: flyway, flyway-java, "
                        + "golang-migrate, migrate, dbmate, goose, diesel, prisma, sqitch, liquibase, liquibase-sql, "
                        + "liquibase-xml, liquibase-yaml, liquibase-json, rails, alembic, django, sql, plain-sql",
                FILE + ":10:3: unknown rule 'adding-not-null-feild' (did you mean 'adding-not-null-field'?); "
                        + "`migration-review rules` lists them",
                FILE + ":11:22: 'rules.prefer-text-field': 'loud' is not a severity (use error, warning, notice or off)",
                FILE + ":12:25: 'timeouts_set_by_runner' must be true or false, found 'sometimes'",
                FILE + ":13:10: 'exclude' must be a list, found a mapping");
    }

    @Test
    void versionNeedsAKindAndMustBeANumber() {
        assertThat(loader.load(FILE, "database:\n  version: 15\n").errors()).extracting(ConfigError::render)
                .containsExactly(FILE + ":2:12: 'database.version' needs 'database.kind' beside it (which database is version 15?)");
        assertThat(loader.load(FILE, "database: {kind: postgresql, version: latest}\n").errors()).extracting(ConfigError::message)
                .containsExactly("'database.version' must be a major version such as 16, found 'latest'");
    }

    @Test
    void wrongShapesAreExplained() {
        assertThat(loader.load(FILE, "- database\n- rules\n").errors()).extracting(ConfigError::render)
                .containsExactly(FILE + ":1:1: the configuration must be a mapping of settings such as database, rules "
                        + "and areas (docs/config.md lists them), found a list");
        assertThat(loader.load(FILE, "rules: [a, b]\n").errors()).extracting(ConfigError::message)
                .containsExactly("'rules' must map rule ids to error, warning, notice or off; found a list");
        assertThat(loader.load(FILE, "database:\n").errors()).extracting(ConfigError::message)
                .containsExactly("'database' must be a database name such as postgresql, or {kind: postgresql, version: 16}; found nothing");
        assertThat(loader.load(FILE, "rules:\n  Not A Rule: off\n").errors()).extracting(ConfigError::message)
                .containsExactly("'Not A Rule' is not a rule id (rule ids look like adding-not-null-field)");
    }

    @Test
    void repeatedKeysPointAtTheRepeat() {
        assertThat(loader.load(FILE, "rules: {}\ndatabase: mysql\nrules: {}\n").errors()).extracting(ConfigError::render)
                .containsExactly(FILE + ":3:1: 'rules' is set twice (first on line 1)");
    }

    @Test
    void brokenYamlIsReportedAtTheProblem() {
        ConfigResult result = loader.load(FILE, "database: postgresql\nexclude: [a,\nrules: x: y\n");
        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.file()).isEqualTo(FILE);
            assertThat(error.line()).isEqualTo(3);
            assertThat(error.message()).startsWith("invalid YAML, while parsing a flow sequence: expected ',' or ']'");
        });
        assertThat(loader.load(FILE, "database: postgresql\n\trules: {}\n").errors()).singleElement()
                .satisfies(error -> {
                    assertThat(error.line()).isEqualTo(2);
                    assertThat(error.message()).contains("TAB");
                });
    }

    @Test
    void aliasesSecondDocumentsAndHugeFilesAreRefused() {
        assertThat(loader.load(FILE, "exclude: &x [a]\nmigrations: *x\n").errors()).extracting(ConfigError::message)
                .containsExactly("YAML aliases (*x) are not supported here; write the value out");
        assertThat(loader.load(FILE, "database: mysql\n---\ndatabase: postgresql\n").errors()).extracting(ConfigError::line)
                .containsExactly(3);
        byte[] huge = ("# padding\n".repeat(ConfigLoader.MAX_BYTES / 10 + 1)).getBytes(StandardCharsets.UTF_8);
        assertThat(loader.load(FILE, huge).errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).contains("at most " + ConfigLoader.MAX_BYTES));
    }

    @Test
    void ruleIdsAreOnlyCheckedAgainstACatalogueWhenOneIsGiven() {
        ConfigResult result = ConfigLoader.acceptingAnyRuleId().load(FILE, "rules: {some-future-rule: error}\n");
        assertThat(result.effective().rules()).containsEntry("some-future-rule", Severity.ERROR);
    }
}

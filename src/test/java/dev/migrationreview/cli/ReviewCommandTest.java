package dev.migrationreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.report.MarkdownRenderer;
import dev.migrationreview.report.SarifShape;
import dev.migrationreview.snapshot.TemporaryGitRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review command end to end, against a real git repository made in the test. */
class ReviewCommandTest {

    private static final String INDEX_MIGRATION = "db/migration/V2__index_users_email.sql";
    private static final String INDEX_RULE = "create-index-non-concurrently";
    private static final String REQUIRED_COLUMN_RULE = "add-column-required-no-default";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TemporaryGitRepository repo;

    /**
     * main holds the users table; the feature branch indexes it without CONCURRENTLY (a warning)
     * and adds a NOT NULL column without a default (an error).
     */
    @BeforeEach
    void repositoryWithAFeatureBranch() {
        repo = TemporaryGitRepository.init(dir.resolve("repo"), "main")
                .write("db/migration/V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
                .write("README.md", "the app\n")
                .commit("users");
        repo.branch("feature")
                .write(INDEX_MIGRATION, "-- speeds up sign-in\nCREATE INDEX idx_users_email ON users (email);\n"
                        + "ALTER TABLE users ADD COLUMN tenant_id bigint NOT NULL;\n")
                .commit("index users by email");
    }

    private CommandLineRun review(String... args) {
        var all = new String[args.length + 3];
        all[0] = "review";
        all[1] = "--repo";
        all[2] = repo.root().toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return CommandLineRun.of(all);
    }

    @Test
    void reviewsWhatThePullRequestWouldChangeAndFailsOnAnError() {
        var run = review();

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains(INDEX_MIGRATION + ":2 warning " + INDEX_RULE)
                .contains(INDEX_MIGRATION + ":3 error " + REQUIRED_COLUMN_RULE)
                .contains("FAIL 1 migration file reviewed (HEAD against main, merge base ")
                .doesNotContain("V1__create_users");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void jsonIsOneObjectWithFilesFindingsAndSummary() throws Exception {
        var run = review("--format", "json");

        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("files")).hasSize(1);
        JsonNode file = root.get("files").get(0);
        assertThat(file.get("path").asText()).isEqualTo(INDEX_MIGRATION);
        assertThat(file.get("framework").asText()).isEqualTo("flyway");
        assertThat(file.at("/dialect/database").asText()).isEqualTo("postgresql");
        assertThat(file.get("statements").asInt()).isEqualTo(2);
        assertThat(file.get("unparsed").asInt()).isZero();
        assertThat(root.get("findings")).anySatisfy(f -> {
            assertThat(f.get("rule").asText()).isEqualTo(INDEX_RULE);
            assertThat(f.get("severity").asText()).isEqualTo("warning");
            assertThat(f.get("file").asText()).isEqualTo(INDEX_MIGRATION);
            assertThat(f.get("line").asInt()).isEqualTo(2);
            assertThat(f.get("lock").asText()).isNotEmpty();
            assertThat(f.at("/fix/code").asText()).contains("CONCURRENTLY");
        });
        assertThat(root.at("/summary/verdict").asText()).isEqualTo("fail");
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void sarifHasTheShapeCodeScanningAccepts() throws Exception {
        var run = review("--format", "sarif");

        JsonNode log = JSON.readTree(run.out());
        assertThat(SarifShape.violations(log)).isEmpty();
        assertThat(log.at("/runs/0/results")).anySatisfy(result -> {
            assertThat(result.get("ruleId").asText()).isEqualTo(INDEX_RULE);
            assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo(INDEX_MIGRATION);
        });
        assertThat(log.at("/runs/0/tool/driver/rules").findValuesAsText("id")).contains(INDEX_RULE);
    }

    @Test
    void markdownIsTheSummaryCommentWithItsMarker() {
        var run = review("--format", "markdown");

        assertThat(run.out()).startsWith(MarkdownRenderer.MARKER + "\n")
                .contains("| `" + INDEX_MIGRATION + "` | Flyway |")
                .contains("`" + INDEX_RULE + "`")
                .contains("```sql");
    }

    @Test
    void failOnDecidesTheExitCode() {
        assertThat(review("--fail-on", "never").exitCode()).isZero();
        repo.write(INDEX_MIGRATION, "CREATE INDEX idx_users_email ON users (email);\n").commit("only the index");
        assertThat(review().exitCode()).as("a warning does not fail by default").isZero();
        assertThat(review("--fail-on", "warning").exitCode()).isEqualTo(1);
        assertThat(review("--fail-on", "WARNING").out()).contains("FAIL");
    }

    @Test
    void aChangeWithoutMigrationsIsClean() {
        repo.checkout("main").branch("docs").write("README.md", "the app, documented\n").commit("docs");

        var run = review();

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("PASS 0 migration files reviewed");
    }

    @Test
    void theConfigurationComesFromTheBaseNotFromThePullRequest() {
        repo.write(".github/migration-review.yml", "rules:\n  " + REQUIRED_COLUMN_RULE + ": off\n").commit("silence the rule");

        assertThat(review().out()).contains(REQUIRED_COLUMN_RULE);
        var withLocalConfig = review("--config", repo.root().resolve(".github/migration-review.yml").toString());
        assertThat(withLocalConfig.out()).doesNotContain(REQUIRED_COLUMN_RULE).contains(INDEX_RULE);
        assertThat(withLocalConfig.exitCode()).isZero();
    }

    @Test
    void aBrokenConfigurationIsReportedAndTheReviewStillRuns() throws Exception {
        repo.checkout("main").write(".github/migration-review.yml", "rules:\n  no-such-rule: error\n").commit("config");
        repo.checkout("feature");
        repo.git("merge", "--quiet", "--no-edit", "main");

        var run = review("--format", "json");

        JsonNode root = JSON.readTree(run.out());
        assertThat(root.get("configProblems")).singleElement().satisfies(problem -> {
            assertThat(problem.get("file").asText()).isEqualTo(".github/migration-review.yml");
            assertThat(problem.get("line").asInt()).isEqualTo(2);
            assertThat(problem.get("message").asText()).contains("no-such-rule");
        });
        assertThat(root.get("findings").findValuesAsText("rule")).contains(INDEX_RULE, REQUIRED_COLUMN_RULE);
        assertThat(run.exitCode()).isEqualTo(1);
    }

    @Test
    void pathsReviewFilesAsTheyAreInTheWorkingTree() {
        repo.write("db/migration/V3__more.sql", "CREATE INDEX idx_users_id ON users (id);\n");

        var run = review(repo.root().resolve(INDEX_MIGRATION).toString(), repo.root().resolve("db/migration/V3__more.sql").toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        assertThat(run.out()).contains("db/migration/V3__more.sql:1 warning " + INDEX_RULE)
                .contains(INDEX_MIGRATION + ":3 error " + REQUIRED_COLUMN_RULE)
                .contains("2 migration files reviewed (2 files in the working tree)");
    }

    @Test
    void aFolderIsReviewedAsOneChangeSoTablesItCreatesCountAsNew() {
        var run = review(repo.root().resolve("db").toString());

        assertThat(run.out()).as("V1 creates users, so indexing it later in the same change blocks nobody")
                .contains("PASS 2 migration files reviewed (2 files in the working tree): no findings");
        assertThat(run.exitCode()).isZero();
    }

    @Test
    void eachFileReviewsEveryFileAsAMigrationThatAlreadyRan() {
        var run = review("--each-file", repo.root().resolve("db").toString());

        assertThat(run.out()).as("users exists when V2 runs").contains(INDEX_MIGRATION + ":3 error " + REQUIRED_COLUMN_RULE);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(review("--each-file").err()).contains("--each-file applies to PATH arguments");
    }

    @Test
    void explicitBaseAndHeadPickTheCommits() {
        var run = review("--base", "main", "--head", "main");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("0 migration files reviewed (main against main, merge base");
    }

    @Test
    void outsideAGitRepositoryTheErrorSaysWhatToDo() {
        var run = CommandLineRun.of("review", "--repo", dir.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("is not inside a git repository").contains("review PATH");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void usageMistakesExitWithTwo() {
        assertThat(review("--format", "xml").exitCode()).isEqualTo(2);
        assertThat(review("--base", "main", "db").err()).contains("Use one or the other");
        assertThat(review("--database", "postgre-sql-server").err()).contains("unknown database");
        assertThat(review("--pg-version", "3").err()).contains("not a PostgreSQL major version");
        assertThat(review("--database", "mysql", "--pg-version", "16").exitCode()).isEqualTo(2);
        assertThat(review(repo.root().resolve("no/such/file.sql").toString()).err()).contains("no such file or folder");
        assertThat(review("--config", dir.resolve("missing.yml").toString()).err()).contains("cannot read the configuration file");
    }

    @Test
    void databaseAndVersionOverridesReachTheReview() throws Exception {
        JsonNode root = JSON.readTree(review("--format", "json", "--database", "mysql").out());

        assertThat(root.at("/files/0/dialect/database").asText()).isEqualTo("mysql");
        JsonNode pg = JSON.readTree(review("--format", "json", "--pg-version", "11").out());
        assertThat(pg.at("/files/0/dialect/version").asInt()).isEqualTo(11);
    }
}

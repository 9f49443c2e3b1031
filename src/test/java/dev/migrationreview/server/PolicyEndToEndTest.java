package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.migrationreview.server.AppReviewEndToEndTest.awaitDelivery;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.server.GitHubFake.FakeFile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The policy through the App: the configuration from the base branch (or the organisation's
 * .github repository), reviews, team membership and earlier commits from WireMock's GitHub, and
 * the verdict as the check run's conclusion and the summary comment.
 */
class PolicyEndToEndTest {

    static final String REPO = GitHubFake.REPO;
    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final String BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
    static final String EARLIER = "0ddba11000000000000000000000000000000001";
    static final String CONFIG = ".github/migration-review.yml";
    static final String MIGRATION = "db/migrations/000002_drop_nickname.up.sql";
    static final String DOWN = "db/migrations/000002_drop_nickname.down.sql";
    static final String DOWN_SQL = "ALTER TABLE users ADD COLUMN nickname text;\n";
    static final String DROP = "SET lock_timeout = '2s';\nSET statement_timeout = '30s';\nALTER TABLE users DROP COLUMN nickname;\n";
    static final String CHECK_RUNS = "/repos/" + REPO + "/check-runs";
    static final String COMMENTS = "/repos/" + REPO + "/issues/2/comments";

    /** Identity is owned by a team; dropping a column needs its approval. drop-column itself is muted to see the policy. */
    static final String POLICY = """
            database: postgresql
            rules: {drop-column: off}
            areas:
              - name: identity
                tables: [users]
                owners: ["@Codertocat/identity"]
                service: accounts
            config_owners: [octolead]
            """;

    static GitHubFake github;

    @TempDir
    Path data;

    @BeforeAll
    static void startGitHub() {
        github = new GitHubFake();
    }

    @AfterAll
    static void stopGitHub() {
        github.close();
    }

    @BeforeEach
    void freshGitHub() {
        github.reset();
        // Review events carry a partial pull request, which github-api completes with a read.
        github.pull(Fixtures.json(Fixtures.webhook("pull_request/opened.json")).path("pull_request"));
        github.tree(Map.of(DOWN, DOWN_SQL, CONFIG, POLICY));
        github.contentsAt(REPO, CONFIG, BASE, POLICY);
    }

    BotHarness bot() {
        return BotHarness.start(github, BotHarness.settings(github, data, true));
    }

    static JsonNode lastCompletion() {
        return github.bodies("PATCH", CHECK_RUNS + "/\\d+").stream().filter(b -> b.has("conclusion")).toList().getLast();
    }

    static String summaryComment() {
        List<JsonNode> posted = github.bodies("POST", COMMENTS);
        List<JsonNode> edited = github.bodies("PATCH", "/repos/" + REPO + "/issues/comments/\\d+");
        return (edited.isEmpty() ? posted.getLast() : edited.getLast()).path("body").asText();
    }

    /** The pull request's reviews as GitHub lists them. */
    static void reviews(ObjectNode... reviews) {
        ArrayNode list = GitHubFake.JSON.createArrayNode();
        for (ObjectNode review : reviews) {
            list.add(review);
        }
        github.listing(urlPathEqualTo("/repos/" + REPO + "/pulls/2/reviews"), list);
    }

    static ObjectNode review(long id, String login, String state, String commit) {
        ObjectNode review = GitHubFake.JSON.createObjectNode().put("id", id).put("state", state).put("body", "")
                .put("commit_id", commit).put("submitted_at", "2026-11-25T10:0" + id % 10 + ":00Z")
                .put("html_url", "https://github.com/" + REPO + "/pull/2#pullrequestreview-" + id)
                .put("author_association", "MEMBER");
        review.putObject("user").put("login", login).put("id", 1000 + id).put("type", "User");
        return review;
    }

    static void member(String team, String login) {
        github.stub(get(urlPathEqualTo("/orgs/Codertocat/teams/" + team + "/memberships/" + login)), 200,
                GitHubFake.JSON.createObjectNode().put("state", "active").put("role", "member"));
    }

    @Test
    void anOwnersApprovalThroughTeamMembershipPassesTheCheck() {
        github.files(2, List.of(FakeFile.added(MIGRATION, DROP)));
        reviews(review(1, "stranger", "APPROVED", HEAD));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            JsonNode waiting = lastCompletion();
            assertThat(waiting.path("conclusion").asText()).isEqualTo("action_required");
            assertThat(waiting.path("output").path("summary").asText())
                    .contains("identity needs an approval from a member of @Codertocat/identity");
            assertThat(summaryComment()).contains("#### Policy: ⏳ action required")
                    .contains("| identity (accounts, warm)<br>`users` | @Codertocat/identity | **yes**: non-additive: drop at "
                            + MIGRATION + " line 3 | – | ❌ an approval from a member of @Codertocat/identity |");
            assertThat(github.requests("GET", "/orgs/Codertocat/teams/identity/memberships/stranger")).hasSize(1);

            member("identity", "hubot");
            reviews(review(1, "stranger", "APPROVED", HEAD), review(2, "hubot", "APPROVED", HEAD));
            bot.deliver("pull_request_review", "review-1", Fixtures.webhook("pull_request_review/submitted.json",
                    p -> ((ObjectNode) p.path("review")).put("state", "approved")));
            awaitDelivery(bot, "review-1");
            JsonNode approved = lastCompletion();
            assertThat(approved.path("conclusion").asText()).isEqualTo("success");
            assertThat(summaryComment()).contains("#### Policy: ✅ success").contains("| @hubot | ✅ |");
            assertThat(github.requests("GET", "/orgs/Codertocat/teams/identity/memberships/stranger"))
                    .as("memberships are remembered across reviews").hasSize(1);
        }
    }

    @Test
    void aRebaseThatLeavesTheMigrationAloneKeepsTheApproval() {
        github.files(2, List.of(FakeFile.added(MIGRATION, DROP)));
        github.contentsAt(REPO, MIGRATION, EARLIER, DROP);
        member("identity", "hubot");
        reviews(review(1, "hubot", "APPROVED", EARLIER));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            assertThat(lastCompletion().path("conclusion").asText()).isEqualTo("success");
            assertThat(github.requests("GET", "/repos/" + REPO + "/contents/" + MIGRATION))
                    .as("the migration is read at the approved commit").hasSize(1);
        }
    }

    @Test
    void aPushThatChangesTheMigrationDropsTheApproval() {
        String earlier = "ALTER TABLE users DROP COLUMN nickname;\n";
        github.files(2, List.of(FakeFile.added(MIGRATION, DROP)));
        github.contentsAt(REPO, MIGRATION, EARLIER, earlier);
        member("identity", "hubot");
        reviews(review(1, "hubot", "APPROVED", EARLIER));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            assertThat(lastCompletion().path("conclusion").asText()).isEqualTo("action_required");
            assertThat(summaryComment()).contains("~~@hubot: approved 0ddba11, and " + MIGRATION + " has changed since~~");
        }
    }

    @Test
    void aDismissedReviewNoLongerApproves() {
        github.files(2, List.of(FakeFile.added(MIGRATION, DROP)));
        member("identity", "hubot");
        reviews(review(1, "hubot", "DISMISSED", HEAD));
        try (var bot = bot()) {
            bot.deliver("pull_request_review", "dismissed-1", Fixtures.webhook("pull_request_review/dismissed.json"));
            awaitDelivery(bot, "dismissed-1");
            assertThat(lastCompletion().path("conclusion").asText()).isEqualTo("action_required");
            assertThat(summaryComment()).contains("~~@hubot: the approval was dismissed~~");
        }
    }

    @Test
    void aPullRequestEditingTheConfigIsJudgedByTheBaseVersionAndNeedsTheConfigOwners() {
        String relaxed = "database: postgresql\nrules: {drop-column: off}\n";
        github.files(2, List.of(FakeFile.added(MIGRATION, DROP), FakeFile.modified(CONFIG, relaxed, 1, 2)));
        github.contentsAt(REPO, CONFIG, HEAD, relaxed);
        member("identity", "hubot");
        reviews(review(1, "hubot", "APPROVED", HEAD));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            JsonNode completion = lastCompletion();
            assertThat(completion.path("conclusion").asText()).isEqualTo("action_required");
            assertThat(completion.path("output").path("summary").asText())
                    .contains("configuration needs an approval from @octolead");
            assertThat(summaryComment()).as("the base version's area still applies").contains("| identity (accounts, warm)");

            reviews(review(1, "hubot", "APPROVED", HEAD), review(2, "octolead", "APPROVED", HEAD));
            bot.deliver("pull_request_review", "review-1", Fixtures.webhook("pull_request_review/submitted.json"));
            awaitDelivery(bot, "review-1");
            assertThat(lastCompletion().path("conclusion").asText()).isEqualTo("success");
        }
    }

    @Test
    void aBrokenConfigurationOnTheBaseBranchFailsTheCheckWithItsLineAndStillReviews() {
        github.contentsAt(REPO, CONFIG, BASE, "database: postgresql\nunowned_tables: maybe\n");
        github.files(2, List.of(FakeFile.added(MIGRATION, "CREATE INDEX ix_users_email ON users (email);\n")));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            JsonNode completion = lastCompletion();
            assertThat(completion.path("conclusion").asText()).isEqualTo("failure");
            assertThat(completion.path("output").path("summary").asText()).contains(
                    CONFIG + ":2:17: 'unowned_tables': 'maybe' is not one of fine, notice, warning, error");
            assertThat(summaryComment()).contains("create-index-non-concurrently");
        }
    }

    @Test
    void anAgentsPullRequestMeetsTheStricterBar() {
        github.files(2, List.of(FakeFile.added(MIGRATION, "SET lock_timeout = '2s';\nSET statement_timeout = '30s';\n"
                + "ALTER TABLE users ADD COLUMN created timestamp;\n")));
        byte[] opened = Fixtures.webhook("pull_request/opened.json", p -> ((ObjectNode) p.path("pull_request").path("user"))
                .put("login", "copilot-swe-agent[bot]").put("type", "Bot"));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", opened);
            awaitDelivery(bot, "opened-1");
            JsonNode completion = lastCompletion();
            assertThat(completion.path("conclusion").asText()).isEqualTo("failure");
            assertThat(completion.path("output").path("summary").asText())
                    .contains("warnings fail AI-authored pull requests (ai.warnings_fail)");
            assertThat(summaryComment()).contains("🤖 **AI-authored**: the author copilot-swe-agent[bot] is a coding agent")
                    .contains("AI-authored: owners approve even additive changes")
                    .contains("`workflow` **missing**: no workflow is named");
        }
    }

    @Test
    void aRepositoryWithoutItsOwnConfigUsesTheOrganisationDefault() {
        github.tree(Map.of(DOWN, DOWN_SQL));
        github.onDefaultBranch("Codertocat/.github", CONFIG, POLICY.replace("tables: [users]", "tables: [users]\n    profile: hot"));
        github.files(2, List.of(FakeFile.added(MIGRATION, DROP)));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            assertThat(summaryComment()).contains("| identity (accounts, hot)");
            bot.deliver("pull_request", "edited-1", Fixtures.webhook("pull_request/edited.json", p -> {
                p.set("pull_request", Fixtures.json(Fixtures.webhook("pull_request/opened.json")).path("pull_request"));
                p.set("repository", Fixtures.json(Fixtures.webhook("pull_request/opened.json")).path("repository"));
                p.set("installation", Fixtures.json(Fixtures.webhook("pull_request/opened.json")).path("installation"));
            }));
            awaitDelivery(bot, "edited-1");
            assertThat(github.requests("GET", "/repos/Codertocat/.github/contents/.github/migration-review.yml"))
                    .as("the organisation default is remembered between reviews").hasSize(1);
        }
    }
}

package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.server.GitHubFake.FakeFile;
import dev.migrationreview.store.CommandLog;
import dev.migrationreview.store.PullRequestDecision;
import dev.migrationreview.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slash commands end to end: real issue_comment payloads (edited into comments on the fake's pull
 * request) drive the running server; WireMock answers GitHub's permission and team APIs, so each
 * decision rests on what GitHub says about the commenter at that moment. Every comment claims
 * author_association OWNER, which must count for nothing.
 */
class SlashCommandsEndToEndTest {

    static final String REPO = "/repos/" + GitHubFake.REPO;
    static final String CHECK_RUNS = REPO + "/check-runs";
    static final String COMMENTS = REPO + "/issues/2/comments";
    static final String REACTIONS = REPO + "/issues/comments/(\\d+)/reactions";
    static final String SUMMARY = REPO + "/issues/comments/" + GitHubFake.COMMENT_ID;
    static final String CONFIG = """
            areas:
              - name: scores
                paths: ["packages/shared/prisma/migrations/**"]
                owners: [alice, "@Codertocat/dba"]
              - name: billing
                paths: ["billing/**"]
                owners: [bea]
            senior_reviewers: [sam]
            """;

    static GitHubFake github;
    static final AtomicLong COMMENT_IDS = new AtomicLong(5000);

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
    void pullRequestWithErrors() {
        github.reset();
        github.tree(Map.of(AppReviewEndToEndTest.REPO_DIR + "migration_lock.toml",
                Fixtures.corpus(AppReviewEndToEndTest.CORPUS + "migration_lock.toml"), ".github/migration-review.yml", CONFIG));
        github.files(2, AppReviewEndToEndTest.BAD);
        github.pull(opened().path("pull_request"));
        github.stub(post(urlPathMatching(REACTIONS)), 201, GitHubFake.JSON.createObjectNode().put("id", 1).put("content", "+1"));
        role("alice", "write");
        role("bob", "read");
        role("sam", "admin");
        role("rita", "read");
        role("mallory", "read");
        role("Codertocat", "admin");
        ObjectNode member = GitHubFake.JSON.createObjectNode().put("state", "active").put("role", "member")
                .put("url", github.apiUrl() + "/organizations/1/team/2/memberships/bob");
        github.stub(get(urlPathEqualTo("/orgs/Codertocat/teams/dba/memberships/bob")), 200, member);
    }

    static void role(String login, String role) {
        ObjectNode answer = GitHubFake.JSON.createObjectNode()
                .put("permission", role.equals("maintain") ? "write" : role.equals("triage") ? "read" : role)
                .put("role_name", role);
        answer.putObject("user").put("login", login).put("type", "User");
        github.stub(get(urlPathEqualTo(REPO + "/collaborators/" + login + "/permission")), 200, answer);
    }

    static JsonNode opened() {
        return Fixtures.json(Fixtures.webhook("pull_request/opened.json"));
    }

    /** The real issue_comment payload, moved onto the fake's pull request #2 by {@code login}. */
    static byte[] comment(long id, String login, String body) {
        return comment("created", id, login, "User", body);
    }

    static byte[] comment(String action, long id, String login, String type, String body) {
        JsonNode repository = opened().path("repository");
        return Fixtures.webhook("issue_comment/created.on-pull-request.json", p -> {
            p.put("action", action);
            p.set("repository", repository);
            ((ObjectNode) p.path("installation")).put("id", GitHubFake.INSTALLATION);
            ObjectNode issue = (ObjectNode) p.path("issue");
            issue.put("number", 2);
            ((ObjectNode) issue.path("user")).put("login", "Codertocat");
            ObjectNode comment = (ObjectNode) p.path("comment");
            comment.put("id", id).put("body", body).put("author_association", "OWNER");
            ((ObjectNode) comment.path("user")).put("login", login).put("type", type);
            ((ObjectNode) p.path("sender")).put("login", login).put("type", type);
        });
    }

    BotHarness bot() {
        return BotHarness.start(github, BotHarness.settings(github, data, true));
    }

    /** Opens the pull request and waits for its first review: a failing check and the summary comment. */
    static void reviewed(BotHarness bot) {
        bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
        awaitDelivery(bot, "opened-1");
        assertThat(lastConclusion()).isEqualTo("failure");
    }

    static void awaitDelivery(BotHarness bot, String deliveryId) {
        BotHarness.await("delivery " + deliveryId + " is processed", AppReviewEndToEndTest.WAIT,
                () -> bot.server().deliveryFinished(deliveryId));
        assertThat(bot.server().delivery(deliveryId).orElseThrow().status())
                .isEqualTo(dev.migrationreview.store.DeliveryStatus.DONE);
    }

    static long say(BotHarness bot, String login, String body) {
        long id = COMMENT_IDS.incrementAndGet();
        var response = bot.deliver("issue_comment", "comment-" + id, comment(id, login, body));
        assertThat(response.body()).contains("\"queued\"");
        awaitDelivery(bot, "comment-" + id);
        return id;
    }

    static List<String> reactions(long commentId) {
        return github.bodies("POST", REPO + "/issues/comments/" + commentId + "/reactions").stream()
                .map(b -> b.path("content").asText()).toList();
    }

    /** The bot's replies to people (its summary comment is the other comment it posts). */
    static List<String> replies() {
        return github.bodies("POST", COMMENTS).stream().map(b -> b.path("body").asText())
                .filter(body -> body.startsWith("@")).toList();
    }

    static String lastConclusion() {
        return github.bodies("PATCH", CHECK_RUNS + "/\\d+").stream().filter(b -> b.has("conclusion"))
                .reduce((first, second) -> second).orElseThrow().path("conclusion").asText();
    }

    static JsonNode lastCompletion() {
        return github.bodies("PATCH", CHECK_RUNS + "/\\d+").stream().filter(b -> b.has("conclusion"))
                .reduce((first, second) -> second).orElseThrow();
    }

    static long completions() {
        return github.bodies("PATCH", CHECK_RUNS + "/\\d+").stream().filter(b -> b.has("conclusion")).count();
    }

    static String summary() {
        return github.bodies("PATCH", SUMMARY).getLast().path("body").asText();
    }

    /** Every decision recorded, read once the bot has stopped (the embedded database admits one process). */
    List<PullRequestDecision> recordedDecisions() {
        try (Store store = Store.open(Store.embedded(data), Clock.systemUTC())) {
            return store.decisions().history(prKey());
        }
    }

    List<CommandLog.Entry> commandLog() {
        try (Store store = Store.open(Store.embedded(data), Clock.systemUTC())) {
            return store.commandLog().ofPullRequest(prKey());
        }
    }

    static String prKey() {
        return "pr:" + opened().path("repository").path("id").asLong() + "#2";
    }

    @Test
    void anAreaOwnerApprovesAndTheSummaryAndCheckShowItBoundToTheHead() {
        try (var bot = bot()) {
            reviewed(bot);
            long before = completions();
            long id = say(bot, "alice", "Looks fine to me.\n/migration-review approve");
            assertThat(reactions(id)).containsExactly("eyes", "+1");
            assertThat(replies()).as("a done approval needs no reply").isEmpty();
            assertThat(completions()).as("one re-evaluation").isEqualTo(before + 1);
            assertThat(summary()).contains("Area `scores` approved by @alice at ec26c3e");
            assertThat(lastCompletion().path("output").path("summary").asText())
                    .contains("Area scores approved by @alice at ec26c3e");
            assertThat(github.requests("GET", REPO + "/collaborators/alice/permission"))
                    .as("ownership is by login here: no role needed").isEmpty();
        }
        assertThat(recordedDecisions()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(PullRequestDecision.Kind.APPROVAL);
            assertThat(d.actor()).isEqualTo("alice");
            assertThat(d.subject()).isEqualTo("scores");
            assertThat(d.headSha()).isEqualTo(AppReviewEndToEndTest.HEAD);
            assertThat(d.migrationBlobs().keySet())
                    .containsExactlyInAnyOrderElementsOf(AppReviewEndToEndTest.BAD.stream().map(FakeFile::path).toList());
            assertThat(d.migrationBlobs().values()).doesNotHaveDuplicates().allMatch(blob -> blob.matches("[0-9a-f]{40}"));
        });
    }

    @Test
    void aTeamMemberApprovesThroughTeamMembership() {
        try (var bot = bot()) {
            reviewed(bot);
            long id = say(bot, "bob", "/migration-review approve scores");
            assertThat(reactions(id)).containsExactly("eyes", "+1");
            assertThat(github.requests("GET", "/orgs/Codertocat/teams/dba/memberships/bob"))
                    .as("asked by the command when it ran, then by the policy counting the approval").hasSize(2);
            assertThat(summary()).contains("Area `scores` approved by @bob");
        }
    }

    @Test
    void someoneWhoOwnsNoAreaIsRefusedWithWhoMay() {
        try (var bot = bot()) {
            reviewed(bot);
            long before = completions();
            long id = say(bot, "mallory", "/migration-review approve");
            assertThat(reactions(id)).containsExactly("eyes", "confused");
            assertThat(replies()).singleElement().satisfies(reply -> assertThat(reply)
                    .startsWith("@mallory")
                    .contains("> /migration-review approve")
                    .contains("Not done: you own no schema area")
                    .contains("scores: @alice or a member of @Codertocat/dba; billing: @bea"));
            assertThat(completions()).as("nothing changed: no re-evaluation").isEqualTo(before);
            assertThat(github.requests("GET", "/orgs/Codertocat/teams/dba/memberships/mallory"))
                    .as("asked at the moment the command ran").hasSize(1);

            long other = say(bot, "alice", "/migration-review approve billing");
            assertThat(reactions(other)).containsExactly("eyes", "confused");
            assertThat(replies().getLast()).contains("you do not own the area 'billing'").contains("Who may: @bea for billing");
        }
        assertThat(recordedDecisions()).isEmpty();
        assertThat(commandLog())
                .extracting(CommandLog.Entry::actor, CommandLog.Entry::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("mallory", CommandLog.Outcome.REFUSED),
                        org.assertj.core.groups.Tuple.tuple("alice", CommandLog.Outcome.REFUSED));
    }

    @Test
    void anOverrideWithoutAReasonIsNotUnderstood() {
        try (var bot = bot()) {
            reviewed(bot);
            long id = say(bot, "sam", "/migration-review override add-column-required-no-default");
            assertThat(reactions(id)).containsExactly("eyes", "confused");
            assertThat(replies()).singleElement().satisfies(reply -> assertThat(reply)
                    .contains("an override needs a reason")
                    .contains("`/migration-review override <rule-id> [file:line] reason: <why>`"));
        }
        assertThat(recordedDecisions()).isEmpty();
    }

    @Test
    void anOverrideBySomeoneWhoIsNotASeniorReviewerIsRefused() {
        try (var bot = bot()) {
            reviewed(bot);
            long id = say(bot, "alice", "/migration-review override add-column-required-no-default reason: table is empty");
            assertThat(reactions(id)).containsExactly("eyes", "confused");
            assertThat(replies()).singleElement().satisfies(reply -> assertThat(reply)
                    .contains("Not done: you are not a senior reviewer").contains("Who may: @sam"));
        }
        assertThat(recordedDecisions()).isEmpty();
    }

    @Test
    void seniorOverridesOfEveryErrorAndAnOwnersApprovalLetTheCheckPass() {
        try (var bot = bot()) {
            reviewed(bot);
            List<String> errorRules = lastCompletion().path("output").path("annotations").findParents("annotation_level")
                    .stream().filter(a -> a.path("annotation_level").asText().equals("failure"))
                    .map(a -> a.path("title").asText()).distinct().toList();
            assertThat(errorRules).isNotEmpty().hasSizeLessThanOrEqualTo(9);
            var body = new StringBuilder("Reviewed with the DBA team.\n");
            errorRules.forEach(rule -> body.append("/migration-review override ").append(rule)
                    .append(" reason: the tables are empty in every environment\n"));
            long before = completions();
            long id = say(bot, "sam", body.toString());
            assertThat(reactions(id)).containsExactly("eyes", "+1");
            assertThat(completions()).as("several commands, one re-evaluation").isEqualTo(before + 1);
            assertThat(lastConclusion()).as("no error left, but the scores owners have not approved").isEqualTo("action_required");
            assertThat(summary()).contains("(Overridden by @sam: the tables are empty in every environment)")
                    .contains("overridden by @sam at ec26c3e: the tables are empty in every environment")
                    .contains("@alice or a member of @Codertocat/dba");
            say(bot, "alice", "/migration-review approve");
            assertThat(lastConclusion()).as("the approval counts like alice's review").isIn("success", "neutral");
        }
    }

    @Test
    void aReadOnlyUserCannotHoldAndAWriterCanUntilLifted() {
        try (var bot = bot()) {
            reviewed(bot);
            long refused = say(bot, "rita", "/migration-review hold");
            assertThat(reactions(refused)).containsExactly("eyes", "confused");
            assertThat(replies()).singleElement().satisfies(reply -> assertThat(reply)
                    .contains("you do not have write access").contains("Who may: anyone with write access"));

            say(bot, "alice", "/migration-review hold reason: wait for the release freeze to end");
            assertThat(lastConclusion()).isEqualTo("failure");
            assertThat(lastCompletion().path("output").path("summary").asText())
                    .contains("On hold by @alice").contains("wait for the release freeze to end");
            long lifted = say(bot, "Codertocat", "/migration-review unhold");
            assertThat(reactions(lifted)).containsExactly("eyes", "+1");
            assertThat(summary()).doesNotContain("On hold");
        }
        assertThat(recordedDecisions()).singleElement().satisfies(hold -> {
            assertThat(hold.kind()).isEqualTo(PullRequestDecision.Kind.HOLD);
            assertThat(hold.reason()).isEqualTo("wait for the release freeze to end");
            assertThat(hold.withdrawnBy()).contains("Codertocat");
        });
    }

    @Test
    void anEditedCommentAndABotsCommentAreIgnoredWithoutAnyCall() {
        try (var bot = bot()) {
            reviewed(bot);
            long calls = github.countedCalls();
            var edited = bot.deliver("issue_comment", "edited-1",
                    comment("edited", 77, "alice", "User", "/migration-review approve"));
            assertThat(edited.body()).contains("\"ignored\"").contains("only new comments carry commands");
            var fromBot = bot.deliver("issue_comment", "bot-1",
                    comment("created", 78, "migration-review[bot]", "Bot", "/migration-review approve"));
            assertThat(fromBot.body()).contains("\"ignored\"").contains("comment by a bot");
            var otherBot = bot.deliver("issue_comment", "bot-2",
                    comment("created", 79, "renovate[bot]", "User", "/migration-review hold"));
            assertThat(otherBot.body()).contains("comment by a bot");
            var chat = bot.deliver("issue_comment", "chat-1", comment(80, "alice", "We could `/migration-review approve` later.\n"
                    + "```\n/migration-review approve\n```\n> /migration-review approve"));
            assertThat(chat.body()).contains("comment carries no command");
            assertThat(github.countedCalls()).isEqualTo(calls);
            assertThat(bot.server().delivery("edited-1")).isEmpty();
        }
    }

    @Test
    void severalCommandsInOneCommentShareOneReplyOneReactionAndOneReevaluation() {
        try (var bot = bot()) {
            reviewed(bot);
            long before = completions();
            long id = say(bot, "alice", """
                    /migration-review approve
                    /migration-review explain add-column-required-no-default
                    /migration-review frobnicate
                    /migration-review help
                    """);
            assertThat(reactions(id)).as("one command was not understood").containsExactly("eyes", "confused");
            assertThat(replies()).singleElement().satisfies(reply -> assertThat(reply)
                    .contains("# add-column-required-no-default").contains("## Safe alternative")
                    .contains("Not understood: there is no command 'frobnicate'")
                    .contains("| `/migration-review approve [area ...]` |").contains("✅ may (areas: scores)")
                    .contains("| `/migration-review override <rule-id> [file:line] reason: <why>` |")
                    .contains("– @sam may"));
            assertThat(completions()).isEqualTo(before + 1);
            assertThat(summary()).contains("Area `scores` approved by @alice");
        }
    }

    @Test
    void aBurstOfCommentsIsRunInOrderAndReevaluatedOnce() {
        try (var bot = bot()) {
            reviewed(bot);
            long before = completions();
            long first = COMMENT_IDS.incrementAndGet();
            // The first comment's acknowledgement is slow, so the others queue behind it on the pull request.
            github.wireMock().stubFor(post(urlPathEqualTo(REPO + "/issues/comments/" + first + "/reactions")).atPriority(1)
                    .willReturn(GitHubFake.json(201, GitHubFake.JSON.createObjectNode().put("id", 2).put("content", "eyes"))
                            .withFixedDelay(1500)));
            long second = first + 1;
            long third = first + 2;
            COMMENT_IDS.addAndGet(2);
            bot.deliver("issue_comment", "burst-1", comment(first, "alice", "/migration-review approve"));
            bot.deliver("issue_comment", "burst-2", comment(second, "bob", "/migration-review approve"));
            bot.deliver("issue_comment", "burst-3", comment(third, "Codertocat", "/migration-review help"));
            List.of("burst-1", "burst-2", "burst-3").forEach(id -> awaitDelivery(bot, id));
            assertThat(List.of(first, second, third)).allSatisfy(id -> assertThat(reactions(id)).containsExactly("eyes", "+1"));
            assertThat(completions()).as("three comments, one re-evaluation with both approvals").isEqualTo(before + 1);
            assertThat(summary()).contains("Area `scores` approved by @alice").contains("Area `scores` approved by @bob");
            assertThat(bot.server().delivery("burst-1").orElseThrow().outcome().orElseThrow())
                    .contains("superseded by a newer delivery");
            assertThat(replies()).singleElement().satisfies(reply -> assertThat(reply).startsWith("@Codertocat"));
        }
    }

    @Test
    void anApprovalLapsesWhenAMigrationChanges() {
        try (var bot = bot()) {
            reviewed(bot);
            say(bot, "alice", "/migration-review approve");
            String next = "1111111111111111111111111111111111111111";
            var changed = new java.util.ArrayList<>(AppReviewEndToEndTest.BAD);
            FakeFile first = changed.getFirst();
            changed.set(0, FakeFile.added(first.path(), first.headContent() + "\n-- reviewed\n"));
            github.files(2, changed);
            bot.deliver("pull_request", "sync-2", Fixtures.webhook("pull_request/synchronize.json", Fixtures.head(next)));
            awaitDelivery(bot, "sync-2");
            assertThat(summary()).contains("~~Area `scores` approved by @alice at ec26c3e~~ lapsed")
                    .contains(first.path() + " has changed");
        }
    }
}

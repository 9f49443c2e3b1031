package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.migrationreview.server.GitHubFake.FakeFile;
import java.nio.file.Path;
import dev.migrationreview.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The App end to end: real webhook payloads, correctly signed, drive the server on a random port;
 * WireMock plays api.github.com; the real engine reviews real migrations from the corpus.
 */
class AppReviewEndToEndTest {

    static final String CORPUS = "prisma/langfuse/packages/shared/prisma/migrations/";
    static final String REPO_DIR = "packages/shared/prisma/migrations/";
    static final String HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
    static final String CHECK_RUNS = "/repos/Codertocat/Hello-World/check-runs";
    static final String COMMENTS = "/repos/Codertocat/Hello-World/issues/2/comments";
    static final String REVIEWS = "/repos/Codertocat/Hello-World/pulls/2/reviews";
    static final Duration WAIT = Duration.ofSeconds(30);

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
        github.tree(Map.of(REPO_DIR + "migration_lock.toml", Fixtures.corpus(CORPUS + "migration_lock.toml")));
    }

    /** A pull request changing real Prisma migrations, in a repository with Prisma's lock file. */
    static void servePrisma(GitHubFake github, List<FakeFile> files) {
        github.tree(Map.of(REPO_DIR + "migration_lock.toml", Fixtures.corpus(CORPUS + "migration_lock.toml")));
        github.files(2, files);
    }

    static FakeFile migration(String folder) {
        return FakeFile.added(REPO_DIR + folder + "/migration.sql", Fixtures.corpus(CORPUS + folder + "/migration.sql"));
    }

    static final List<FakeFile> BAD = List.of(migration("20230518193521_changes"),
            migration("20231104004529_scores_add_index"), migration("20230810191453_project_id_not_null"));

    BotHarness bot() {
        return BotHarness.start(github, BotHarness.settings(github, data, true));
    }

    static boolean completed() {
        return github.bodies("PATCH", CHECK_RUNS + "/\\d+").stream().anyMatch(b -> b.has("conclusion"));
    }

    static long completions() {
        return github.bodies("PATCH", CHECK_RUNS + "/\\d+").stream().filter(b -> b.has("conclusion")).count();
    }

    static void awaitDelivery(BotHarness bot, String deliveryId) {
        BotHarness.await("delivery " + deliveryId + " is processed", WAIT, () -> bot.server().deliveryFinished(deliveryId));
    }

    @Test
    void badMigrationsGetACheckRunWithAnnotationsOneSummaryCommentAndOneReviewWithValidAnchors() {
        github.files(2, BAD);
        try (var bot = bot()) {
            var response = bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(Fixtures.json(response.body().getBytes()).path("status").asText()).isEqualTo("queued");
            awaitDelivery(bot, "opened-1");

            JsonNode started = github.bodies("POST", CHECK_RUNS).getFirst();
            assertThat(github.bodies("POST", CHECK_RUNS)).hasSize(1);
            assertThat(started.path("name").asText()).isEqualTo("migration-review");
            assertThat(started.path("head_sha").asText()).isEqualTo(HEAD);
            assertThat(started.path("status").asText()).isEqualTo("in_progress");
            assertThat(started.path("details_url").asText()).matches(bot.server().publicUrl() + "/reviews/[0-9a-f]{32}");
            assertThat(started.path("output").path("title").asText()).isNotBlank();

            List<JsonNode> updates = github.bodies("PATCH", CHECK_RUNS + "/" + GitHubFake.CHECK_RUN_ID);
            JsonNode completed = updates.getLast();
            assertThat(completed.path("status").asText()).isEqualTo("completed");
            assertThat(completed.path("conclusion").asText()).isEqualTo("failure");
            assertThat(completed.path("output").path("title").asText()).contains("error").contains("3 migration files");
            assertThat(completed.path("output").path("summary").asText().length()).isLessThanOrEqualTo(65_535);
            assertThat(completed.path("actions").get(0).path("identifier").asText()).isEqualTo("rerun");
            List<JsonNode> annotations = updates.stream().flatMap(u -> stream(u.path("output").path("annotations"))).toList();
            assertThat(annotations).isNotEmpty().allSatisfy(a -> {
                assertThat(a.path("path").asText()).startsWith(REPO_DIR);
                assertThat(a.path("annotation_level").asText()).isIn("notice", "warning", "failure");
                assertThat(a.path("start_line").asInt()).isPositive().isLessThanOrEqualTo(a.path("end_line").asInt());
            });
            assertThat(annotations).anyMatch(a -> a.path("annotation_level").asText().equals("failure"));

            assertThat(github.bodies("POST", COMMENTS)).singleElement()
                    .satisfies(c -> assertThat(c.path("body").asText()).startsWith("<!-- migration-review -->"));
            JsonNode review = github.bodies("POST", REVIEWS).getFirst();
            assertThat(github.bodies("POST", REVIEWS)).hasSize(1);
            assertThat(review.path("event").asText()).isEqualTo("COMMENT");
            assertThat(review.path("commit_id").asText()).isEqualTo(HEAD);
            assertAnchorsInDiff(review, BAD);
            assertThat(stream(review.path("comments"))).anyMatch(c -> c.path("body").asText().contains("```suggestion")
                    || c.path("body").asText().contains("```sql"));

            var page = bot.get(started.path("details_url").asText().substring(bot.server().publicUrl().length()));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("20230518193521_changes/migration.sql").contains("add-column-required-no-default");

            try (var store = Store.open(Store.embedded(data), Clock.systemUTC())) {
                BotHarness.await("the review is recorded as finished", WAIT,
                        () -> store.retention().prune(Duration.ZERO).reports() == 1);
            }
            var expired = bot.get(started.path("details_url").asText().substring(bot.server().publicUrl().length()));
            assertThat(expired.statusCode()).as("the report was pruned").isEqualTo(410);
            assertThat(expired.body()).contains("no longer kept").contains("failure");
        }
    }

    @Test
    void theNextPushEditsTheSummaryAndPostsOnlyNewLineComments() {
        github.files(2, BAD);
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            List<JsonNode> firstComments = stream(github.bodies("POST", REVIEWS).getFirst().path("comments")).toList();

            var second = new ArrayList<>(BAD);
            second.add(migration("20231030184329_events_add_index_on_projectid"));
            github.files(2, second);
            String next = "1234567890abcdef1234567890abcdef12345678";
            bot.deliver("pull_request", "sync-2", Fixtures.webhook("pull_request/synchronize.json", Fixtures.head(next)));
            awaitDelivery(bot, "sync-2");

            assertThat(github.requests("POST", COMMENTS)).as("one summary comment per pull request").hasSize(1);
            assertThat(github.bodies("PATCH", "/repos/Codertocat/Hello-World/issues/comments/" + GitHubFake.COMMENT_ID))
                    .singleElement().satisfies(edit -> assertThat(edit.path("body").asText())
                            .contains("20231030184329_events_add_index_on_projectid").contains("4 migration files"));
            List<JsonNode> reviews = github.bodies("POST", REVIEWS);
            assertThat(reviews).hasSize(2);
            assertThat(reviews.get(1).path("commit_id").asText()).isEqualTo(next);
            assertThat(stream(reviews.get(1).path("comments")))
                    .as("only the new migration's finding is commented again")
                    .isNotEmpty()
                    .allSatisfy(c -> assertThat(c.path("path").asText()).contains("20231030184329_events_add_index_on_projectid"));
            assertThat(firstComments).noneMatch(c -> c.path("path").asText().contains("20231030184329"));

            // The same content again (a check suite for the new head) changes nothing on the pull request.
            github.files(2, List.of(FakeFile.added("README.md", "# Hello\n")));
            String third = "abcdefabcdefabcdefabcdefabcdefabcdefabcd";
            bot.deliver("pull_request", "sync-3", Fixtures.webhook("pull_request/synchronize.json", Fixtures.head(third)));
            awaitDelivery(bot, "sync-3");
            assertThat(github.requests("POST", COMMENTS)).hasSize(1);
            assertThat(github.bodies("PATCH", "/repos/Codertocat/Hello-World/issues/comments/" + GitHubFake.COMMENT_ID).getLast()
                    .path("body").asText()).contains("no longer changes any migration files");
            assertThat(github.requests("POST", REVIEWS)).hasSize(2);
        }
    }

    @Test
    void aPullRequestWithoutMigrationsGetsASuccessfulCheckAndNoComment() {
        github.files(2, List.of(FakeFile.added("README.md", "# Hello World\n"),
                FakeFile.modified("src/main/App.java", "class App {\n  void run() {}\n}\n", 2, 2)));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            JsonNode completed = github.bodies("PATCH", CHECK_RUNS + "/\\d+").getLast();
            assertThat(completed.path("conclusion").asText()).isEqualTo("success");
            assertThat(completed.path("output").path("title").asText()).isEqualTo("No migrations changed");
            assertThat(github.requests("POST", COMMENTS)).isEmpty();
            assertThat(github.requests("POST", REVIEWS)).isEmpty();
            assertThat(github.requests("GET", "/repos/Codertocat/Hello-World/contents/src/main/App.java"))
                    .as("a file no framework reads is never downloaded").isEmpty();
        }
    }

    @Test
    void aRedeliveredDeliveryIsProcessedOnce() {
        github.files(2, BAD);
        byte[] payload = Fixtures.webhook("pull_request/opened.json");
        try (var bot = bot()) {
            assertThat(bot.deliver("pull_request", "same-id", payload).body()).contains("\"queued\"");
            awaitDelivery(bot, "same-id");
            var again = bot.deliver("pull_request", "same-id", payload);
            assertThat(again.statusCode()).isEqualTo(202);
            assertThat(again.body()).contains("\"duplicate\"");
            bot.deliver("check_suite", "suite-1", Fixtures.webhook("check_suite/rerequested.json", p -> {
                p.put("action", "requested");
                ((ObjectNode) p.path("installation")).put("id", GitHubFake.INSTALLATION);
            }));
            awaitDelivery(bot, "suite-1");
            assertThat(github.requests("POST", CHECK_RUNS)).as("the same head is not reviewed twice").hasSize(1);
            assertThat(github.requests("POST", REVIEWS)).hasSize(1);
        }
    }

    @Test
    void aGitHubServerErrorIsRetriedAndTheReviewCompletesOnce() {
        github.files(2, BAD);
        github.wireMock().stubFor(post(urlPathEqualTo(CHECK_RUNS)).atPriority(1).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"Server Error\"}")));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            assertThat(github.requests("POST", CHECK_RUNS)).hasSize(2);
            assertThat(github.requests("GET", "/repos/Codertocat/Hello-World/commits/" + HEAD + "/check-runs"))
                    .as("the retry first looks for a check run the failed attempt may have created").hasSize(1);
            assertThat(completions()).isEqualTo(1);
            assertThat(github.requests("POST", COMMENTS)).hasSize(1);
            assertThat(github.requests("POST", REVIEWS)).hasSize(1);
            assertThat(bot.server().delivery("opened-1").orElseThrow().attempts()).isEqualTo(2);
        }
    }

    @Test
    void aSecondaryRateLimitIsWaitedOutAsRetryAfterSays() {
        github.files(2, BAD);
        github.wireMock().stubFor(post(urlPathMatching(COMMENTS)).atPriority(1).inScenario("limited")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("allowed")
                .willReturn(aResponse().withStatus(403).withHeader("Retry-After", "1")
                        .withHeader("Content-Type", "application/json")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.\","
                                + "\"documentation_url\":\"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api\"}")));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            List<LoggedRequest> posts = github.requests("POST", COMMENTS);
            assertThat(posts).hasSize(2);
            assertThat(posts.get(1).getLoggedDate().getTime() - posts.get(0).getLoggedDate().getTime())
                    .as("the second attempt waits for Retry-After").isGreaterThanOrEqualTo(1000);
            assertThat(bot.server().delivery("opened-1").orElseThrow().attempts()).isEqualTo(1);
            assertThat(github.requests("POST", REVIEWS)).hasSize(1);
        }
    }

    @Test
    void moreThanFiftyFindingsAreAnnotatedInBatchesOfFifty() {
        List<FakeFile> many = indexMigrations(45);
        github.files(2, many);
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            List<JsonNode> updates = github.bodies("PATCH", CHECK_RUNS + "/\\d+");
            assertThat(updates).allSatisfy(u -> assertThat(u.path("output").path("annotations").size()).isLessThanOrEqualTo(50));
            int total = updates.stream().mapToInt(u -> u.path("output").path("annotations").size()).sum();
            assertThat(total).isGreaterThan(50);
            assertThat(updates.size()).isEqualTo((total + 49) / 50);
            assertThat(updates.subList(0, updates.size() - 1)).noneMatch(u -> u.has("conclusion"));
            assertThat(updates.getLast().path("status").asText()).isEqualTo("completed");
            assertAnchorsInDiff(github.bodies("POST", REVIEWS).getFirst(), many);
        }
    }

    @Test
    void aBurstOfPushesIsReviewedOnceAtTheNewestHead() {
        github.files(2, BAD);
        // Hold the first review at its first GitHub call, so that the burst queues up behind it.
        github.wireMock().stubFor(post(urlPathEqualTo("/app/installations/1/access_tokens")).atPriority(1)
                .willReturn(GitHubFake.json(201, tokenJson()).withFixedDelay(1500)));
        List<String> heads = IntStream.rangeClosed(1, 4).mapToObj(i -> (i + "").repeat(40)).toList();
        try (var bot = bot()) {
            bot.deliver("pull_request", "push-0", Fixtures.webhook("pull_request/synchronize.json", Fixtures.head(heads.getFirst())));
            BotHarness.await("the first push is being reviewed", WAIT, () -> bot.server().delivery("push-0").orElseThrow()
                    .status() == dev.migrationreview.store.DeliveryStatus.RUNNING);
            for (int i = 1; i < heads.size(); i++) {
                bot.deliver("pull_request", "push-" + i, Fixtures.webhook("pull_request/synchronize.json", Fixtures.head(heads.get(i))));
            }
            BotHarness.await("every push is handled", WAIT, () -> IntStream.range(0, heads.size())
                    .allMatch(i -> bot.server().deliveryFinished("push-" + i)));
            // The first push was being reviewed when the others came: it stops at its next step,
            // completing its check run if it had created one (that run is on its own commit); the
            // pushes in between are folded into the newest, the only one commented on.
            List<String> checked = github.bodies("POST", CHECK_RUNS).stream().map(c -> c.path("head_sha").asText()).toList();
            assertThat(checked).containsOnlyOnce(heads.getLast()).isSubsetOf(heads.getFirst(), heads.getLast());
            assertThat(completions()).as("every check run created is completed").isEqualTo(checked.size());
            assertThat(IntStream.range(1, heads.size() - 1).mapToObj(i -> bot.server().delivery("push-" + i).orElseThrow()))
                    .allSatisfy(d -> assertThat(d.status()).isEqualTo(dev.migrationreview.store.DeliveryStatus.COALESCED));
            assertThat(github.bodies("POST", REVIEWS)).extracting(r -> r.path("commit_id").asText()).containsExactly(heads.getLast());
            assertThat(github.requests("POST", COMMENTS)).hasSize(1);
        }
    }

    @Test
    void aSummaryCommentGitHubFailedToCreateIsPostedOnTheRetryEvenThoughTheCheckRunIsDone() {
        github.files(2, BAD);
        github.wireMock().stubFor(post(urlPathMatching("/repos/Codertocat/Hello-World/issues/\\d+/comments")).atPriority(1)
                .inScenario("flaky comments").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(GitHubFake.json(502, GitHubFake.JSON.createObjectNode().put("message", "Server Error"))));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            assertThat(bot.server().delivery("opened-1").orElseThrow().outcome().orElseThrow()).startsWith("reviewed " + HEAD.substring(0, 7));
            assertThat(github.requests("POST", COMMENTS)).as("the failed attempt and the retry").hasSize(2);
            assertThat(github.requests("POST", CHECK_RUNS)).hasSize(1);
            assertThat(github.requests("POST", REVIEWS)).hasSize(1);
        }
    }

    @Test
    void aPushDeliveredLateDoesNotTakeThePullRequestBackToAnOlderHead() {
        github.files(2, BAD);
        String middle = "1".repeat(40);
        String newest = "2".repeat(40);
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            // Two pushes; the webhook of the first is late, so the second arrives first.
            byte[] first = Fixtures.webhook("pull_request/synchronize.json", pushed(HEAD, middle));
            byte[] second = Fixtures.webhook("pull_request/synchronize.json", pushed(middle, newest));
            bot.deliver("pull_request", "push-2", second);
            awaitDelivery(bot, "push-2");
            bot.deliverLate("pull_request", "push-1", first);
            awaitDelivery(bot, "push-1");

            assertThat(github.bodies("POST", CHECK_RUNS)).extracting(c -> c.path("head_sha").asText())
                    .as("pushes that do not follow the reviewed head make the bot ask GitHub for the head")
                    .containsExactly(HEAD, newest);
            assertThat(github.requests("GET", "/repos/Codertocat/Hello-World/pulls/2")).isNotEmpty();
            assertThat(github.requests("PATCH", "/repos/Codertocat/Hello-World/issues/comments/\\d+"))
                    .as("the summary shows the newest head, and the late push leaves it so").hasSize(1);
            assertThat(bot.server().delivery("push-1").orElseThrow().outcome().orElseThrow()).contains("reviewed already");
        }
    }

    @Test
    void aPushThatFollowsTheReviewedHeadIsTakenFromThePayloadWithoutAskingGitHub() {
        github.files(2, BAD);
        String next = "3".repeat(40);
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            bot.deliver("pull_request", "push-1", Fixtures.webhook("pull_request/synchronize.json", pushed(HEAD, next)));
            awaitDelivery(bot, "push-1");
            assertThat(github.requests("GET", "/repos/Codertocat/Hello-World/pulls/2")).isEmpty();
            assertThat(github.bodies("POST", CHECK_RUNS)).extracting(c -> c.path("head_sha").asText()).containsExactly(HEAD, next);
        }
    }

    @Test
    void anEditedDescriptionUpdatesTheHeadsCheckRunInsteadOfStartingASecond() {
        github.files(2, BAD);
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            int annotations = annotationsSent();
            bot.deliver("pull_request", "edited-1", Fixtures.webhook("pull_request/synchronize.json", payload -> {
                payload.put("action", "edited");
                payload.putObject("changes").putObject("body").put("from", "an older description");
            }));
            awaitDelivery(bot, "edited-1");
            assertThat(github.requests("POST", CHECK_RUNS)).as("one check run for the head").hasSize(1);
            assertThat(completions()).as("completed again with the new verdict").isEqualTo(2);
            assertThat(annotationsSent()).as("annotations already on the check run are not sent again").isEqualTo(annotations);
        }
    }

    private static int annotationsSent() {
        return github.bodies("PATCH", CHECK_RUNS + "/\\d+").stream().mapToInt(b -> b.path("output").path("annotations").size()).sum();
    }

    /** A synchronize payload for a push from {@code before} to {@code after}. */
    private static java.util.function.Consumer<ObjectNode> pushed(String before, String after) {
        return payload -> {
            Fixtures.head(after).accept(payload);
            payload.put("before", before);
        };
    }

    @Test
    void theRerunButtonReviewsAgainWithFewCallsWhenNothingChanged() {
        github.files(2, BAD);
        JsonNode opened = Fixtures.json(Fixtures.webhook("pull_request/opened.json"));
        github.pull(opened.path("pull_request"));
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            long before = github.countedCalls();
            bot.deliver("check_run", "rerun-1", buttonPressed("rerun"));
            awaitDelivery(bot, "rerun-1");
            assertThat(github.requests("POST", CHECK_RUNS)).hasSize(2);
            assertThat(completions()).isEqualTo(2);
            assertThat(github.requests("POST", COMMENTS)).as("the summary is unchanged").hasSize(1);
            assertThat(github.requests("PATCH", "/repos/Codertocat/Hello-World/issues/comments/\\d+")).isEmpty();
            assertThat(github.requests("POST", REVIEWS)).as("no duplicate line comments").hasSize(1);
            long calls = github.countedCalls() - before;
            assertThat(calls).as("pull request read + check run created and completed").isLessThanOrEqualTo(3);
        }
    }

    /** The real check_run requested_action payload: someone pressed our check run's button {@code identifier}. */
    static byte[] buttonPressed(String identifier) {
        JsonNode repository = Fixtures.json(Fixtures.webhook("pull_request/opened.json")).path("repository");
        return Fixtures.webhook("check_run/requested_action.json", p -> {
            ObjectNode run = (ObjectNode) p.path("check_run");
            run.put("name", "migration-review").put("id", GitHubFake.CHECK_RUN_ID).put("head_sha", HEAD);
            ((ObjectNode) run.path("app")).put("id", BotHarness.APP_ID);
            run.putArray("pull_requests").addObject().put("number", 2);
            ((ObjectNode) p.path("requested_action")).put("identifier", identifier);
            p.set("repository", repository);
            ((ObjectNode) p.path("installation")).put("id", GitHubFake.INSTALLATION);
        });
    }

    @Test
    void aClosedAndReopenedPullRequestFindsItsSummaryCommentByItsMarker() {
        github.files(2, BAD);
        try (var bot = bot()) {
            bot.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "opened-1");
            String firstBody = github.bodies("POST", COMMENTS).getFirst().path("body").asText();
            var existing = github.comment(firstBody);
            github.listing(urlPathMatching(COMMENTS), GitHubFake.JSON.createArrayNode().add(existing));
            bot.deliver("pull_request", "closed-1", Fixtures.webhook("pull_request/closed.json"));
            awaitDelivery(bot, "closed-1");
            bot.deliver("pull_request", "reopened-1", Fixtures.webhook("pull_request/reopened.json"));
            awaitDelivery(bot, "reopened-1");
            assertThat(github.requests("GET", COMMENTS)).as("the marker search").hasSize(1);
            assertThat(github.requests("POST", COMMENTS)).as("the existing comment is reused").hasSize(1);
            assertThat(github.requests("GET", "/repos/Codertocat/Hello-World/pulls/2/comments"))
                    .as("posted line comments are recognised by their fingerprints").hasSize(1);
        }
    }

    @Test
    void filesArePagedAndAPullRequestBeyondGitHubsListingCapAsksForAPerson() {
        var firstPage = new ArrayList<FakeFile>();
        for (int i = 0; i < 100; i++) {
            firstPage.add(FakeFile.added("docs/page-" + i + ".md", "# Page " + i + "\n"));
        }
        github.files(2, firstPage);
        String files = "/repos/Codertocat/Hello-World/pulls/2/files";
        github.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(files)).atPriority(1)
                .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("2"))
                .willReturn(GitHubFake.json(200, GitHubFake.JSON.createArrayNode().add(GitHubFake.JSON.createObjectNode()
                        .put("filename", BAD.getFirst().path()).put("status", "added").put("sha", GitHubFake.sha("x"))
                        .put("patch", BAD.getFirst().patch())))));
        github.wireMock().stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(urlPathEqualTo(files)).atPriority(2)
                .withQueryParam("per_page", com.github.tomakehurst.wiremock.client.WireMock.equalTo("100"))
                .withQueryParam("page", com.github.tomakehurst.wiremock.client.WireMock.absent())
                .willReturn(GitHubFake.json(200, filesJson(firstPage))
                        .withHeader("Link", "<" + github.apiUrl() + files + "?per_page=100&page=2>; rel=\"next\", <"
                                + github.apiUrl() + files + "?per_page=100&page=2>; rel=\"last\"")));
        try (var bot = bot()) {
            bot.deliver("pull_request", "big-1", Fixtures.webhook("pull_request/opened.json",
                    p -> ((ObjectNode) p.path("pull_request")).put("changed_files", 3500)));
            awaitDelivery(bot, "big-1");
            assertThat(github.requests("GET", files)).hasSize(2);
            JsonNode completed = github.bodies("PATCH", CHECK_RUNS + "/\\d+").getLast();
            assertThat(completed.path("output").path("title").asText()).as("the migration on the second page")
                    .contains("1 migration file");
            assertThat(completed.path("output").path("summary").asText()).contains("changes 3500 files")
                    .contains("GitHub lists only the first 3000");
            assertThat(completed.path("conclusion").asText()).isEqualTo("failure");
        }
    }

    @Test
    void aSuspendedInstallationIsLeftAloneUntilItIsUnsuspended() {
        github.files(2, BAD);
        java.util.function.Consumer<ObjectNode> ours = p -> ((ObjectNode) p.path("installation")).put("id", GitHubFake.INSTALLATION);
        try (var bot = bot()) {
            bot.deliver("installation", "install-1", Fixtures.webhook("installation/created.json", ours));
            bot.deliver("installation", "suspend-1", Fixtures.webhook("installation/suspend.json", ours));
            awaitDelivery(bot, "suspend-1");
            bot.deliver("pull_request", "while-suspended", Fixtures.webhook("pull_request/opened.json"));
            awaitDelivery(bot, "while-suspended");
            assertThat(bot.server().delivery("while-suspended").orElseThrow().outcome().orElseThrow()).contains("suspended");
            assertThat(github.requests("POST", CHECK_RUNS)).isEmpty();
            bot.deliver("installation", "unsuspend-1", Fixtures.webhook("installation/suspend.json", p -> {
                ours.accept(p);
                p.put("action", "unsuspend");
            }));
            awaitDelivery(bot, "unsuspend-1");
            bot.deliver("pull_request", "after", Fixtures.webhook("pull_request/reopened.json"));
            awaitDelivery(bot, "after");
            assertThat(github.requests("POST", CHECK_RUNS)).hasSize(1);
            assertThat(bot.server().delivery("install-1").orElseThrow().outcome().orElseThrow()).contains("active");
        }
    }

    // ---------------------------------------------------------------------------------------------

    static com.fasterxml.jackson.databind.node.ArrayNode filesJson(List<FakeFile> files) {
        var entries = GitHubFake.JSON.createArrayNode();
        files.forEach(f -> entries.addObject().put("filename", f.path()).put("status", f.status())
                .put("sha", GitHubFake.sha(f.headContent())).put("patch", f.patch()));
        return entries;
    }

    static ObjectNode tokenJson() {
        return GitHubFake.JSON.createObjectNode().put("token", GitHubFake.TOKEN)
                .put("expires_at", java.time.Instant.now().plusSeconds(3600).toString());
    }

    /** Real Prisma migrations that create indexes (each has findings), sorted by name. */
    static List<FakeFile> indexMigrations(int count) {
        try (var folders = java.nio.file.Files.list(Fixtures.shared().resolve("corpus").resolve(CORPUS))) {
            return folders.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("20")).sorted()
                    .filter(f -> Fixtures.corpus(CORPUS + f + "/migration.sql").contains("CREATE INDEX"))
                    .limit(count).map(AppReviewEndToEndTest::migration).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** Every comment sits on lines the file's patch shows on its new side (checked from the patch itself). */
    static void assertAnchorsInDiff(JsonNode review, List<FakeFile> files) {
        assertThat(review.path("comments").size()).isPositive();
        for (JsonNode comment : review.path("comments")) {
            FakeFile file = files.stream().filter(f -> f.path().equals(comment.path("path").asText())).findFirst()
                    .orElseThrow(() -> new AssertionError("comment on a file outside the diff: " + comment.path("path")));
            Set<Integer> shown = newSideLines(file.patch());
            assertThat(shown).contains(comment.path("line").asInt());
            if (comment.has("start_line")) {
                assertThat(shown).contains(comment.path("start_line").asInt());
                assertThat(comment.path("start_line").asInt()).isLessThan(comment.path("line").asInt());
            }
            assertThat(comment.has("side") ? comment.path("side").asText() : "RIGHT").isEqualTo("RIGHT");
        }
    }

    static Set<Integer> newSideLines(String patch) {
        var lines = new HashSet<Integer>();
        int line = 0;
        for (String row : patch.split("\n")) {
            if (row.startsWith("@@")) {
                String plus = row.substring(row.indexOf('+') + 1, row.indexOf(" @@"));
                line = Integer.parseInt(plus.split(",")[0]);
            } else if (row.startsWith("+") || row.startsWith(" ")) {
                lines.add(line++);
            }
        }
        return lines;
    }
}

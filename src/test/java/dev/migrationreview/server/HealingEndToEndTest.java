package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.healing.HealingSettings;
import dev.migrationreview.healing.OpenPullRequestSweep;
import dev.migrationreview.inbox.EventRouter;
import dev.migrationreview.store.DeliveryStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Healing through a real server: a pull request whose webhook never arrived is found by the sweep
 * and reviewed by the workers; a failed delivery is redelivered by the reconciler; on demand
 * through the admin endpoints and on the queue's schedule. WireMock plays api.github.com.
 */
class HealingEndToEndTest {

    static final String HEAD = AppReviewEndToEndTest.HEAD;
    static final long REPOSITORY_ID = 186853002;

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
    }

    /** GitHub's view: installation 1 holds Codertocat/Hello-World with pull request #2 open at HEAD, and no check on it. */
    static void anOpenPullRequestNobodyToldUsAbout() {
        JsonNode opened = Fixtures.json(Fixtures.webhook("pull_request/opened.json"));
        ObjectNode pull = (ObjectNode) opened.path("pull_request").deepCopy();
        pull.put("updated_at", Instant.now().toString());
        ObjectNode installation = GitHubFake.JSON.createObjectNode().put("id", GitHubFake.INSTALLATION)
                .put("app_id", BotHarness.APP_ID).put("target_type", "User").putNull("suspended_at");
        installation.putObject("account").put("login", "Codertocat").put("id", 21031067).put("type", "User");
        github.listing(urlPathEqualTo("/app/installations"), GitHubFake.JSON.createArrayNode().add(installation));
        ObjectNode repositories = GitHubFake.JSON.createObjectNode().put("total_count", 1).put("repository_selection", "selected");
        repositories.putArray("repositories").add(opened.path("repository"));
        github.listing(urlPathEqualTo("/installation/repositories"), repositories);
        github.listing(urlPathEqualTo("/repos/" + GitHubFake.REPO + "/pulls"), GitHubFake.JSON.createArrayNode().add(pull));
        github.pull(opened.path("pull_request"));
        AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
    }

    @Test
    void aPullRequestWhoseWebhookNeverArrivedIsReviewedByTheSweep() {
        anOpenPullRequestNobodyToldUsAbout();
        try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
            assertThat(ParkingAndAdminTest.admin(bot, "POST", "/admin/sweep", null).statusCode()).isEqualTo(401);

            var swept = ParkingAndAdminTest.admin(bot, "POST", "/admin/sweep", "admin-token");
            assertThat(swept.statusCode()).as(swept.body()).isEqualTo(200);
            JsonNode summary = Fixtures.json(swept.body().getBytes()).path("summary");
            assertThat(summary.path("installationsLearned").asInt()).as("the installation event never came either").isEqualTo(1);
            assertThat(summary.path("queued").asInt()).isEqualTo(1);
            assertThat(summary.path("cycleCompleted").asBoolean()).isTrue();

            String deliveryId = OpenPullRequestSweep.deliveryId(REPOSITORY_ID, 2, HEAD);
            AppReviewEndToEndTest.awaitDelivery(bot, deliveryId);
            var delivery = bot.server().delivery(deliveryId).orElseThrow();
            assertThat(delivery.status()).isEqualTo(DeliveryStatus.DONE);
            assertThat(delivery.event()).isEqualTo(EventRouter.SWEEP_EVENT);
            assertThat(github.bodies("POST", AppReviewEndToEndTest.CHECK_RUNS)).singleElement()
                    .satisfies(check -> assertThat(check.path("head_sha").asText()).isEqualTo(HEAD));
            assertThat(github.bodies("PATCH", AppReviewEndToEndTest.CHECK_RUNS + "/\\d+")).filteredOn(b -> b.has("conclusion"))
                    .singleElement().satisfies(check -> assertThat(check.path("conclusion").asText()).isEqualTo("failure"));
            assertThat(github.bodies("POST", AppReviewEndToEndTest.COMMENTS)).hasSize(1);
            assertThat(github.bodies("POST", AppReviewEndToEndTest.REVIEWS)).hasSize(1);

            github.wireMock().resetRequests();
            JsonNode again = Fixtures.json(ParkingAndAdminTest.admin(bot, "POST", "/admin/sweep", "admin-token").body().getBytes())
                    .path("summary");
            assertThat(again.path("queued").asInt()).isZero();
            assertThat(again.path("reviewedInStore").asInt()).as("the store knows the head is reviewed").isEqualTo(1);
            assertThat(github.requests("GET", ".*/check-runs")).isEmpty();
        }
    }

    @Test
    void theScheduledSweepRunsOnItsOwnWhenTheServerStarts() {
        anOpenPullRequestNobodyToldUsAbout();
        ServerSettings base = BotHarness.settings(github, data, true);
        var scheduled = new ServerSettings(base.host(), base.port(), base.publicUrl(), base.webhookSecret(), base.adminToken(),
                base.dataDir(), base.database(), base.github(), base.app(), base.workers(), base.commandPrefix(), base.retention(),
                HealingSettings.every(Duration.ZERO, Duration.ofHours(1)));
        try (var bot = BotHarness.start(github, scheduled)) {
            String deliveryId = OpenPullRequestSweep.deliveryId(REPOSITORY_ID, 2, HEAD);
            BotHarness.await("the sweep queued the pull request", AppReviewEndToEndTest.WAIT,
                    () -> bot.server().delivery(deliveryId).isPresent());
            AppReviewEndToEndTest.awaitDelivery(bot, deliveryId);
            assertThat(github.bodies("POST", AppReviewEndToEndTest.CHECK_RUNS)).hasSize(1);
            assertThat(github.requests("GET", "/app/hook/deliveries")).as("the reconciler is off").isEmpty();
        }
    }

    @Test
    void theSweepsEventCannotBeSentFromOutsideAndLocalModeHasNothingToHeal() {
        try (var bot = BotHarness.start(github, BotHarness.settings(github, data, false))) {
            var forged = bot.deliver(EventRouter.SWEEP_EVENT, "forged-1", Fixtures.webhook("pull_request/opened.json"));
            assertThat(forged.statusCode()).as("correctly signed, but the bot's own event").isEqualTo(400);
            assertThat(bot.server().delivery("forged-1")).isEmpty();
            var takenId = bot.deliver("pull_request", OpenPullRequestSweep.deliveryId(REPOSITORY_ID, 2, HEAD),
                    Fixtures.webhook("pull_request/opened.json"));
            assertThat(takenId.statusCode()).as("a sweep's delivery id cannot be taken first").isEqualTo(400);

            var local = ParkingAndAdminTest.admin(bot, "POST", "/admin/reconcile", "admin-token");
            assertThat(local.statusCode()).isEqualTo(409);
            assertThat(local.body()).contains("local mode");
        }
    }

    @Test
    void aFailedDeliveryIsRedeliveredAndArrivesLikeAnyOther() {
        String guid = "9b5a4e00-0a8f-11f1-8c6d-4a1b7e0b5a11";
        ObjectNode failed = GitHubFake.JSON.createObjectNode().put("id", 12345).put("guid", guid)
                .put("delivered_at", Instant.now().minusSeconds(120).toString()).put("redelivery", false).put("duration", 10.0)
                .put("status", "timed out").put("status_code", 0).put("event", "pull_request").put("action", "opened")
                .put("installation_id", GitHubFake.INSTALLATION).put("repository_id", REPOSITORY_ID).putNull("throttled_at");
        github.wireMock().stubFor(get(urlPathEqualTo("/app/hook/deliveries"))
                .willReturn(GitHubFake.json(200, GitHubFake.JSON.createArrayNode().add(failed))));
        github.wireMock().stubFor(post(urlPathMatching("/app/hook/deliveries/\\d+/attempts"))
                .willReturn(aResponse().withStatus(202).withHeader("Content-Type", "application/json").withBody("{}")));
        AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
        try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
            var reconciled = ParkingAndAdminTest.admin(bot, "POST", "/admin/reconcile", "admin-token");
            assertThat(reconciled.statusCode()).isEqualTo(200);
            JsonNode summary = Fixtures.json(reconciled.body().getBytes()).path("summary");
            assertThat(summary.path("redelivered").asInt()).isEqualTo(1);
            assertThat(github.requests("POST", "/app/hook/deliveries/12345/attempts")).hasSize(1);
            assertThat(github.requests("GET", "/app/hook/deliveries").getFirst().getHeader("Authorization"))
                    .as("the App's own JWT").startsWith("Bearer ");

            // GitHub redelivers under the same guid; the reconciler then finds it stored.
            bot.deliver("pull_request", guid, Fixtures.webhook("pull_request/opened.json"));
            AppReviewEndToEndTest.awaitDelivery(bot, guid);
            JsonNode next = Fixtures.json(ParkingAndAdminTest.admin(bot, "POST", "/admin/reconcile", "admin-token").body()
                    .getBytes()).path("summary");
            assertThat(next.path("redelivered").asInt()).isZero();
            assertThat(next.path("skipped").path("ALREADY_STORED").asInt()).isEqualTo(1);
        }
    }
}

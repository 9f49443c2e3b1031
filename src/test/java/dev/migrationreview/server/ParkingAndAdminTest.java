package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import dev.migrationreview.store.DeliveryStatus;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A delivery that keeps failing is parked with its reason, shown to admins, and can be retried. */
class ParkingAndAdminTest {

    static final String FILES = "/repos/" + GitHubFake.REPO + "/pulls/2/files";

    @Test
    void aDeliveryThatKeepsFailingIsParkedWithItsReasonAndCanBeRetried(@TempDir Path data) {
        try (var github = new GitHubFake()) {
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            StubMapping outage = github.wireMock().stubFor(get(urlPathEqualTo(FILES)).atPriority(1)
                    .willReturn(aResponse().withStatus(502).withHeader("Content-Type", "application/json")
                            .withBody("{\"message\":\"Server Error\"}")));
            try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
                bot.deliver("pull_request", "doomed", Fixtures.webhook("pull_request/opened.json"));
                BotHarness.await("the delivery is parked", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("doomed"));
                var parked = bot.server().delivery("doomed").orElseThrow();
                assertThat(parked.status()).isEqualTo(DeliveryStatus.PARKED);
                assertThat(parked.attempts()).isEqualTo(4);
                assertThat(parked.lastError().orElseThrow()).contains("failed 4 times").contains("Server Error");
                assertThat(bot.get("/metrics").body()).contains("migration_review_deliveries{status=\"parked\"} 1.0");

                assertThat(admin(bot, "GET", "/admin/deliveries?status=parked", null).statusCode()).isEqualTo(401);
                assertThat(admin(bot, "GET", "/admin/deliveries?status=parked", "wrong").statusCode()).isEqualTo(401);
                var listed = admin(bot, "GET", "/admin/deliveries?status=parked", "admin-token");
                assertThat(listed.statusCode()).isEqualTo(200);
                JsonNode rows = Fixtures.json(listed.body().getBytes()).path("deliveries");
                assertThat(rows.size()).isEqualTo(1);
                assertThat(rows.get(0).path("delivery").asText()).isEqualTo("doomed");
                assertThat(rows.get(0).path("last_error").asText()).contains("Server Error");
                assertThat(rows.get(0).path("repository").asText()).isEqualTo(GitHubFake.REPO);

                github.wireMock().removeStub(outage);
                assertThat(admin(bot, "POST", "/admin/deliveries/doomed/retry", "admin-token").statusCode()).isEqualTo(200);
                assertThat(admin(bot, "POST", "/admin/deliveries/unknown/retry", "admin-token").statusCode()).isEqualTo(404);
                BotHarness.await("the retried delivery is processed", Duration.ofSeconds(30),
                        () -> bot.server().delivery("doomed").orElseThrow().status() == DeliveryStatus.DONE);
                assertThat(github.requests("POST", ".*/pulls/2/reviews")).hasSize(1);
            }
        }
    }

    @Test
    void gitHubRefusingAccessParksAtOnce(@TempDir Path data) {
        try (var github = new GitHubFake()) {
            github.wireMock().stubFor(get(urlPathEqualTo(FILES)).atPriority(1)
                    .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                            .withBody("{\"message\":\"Not Found\",\"documentation_url\":\"https://docs.github.com/rest\"}")));
            try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
                bot.deliver("pull_request", "gone", Fixtures.webhook("pull_request/opened.json"));
                BotHarness.await("the delivery is parked", Duration.ofSeconds(30), () -> bot.server().deliveryFinished("gone"));
                var parked = bot.server().delivery("gone").orElseThrow();
                assertThat(parked.status()).isEqualTo(DeliveryStatus.PARKED);
                assertThat(parked.attempts()).isEqualTo(1);
                assertThat(parked.lastError().orElseThrow()).contains("404");
                // A redelivery from GitHub's settings page puts it back in the queue.
                var again = bot.deliver("pull_request", "gone", Fixtures.webhook("pull_request/opened.json"));
                assertThat(again.body()).contains("\"requeued\"");
            }
        }
    }

    /** Found by the webhook fuzzer: such payloads failed with an exception on every attempt before they were parked. */
    @Test
    void aSignedPayloadGitHubWouldNeverSendIsParkedAtOnce(@TempDir Path data) {
        try (var github = new GitHubFake()) {
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
                // Each on a pull request of its own, so that none is folded into another.
                bot.deliver("pull_request", "no-base", Fixtures.webhook("pull_request/opened.json",
                        p -> ((ObjectNode) p.path("pull_request")).remove("base")));
                bot.deliver("pull_request_review", "wrong-type", Fixtures.webhook("pull_request_review/submitted.json",
                        p -> ((ObjectNode) p.path("pull_request")).put("number", 3).putArray("draft")));
                bot.deliver("pull_request", "no-pull-request", Fixtures.webhook("pull_request/opened.json", p -> {
                    p.remove("pull_request");
                    p.put("number", 4);
                }));
                bot.deliver("installation", "huge-account", Fixtures.webhook("installation/created.json",
                        p -> ((ObjectNode) p.path("installation").path("account")).put("login", "x".repeat(1 << 20))));
                for (String id : java.util.List.of("no-base", "wrong-type", "no-pull-request", "huge-account")) {
                    BotHarness.await("the delivery is parked", Duration.ofSeconds(30), () -> bot.server().deliveryFinished(id));
                    var parked = bot.server().delivery(id).orElseThrow();
                    assertThat(parked.status()).as(id).isEqualTo(DeliveryStatus.PARKED);
                    assertThat(parked.attempts()).as(id).isEqualTo(1);
                }
                assertThat(bot.server().delivery("no-base").orElseThrow().lastError().orElseThrow())
                        .contains("lacks its repository, or its pull request's head or base");
                assertThat(bot.server().delivery("wrong-type").orElseThrow().lastError().orElseThrow())
                        .contains("not shaped as GitHub's PullRequestReview event");
                assertThat(bot.server().delivery("no-pull-request").orElseThrow().lastError().orElseThrow())
                        .contains("not shaped as GitHub's PullRequest event");
                assertThat(bot.server().delivery("huge-account").orElseThrow().lastError().orElseThrow())
                        .contains("names an account GitHub could not have");
            }
        }
    }

    static java.net.http.HttpResponse<String> admin(BotHarness bot, String method, String path, String token) {
        var request = HttpRequest.newBuilder(URI.create(bot.url(path)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return bot.send(request.build());
    }
}

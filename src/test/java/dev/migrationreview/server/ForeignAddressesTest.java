package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.migrationreview.store.DeliveryStatus;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub API the operator configured is the only host the App talks to: addresses a webhook
 * payload carries ({@code pull_request.url}, {@code repository.url}, every {@code *_url}) or an
 * API answer names ({@code contents_url}, a {@code Link} header) are never followed elsewhere.
 */
class ForeignAddressesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void addressesInPayloadsAndAnswersAreNeverFollowedToAnotherHost(@TempDir Path data) {
        var elsewhere = new WireMockServer(options().dynamicPort());
        elsewhere.start();
        elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("{}")));
        try (var github = new GitHubFake()) {
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            byte[] payload = new String(Fixtures.webhook("pull_request/opened.json"), StandardCharsets.UTF_8)
                    .replace("https://api.github.com", elsewhere.baseUrl())
                    .replace("https://github.com", elsewhere.baseUrl())
                    .getBytes(StandardCharsets.UTF_8);
            assertThat(new String(payload, StandardCharsets.UTF_8)).contains(elsewhere.baseUrl() + "/repos/" + GitHubFake.REPO + "/pulls/2");

            try (var bot = BotHarness.start(github, BotHarness.settings(github, data, true))) {
                bot.deliver("pull_request", "foreign-1", payload);
                BotHarness.await("the review completes", WAIT, () -> bot.server().deliveryFinished("foreign-1"));
                assertThat(github.bodies("PATCH", AppReviewEndToEndTest.CHECK_RUNS + "/\\d+"))
                        .as("reviewed through the configured API alone").anySatisfy(run -> assertThat(run.has("conclusion")).isTrue());

                // An answer whose next page lies on another host: the listing fails rather than sending the token there.
                github.wireMock().stubFor(get(urlPathEqualTo("/repos/" + GitHubFake.REPO + "/pulls/2/files")).atPriority(1)
                        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                                .withHeader("Link", "<" + elsewhere.baseUrl() + "/repos/" + GitHubFake.REPO
                                        + "/pulls/2/files?page=2>; rel=\"next\"")
                                .withBody("[{\"sha\":\"" + "a".repeat(40) + "\",\"filename\":\"README.md\",\"status\":\"modified\","
                                        + "\"additions\":1,\"deletions\":1,\"changes\":2,\"patch\":\"@@ -1 +1 @@\\n-a\\n+b\"}]")));
                bot.deliver("pull_request", "foreign-2", Fixtures.webhook("pull_request/synchronize.json",
                        Fixtures.head("5".repeat(40))));
                BotHarness.await("the review gives up", WAIT, () -> bot.server().deliveryFinished("foreign-2"));
                var refused = bot.server().delivery("foreign-2").orElseThrow();
                assertThat(refused.status()).as("retrying cannot help").isEqualTo(DeliveryStatus.PARKED);
                assertThat(refused.attempts()).isEqualTo(1);
                assertThat(refused.lastError()).hasValueSatisfying(error -> assertThat(error)
                        .contains("refusing to send a request to http://localhost:" + elsewhere.port()));
            }
            assertThat(elsewhere.getAllServeEvents()).as("requests that reached the other host").isEmpty();
        } finally {
            elsewhere.stop();
        }
    }
}

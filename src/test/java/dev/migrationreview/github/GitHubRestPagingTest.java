package dev.migrationreview.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings read page by page through GitHub's Link header, as the App (JWT) and with conditional reads. */
class GitHubRestPagingTest {

    WireMockServer github = new WireMockServer(options().dynamicPort());
    @TempDir
    Path cache;
    GitHubAccess access;

    @BeforeEach
    void start() throws IOException {
        github.start();
        var settings = new GitHubSettings(github.baseUrl(), Duration.ZERO, Duration.ofSeconds(5), Optional.of(cache), 1 << 20,
                Duration.ofSeconds(5));
        access = new GitHubAccess(settings, Optional.of(AppCredentials.fromPem(4711, PrivateKeysTest.resource("app-key.pkcs1.pem"))),
                new SimpleMeterRegistry(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        access.close();
        github.stop();
    }

    @Test
    void theNextLinkIsFollowedUntilTheLastPageAndA304IsMarkedFree() throws IOException {
        github.stubFor(get(urlPathEqualTo("/app/hook/deliveries")).atPriority(1).withQueryParam("cursor", equalTo("v1_2"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("[{\"id\":2}]")));
        github.stubFor(get(urlPathEqualTo("/app/hook/deliveries")).atPriority(2).withHeader("If-None-Match", equalTo("\"p1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"p1\"")));
        github.stubFor(get(urlPathEqualTo("/app/hook/deliveries")).atPriority(3).withQueryParam("per_page", equalTo("100"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withHeader("ETag", "\"p1\"")
                        .withHeader("Link", "<" + github.baseUrl() + "/app/hook/deliveries?per_page=100&cursor=v1_2>; rel=\"next\"")
                        .withBody("[{\"id\":1}]")));
        GitHubRest app = access.app();

        GitHubRest.Page first = app.page("/app/hook/deliveries?per_page=100");
        assertThat(first.body().get(0).path("id").asInt()).isEqualTo(1);
        assertThat(first.notModified()).isFalse();
        assertThat(first.next()).hasValue(github.baseUrl() + "/app/hook/deliveries?per_page=100&cursor=v1_2");
        GitHubRest.Page second = app.page(first.next().get());
        assertThat(second.body().get(0).path("id").asInt()).isEqualTo(2);
        assertThat(second.next()).isEmpty();
        assertThat(github.findAll(com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor(
                urlPathEqualTo("/app/hook/deliveries"))).getFirst().getHeader("Authorization")).startsWith("Bearer ");

        GitHubRest.Page again = app.page("/app/hook/deliveries?per_page=100");
        assertThat(again.notModified()).isTrue();
        assertThat(again.body().get(0).path("id").asInt()).as("served from the cache").isEqualTo(1);
    }

    @Test
    void aLinkLeavingTheApiIsRefusedAndLinkHeadersAreReadWhateverTheirOrder() {
        assertThatThrownBy(() -> access.app().page("https://evil.example/app/hook/deliveries?cursor=x"))
                .isInstanceOf(IOException.class).hasMessageContaining("refusing");
        assertThat(GitHubRest.nextLink("<https://api.github.com/x?page=1>; rel=\"prev\", <https://api.github.com/x?page=3>; rel=\"next\", "
                + "<https://api.github.com/x?page=9>; rel=\"last\"")).hasValue("https://api.github.com/x?page=3");
        assertThat(GitHubRest.nextLink("<https://api.github.com/x?page=9>; rel=\"last\"")).isEmpty();
        assertThat(GitHubRest.nextLink(null)).isEmpty();
        assertThat(GitHubRest.nextLink("garbage")).isEmpty();
    }
}

package dev.migrationreview.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.jsonwebtoken.Jwts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tokens, rate limits, write pacing, conditional reads, call counting, and the configured API as
 * the only host ever contacted, against WireMock.
 */
class GitHubAccessTest {

    static WireMockServer github;
    @TempDir
    Path cache;
    SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @BeforeAll
    static void start() {
        github = new WireMockServer(options().dynamicPort());
        github.start();
    }

    @AfterAll
    static void stop() {
        github.stop();
    }

    @BeforeEach
    void reset() {
        github.resetAll();
    }

    GitHubAccess access(Duration writeInterval, Duration maxInlineWait) throws Exception {
        return new GitHubAccess(settings(writeInterval, maxInlineWait, cache), credentials(), metrics, Clock.systemUTC());
    }

    /** One replica of several: its own HTTP cache, the write slots of all. */
    GitHubAccess access(Duration writeInterval, WriteSlots slots) throws Exception {
        Path replicaCache = java.nio.file.Files.createTempDirectory(cache, "replica");
        return new GitHubAccess(settings(writeInterval, Duration.ofSeconds(10), replicaCache), credentials(), slots, metrics,
                Clock.systemUTC());
    }

    private static GitHubSettings settings(Duration writeInterval, Duration maxInlineWait, Path cacheDir) {
        return new GitHubSettings(github.baseUrl(), writeInterval, maxInlineWait, Optional.of(cacheDir), 1 << 20,
                Duration.ofSeconds(10));
    }

    private static Optional<AppCredentials> credentials() throws Exception {
        return Optional.of(AppCredentials.fromPem(4711, PrivateKeysTest.resource("app-key.pkcs1.pem")));
    }

    static void token(String token, Instant expiresAt) {
        github.stubFor(post(urlPathEqualTo("/app/installations/7/access_tokens")).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"token\":\"" + token + "\",\"expires_at\":\"" + expiresAt + "\",\"permissions\":{\"checks\":\"write\"}}")));
    }

    @Test
    void anInstallationTokenIsFetchedOnceWithTheAppJwtAndReusedUntilNearItsExpiry() throws Exception {
        token("ghs_first", Instant.now().plusSeconds(3600));
        github.stubFor(get(urlPathEqualTo("/zen")).willReturn(aResponse().withStatus(200).withBody("{}")));
        try (var access = access(Duration.ZERO, Duration.ofSeconds(5))) {
            var rest = access.installation(7).rest();
            rest.get("/zen");
            rest.get("/zen");
            rest.get("/zen");
            github.verify(1, postRequestedFor(urlPathEqualTo("/app/installations/7/access_tokens")));
            github.verify(3, getRequestedFor(urlPathEqualTo("/zen")).withHeader("Authorization", equalTo("token ghs_first")));
            String jwt = github.findAll(postRequestedFor(urlPathEqualTo("/app/installations/7/access_tokens"))).getFirst()
                    .getHeader("Authorization").substring("Bearer ".length());
            assertThat(Jwts.parser().verifyWith(PrivateKeysTest.publicKey()).build().parseSignedClaims(jwt).getPayload().getIssuer())
                    .isEqualTo("4711");
        }
        github.resetRequests();
        token("ghs_short", Instant.now().plusSeconds(120));
        try (var access = access(Duration.ZERO, Duration.ofSeconds(5))) {
            access.installation(7).rest().get("/zen");
            access.installation(7).rest().get("/zen");
            github.verify(2, postRequestedFor(urlPathEqualTo("/app/installations/7/access_tokens")));
        }
    }

    @Test
    void noRequestLeavesTheConfiguredApiWhateverAnAnswerPointsAt() throws Exception {
        var elsewhere = new WireMockServer(options().dynamicPort());
        elsewhere.start();
        try (var access = access(Duration.ZERO, Duration.ofSeconds(5))) {
            elsewhere.stubFor(get(urlPathMatching("/.*")).willReturn(aResponse().withStatus(200).withBody("stolen")));
            token("ghs_t", Instant.now().plusSeconds(3600));
            github.stubFor(get(urlPathEqualTo("/repos/o/r/moved")).willReturn(aResponse().withStatus(302)
                    .withHeader("Location", elsewhere.baseUrl() + "/collect")));
            github.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"id\":1,\"name\":\"r\",\"full_name\":\"o/r\",\"owner\":{\"login\":\"o\"},"
                            + "\"url\":\"" + elsewhere.baseUrl() + "/repos/o/r\"}")));
            github.stubFor(get(urlPathEqualTo("/repos/o/r/tags")).willReturn(aResponse().withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Link", "<" + elsewhere.baseUrl() + "/repos/o/r/tags?page=2>; rel=\"next\"")
                    .withBody("[{\"name\":\"v1\"}]")));

            var client = access.installation(7);
            assertThatThrownBy(() -> client.rest().get("/repos/o/r/moved")).as("a redirect")
                    .hasMessageContaining("refusing to send a request to http://localhost:" + elsewhere.port());
            var repository = client.api().getRepository("o/r");
            assertThatThrownBy(() -> repository.listTags().toList()).as("github-api follows a Link header with the token")
                    .hasStackTraceContaining("refusing to send a request");
            assertThat(elsewhere.getAllServeEvents()).as("nothing reached the other host").isEmpty();
        } finally {
            elsewhere.stop();
        }
    }

    @Test
    void largeFilesAreReadAsBlobsThroughTheApiAndPathsThatClimbAreNeverAsked() throws Exception {
        token("ghs_t", Instant.now().plusSeconds(3600));
        String blob = "c".repeat(40);
        github.stubFor(get(urlPathEqualTo("/repos/o/r")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"id\":1,\"name\":\"r\",\"full_name\":\"o/r\",\"owner\":{\"login\":\"o\"}}")));
        github.stubFor(get(urlPathEqualTo("/repos/o/r/contents/db/big.sql")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"type\":\"file\",\"encoding\":\"none\",\"content\":\"\",\"size\":2000000,\"path\":\"db/big.sql\","
                        + "\"sha\":\"" + blob + "\",\"download_url\":\"https://raw.example.invalid/o/r/main/db/big.sql\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/o/r/git/blobs/" + blob)).withHeader("Accept", containing("raw"))
                .willReturn(aResponse().withStatus(200).withBody("CREATE TABLE big (id int);")));
        try (var access = access(Duration.ZERO, Duration.ofSeconds(5))) {
            var repository = access.installation(7).api().getRepository("o/r");

            assertThat(GitHubSnapshot.readAt(repository, "db/big.sql", "main")).hasValueSatisfying(file ->
                    assertThat(new String(file.content(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("CREATE TABLE big (id int);"));
            for (String climbing : List.of("../../../orgs/o/members", "db/../../x", "/etc/passwd", "db\\..\\..\\x")) {
                assertThat(GitHubSnapshot.readAt(repository, climbing, "main")).as(climbing).isEmpty();
            }
            assertThat(github.findAll(getRequestedFor(urlPathMatching("/repos/o/r/contents/.*"))))
                    .extracting(LoggedRequest::getUrl).singleElement().satisfies(url -> assertThat(url).startsWith("/repos/o/r/contents/db/big.sql"));
        }
    }

    @Test
    void unchangedReadsAreConditionalAndA304IsNotCountedAgainstTheLimit() throws Exception {
        token("ghs_t", Instant.now().plusSeconds(3600));
        github.stubFor(get(urlPathEqualTo("/repos/o/r/pulls/1/files")).atPriority(1).withHeader("If-None-Match", equalTo("\"v1\""))
                .willReturn(aResponse().withStatus(304).withHeader("ETag", "\"v1\"")));
        github.stubFor(get(urlPathEqualTo("/repos/o/r/pulls/1/files")).atPriority(2).willReturn(aResponse().withStatus(200)
                .withHeader("ETag", "\"v1\"").withHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                .withHeader("Content-Type", "application/json").withBody("[{\"filename\":\"a.sql\"}]")));
        try (var access = access(Duration.ZERO, Duration.ofSeconds(5))) {
            var rest = access.installation(7).rest();
            assertThat(rest.get("/repos/o/r/pulls/1/files").get(0).path("filename").asText()).isEqualTo("a.sql");
            assertThat(rest.get("/repos/o/r/pulls/1/files").get(0).path("filename").asText())
                    .as("served from the cache after a 304").isEqualTo("a.sql");
            List<LoggedRequest> reads = github.findAll(getRequestedFor(urlPathEqualTo("/repos/o/r/pulls/1/files")));
            assertThat(reads).hasSize(2);
            assertThat(reads.get(1).getHeader("If-None-Match")).isEqualTo("\"v1\"");
            assertThat(access.calls().notModifiedCalls()).isEqualTo(1);
            assertThat(access.calls().countedCalls()).as("the token and the first read").isEqualTo(2);
            assertThat(metrics.get("migration_review_github_calls").tag("status", "304").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void retryAfterAndTheRateLimitResetAreWaitedOut() throws Exception {
        token("ghs_t", Instant.now().plusSeconds(3600));
        github.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).inScenario("secondary").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
        github.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).inScenario("secondary").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
        long reset = Instant.now().plusSeconds(2).getEpochSecond();
        github.stubFor(get(urlPathEqualTo("/repos/o/r")).inScenario("primary").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", Long.toString(reset))
                        .withBody("{\"message\":\"API rate limit exceeded for installation ID 7.\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/o/r")).inScenario("primary").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":1}")));
        try (var access = access(Duration.ZERO, Duration.ofSeconds(10))) {
            var rest = access.installation(7).rest();
            long started = System.nanoTime();
            assertThat(rest.post("/repos/o/r/check-runs", JsonNodeFactory.instance.objectNode()).path("id").asInt()).isEqualTo(1);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(rest.get("/repos/o/r").path("id").asInt()).isEqualTo(1);
            assertThat(Instant.now().getEpochSecond()).as("waited for the reset").isGreaterThanOrEqualTo(reset);
        }
    }

    @Test
    void aLongWaitReschedulesInsteadOfHoldingAWorkerAndAPermissionErrorIsNoLimit() throws Exception {
        token("ghs_t", Instant.now().plusSeconds(3600));
        github.stubFor(post(urlPathEqualTo("/repos/o/r/issues/1/comments")).willReturn(aResponse().withStatus(403)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"You have exceeded a secondary rate limit and have been temporarily blocked.\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/o/r/secret")).willReturn(aResponse().withStatus(403)
                .withBody("{\"message\":\"Resource not accessible by integration\"}")));
        try (var access = access(Duration.ZERO, Duration.ofSeconds(2))) {
            var rest = access.installation(7).rest();
            long before = System.currentTimeMillis();
            assertThatThrownBy(() -> rest.post("/repos/o/r/issues/1/comments", JsonNodeFactory.instance.objectNode()))
                    .isInstanceOfSatisfying(GitHubRateLimitedException.class,
                            e -> assertThat(e.retryAtMillis()).as("a secondary limit waits a minute at least")
                                    .isGreaterThanOrEqualTo(before + 60_000));
            assertThatThrownBy(() -> rest.get("/repos/o/r/issues/1")).as("the installation waits for the limit")
                    .isInstanceOf(GitHubRateLimitedException.class);
        }
        try (var access = access(Duration.ZERO, Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> access.installation(7).rest().get("/repos/o/r/secret"))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> {
                        assertThat(e.status()).isEqualTo(403);
                        assertThat(e.getMessage()).contains("Resource not accessible by integration");
                    });
        }
    }

    @Test
    void writesOfOneInstallationGoOneAtATimeAndPacedWhileReadsAreNot() throws Exception {
        token("ghs_t", Instant.now().plusSeconds(3600));
        github.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(aResponse().withStatus(201).withBody("{}")));
        github.stubFor(get(urlPathEqualTo("/zen")).willReturn(aResponse().withStatus(200).withBody("{}")));
        try (var access = access(Duration.ofMillis(300), Duration.ofSeconds(5))) {
            var rest = access.installation(7).rest();
            var writers = List.of(Thread.ofVirtual().start(() -> createCheckRun(rest)), Thread.ofVirtual().start(() -> createCheckRun(rest)),
                    Thread.ofVirtual().start(() -> createCheckRun(rest)));
            for (Thread writer : writers) {
                writer.join();
            }
            long readStart = System.nanoTime();
            rest.get("/zen");
            rest.get("/zen");
            assertThat(Duration.ofNanos(System.nanoTime() - readStart)).isLessThan(Duration.ofMillis(300));
        }
        List<LoggedRequest> writes = github.findAll(postRequestedFor(urlPathEqualTo("/repos/o/r/check-runs")));
        assertThat(writes).hasSize(3);
        List<Long> times = writes.stream().map(w -> w.getLoggedDate().getTime()).sorted().toList();
        assertThat(times.get(1) - times.get(0)).isGreaterThanOrEqualTo(290);
        assertThat(times.get(2) - times.get(1)).isGreaterThanOrEqualTo(290);
    }

    @Test
    void aWriteRetriedAfterALimitTakesANewSlotSoReplicasSharingTheSlotsStayPaced() throws Exception {
        token("ghs_t", Instant.now().plusSeconds(3600));
        github.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(403).withHeader("Retry-After", "1")
                        .withBody("{\"message\":\"You have exceeded a secondary rate limit.\"}")));
        github.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).inScenario("limited").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(201).withBody("{}")));
        // Two replicas: separate clients, one ledger of slots (the store's, in production).
        WriteSlots shared = WriteSlots.inMemory(Clock.systemUTC());
        Duration interval = Duration.ofMillis(300);
        try (var first = access(interval, shared); var second = access(interval, shared)) {
            var limited = Thread.ofVirtual().start(() -> createCheckRun(first.installation(7).rest()));
            Thread.sleep(100);
            var other = Thread.ofVirtual().start(() -> createCheckRun(second.installation(7).rest()));
            limited.join();
            other.join();
        }
        List<Long> times = github.findAll(postRequestedFor(urlPathEqualTo("/repos/o/r/check-runs"))).stream()
                .map(w -> w.getLoggedDate().getTime()).sorted().toList();
        assertThat(times).hasSize(3);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).as("gap before write %d", i).isGreaterThanOrEqualTo(290);
        }
        assertThat(times.getLast() - times.getFirst()).as("the pause GitHub asked for").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aReadGitHubFailedWithAServerErrorIsTriedAgainButAWriteIsNot() throws Exception {
        token("ghs_t", Instant.now().plusSeconds(3600));
        github.stubFor(get(urlPathEqualTo("/repos/o/r")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willSetStateTo("ok").willReturn(aResponse().withStatus(502).withBody("{\"message\":\"Server Error\"}")));
        github.stubFor(get(urlPathEqualTo("/repos/o/r")).inScenario("flaky").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"id\":1}")));
        github.stubFor(get(urlPathEqualTo("/repos/o/down")).willReturn(aResponse().withStatus(503)));
        github.stubFor(post(urlPathEqualTo("/repos/o/r/check-runs")).willReturn(aResponse().withStatus(502)));
        try (var access = access(Duration.ZERO, Duration.ofSeconds(5))) {
            var rest = access.installation(7).rest();
            assertThat(rest.get("/repos/o/r").path("id").asInt()).isEqualTo(1);
            assertThatThrownBy(() -> rest.get("/repos/o/down"))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(503));
            assertThatThrownBy(() -> rest.post("/repos/o/r/check-runs", JsonNodeFactory.instance.objectNode()))
                    .isInstanceOfSatisfying(GitHubApiException.class, e -> assertThat(e.status()).isEqualTo(502));
        }
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/repos/o/r")))).as("one failed read, one retry").hasSize(2);
        assertThat(github.findAll(getRequestedFor(urlPathEqualTo("/repos/o/down")))).as("tried three times in all").hasSize(3);
        assertThat(github.findAll(postRequestedFor(urlPathEqualTo("/repos/o/r/check-runs")))).as("a write is not repeated")
                .hasSize(1);
    }

    private static void createCheckRun(GitHubRest rest) {
        try {
            rest.post("/repos/o/r/check-runs", JsonNodeFactory.instance.objectNode());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

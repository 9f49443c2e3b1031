package dev.migrationreview.healing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.migrationreview.github.AppCredentials;
import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.github.GitHubSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * api.github.com as WireMock for the healing jobs: the App's webhook deliveries, installations,
 * repositories, open pull requests and check runs, in the shapes of GitHub's OpenAPI description,
 * listings paged through the {@code Link} header (by cursor for deliveries, by page number otherwise).
 */
final class HealingGitHub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final long APP_ID = 4711;

    final WireMockServer server = new WireMockServer(options().dynamicPort());

    HealingGitHub() {
        server.start();
    }

    void reset() {
        server.resetAll();
    }

    /** Access as the App (key from the test resources), without an HTTP cache. */
    GitHubAccess access(Clock clock) {
        var settings = new GitHubSettings(server.baseUrl(), Duration.ZERO, Duration.ofSeconds(1), Optional.empty(), 0,
                Duration.ofSeconds(5));
        return new GitHubAccess(settings, Optional.of(AppCredentials.fromPem(APP_ID, appKey())), new SimpleMeterRegistry(), clock);
    }

    private static String appKey() {
        try (InputStream in = HealingGitHub.class.getResourceAsStream("/dev/migrationreview/github/app-key.pkcs1.pem")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One delivery attempt as {@code GET /app/hook/deliveries} lists it ({@code hook-delivery-item}). */
    static ObjectNode attempt(long id, String guid, Instant deliveredAt, int statusCode, String event, String action) {
        ObjectNode item = JSON.createObjectNode()
                .put("id", id).put("guid", guid).put("delivered_at", deliveredAt.toString())
                .put("redelivery", false).put("duration", 0.27)
                .put("status", statusCode >= 200 && statusCode < 300 ? "OK" : statusCode == 0 ? "timed out" : "Invalid HTTP Response: " + statusCode)
                .put("status_code", statusCode).put("event", event);
        if (action == null) {
            item.putNull("action");
        } else {
            item.put("action", action);
        }
        item.put("installation_id", 1).put("repository_id", 186853002).putNull("throttled_at");
        return item;
    }

    /**
     * The App's deliveries, newest first, {@code pages.size()} pages: the first without a cursor,
     * page i (from 1) at cursor {@code v1_i}, each linking to the next as GitHub does.
     */
    void deliveries(List<List<ObjectNode>> pages) {
        for (int i = 0; i < pages.size(); i++) {
            var body = JSON.createArrayNode();
            pages.get(i).forEach(body::add);
            MappingBuilder request = get(urlPathEqualTo("/app/hook/deliveries")).withQueryParam("per_page", equalTo("100"))
                    .withQueryParam("cursor", i == 0 ? absent() : equalTo("v1_" + i));
            ResponseDefinitionBuilder response = json(200, body);
            if (i + 1 < pages.size()) {
                response.withHeader("Link", "<" + server.baseUrl() + "/app/hook/deliveries?per_page=100&cursor=v1_" + (i + 1)
                        + ">; rel=\"next\"");
            }
            server.stubFor(request.willReturn(response));
        }
    }

    /** Page {@code index} of the deliveries answers {@code status} instead. */
    void deliveriesPageFails(int index, int status) {
        server.stubFor(get(urlPathEqualTo("/app/hook/deliveries")).atPriority(1)
                .withQueryParam("cursor", index == 0 ? absent() : equalTo("v1_" + index))
                .willReturn(json(status, JSON.createObjectNode().put("message", "Server Error"))));
    }

    /** Redelivery requests answer 202, as GitHub does. */
    void acceptRedeliveries() {
        server.stubFor(post(urlPathMatching("/app/hook/deliveries/\\d+/attempts")).atPriority(5)
                .willReturn(json(202, JSON.createObjectNode())));
    }

    /** The ids of the deliveries the App asked GitHub to redeliver, in order. */
    List<Long> redeliveryRequests() {
        return requests("POST", "/app/hook/deliveries/\\d+/attempts").stream()
                .map(r -> Long.parseLong(r.getUrl().split("/")[4])).toList();
    }

    /** The requests sent, oldest first. */
    List<LoggedRequest> requests(String method, String pathRegex) {
        // WireMock lists the newest first.
        return server.getAllServeEvents().reversed().stream().map(e -> e.getRequest())
                .filter(r -> r.getMethod().value().equals(method) && r.getUrl().split("\\?")[0].matches(pathRegex))
                .toList();
    }

    /** An installation token for {@code installation}: {@code ghs_<installation>}, valid an hour past {@code now}. */
    void token(long installation, Instant now) {
        ObjectNode token = JSON.createObjectNode().put("token", "ghs_" + installation)
                .put("expires_at", now.plusSeconds(3600).toString()).put("repository_selection", "selected");
        token.putObject("permissions").put("checks", "write").put("pull_requests", "write").put("metadata", "read");
        server.stubFor(post(urlPathEqualTo("/app/installations/" + installation + "/access_tokens"))
                .willReturn(json(201, token)));
    }

    /** {@code GET /app/installations} (the App's JWT): one page. */
    void appInstallations(JsonNode... installations) {
        server.stubFor(get(urlPathEqualTo("/app/installations")).willReturn(json(200, array(installations))));
    }

    static ObjectNode installation(long id, String login, boolean suspended) {
        ObjectNode installation = JSON.createObjectNode().put("id", id).put("app_id", APP_ID).put("target_type", "Organization")
                .put("repository_selection", "selected").put("created_at", "2026-01-02T10:00:00Z");
        installation.putObject("account").put("login", login).put("id", 1000 + id).put("type", "Organization");
        if (suspended) {
            installation.put("suspended_at", "2026-11-01T10:00:00Z");
        } else {
            installation.putNull("suspended_at");
        }
        return installation;
    }

    /** {@code GET /installation/repositories} as installation {@code installation}, one page per list. */
    void installationRepositories(long installation, List<List<JsonNode>> pages) {
        var bodies = new java.util.ArrayList<JsonNode>();
        int total = pages.stream().mapToInt(List::size).sum();
        for (List<JsonNode> page : pages) {
            ObjectNode body = JSON.createObjectNode().put("total_count", total).put("repository_selection", "selected");
            body.set("repositories", array(page.toArray(JsonNode[]::new)));
            bodies.add(body);
        }
        pagedListing("/installation/repositories", Optional.of("token ghs_" + installation), bodies);
    }

    static ObjectNode repository(long id, String fullName) {
        ObjectNode repository = JSON.createObjectNode().put("id", id).put("node_id", "R_" + id)
                .put("name", fullName.substring(fullName.indexOf('/') + 1)).put("full_name", fullName).put("private", false)
                .put("html_url", "https://github.com/" + fullName).put("archived", false).put("default_branch", "main");
        repository.putObject("owner").put("login", fullName.substring(0, fullName.indexOf('/'))).put("id", 21031067)
                .put("type", "Organization");
        return repository;
    }

    /** {@code GET /repos/{fullName}/pulls?state=open}, one page per list. */
    void openPulls(String fullName, List<List<JsonNode>> pages) {
        pagedListing("/repos/" + fullName + "/pulls", Optional.empty(),
                pages.stream().map(page -> (JsonNode) array(page.toArray(JsonNode[]::new))).toList());
    }

    /** An open pull request as the pulls listing shows it ({@code pull-request-simple}). */
    static ObjectNode pull(int number, String headSha, Instant updatedAt) {
        ObjectNode pull = JSON.createObjectNode().put("id", 10_000 + number).put("node_id", "PR_" + number).put("number", number)
                .put("state", "open").put("locked", false).put("title", "Change " + number).put("body", "")
                .put("created_at", updatedAt.minusSeconds(3600).toString()).put("updated_at", updatedAt.toString())
                .putNull("closed_at").putNull("merged_at").put("draft", false).put("author_association", "MEMBER");
        pull.putObject("user").put("login", "octocat").put("id", 1).put("type", "User");
        pull.putObject("head").put("label", "octocat:change-" + number).put("ref", "change-" + number).put("sha", headSha);
        pull.putObject("base").put("label", "octocat:main").put("ref", "main").put("sha", "0".repeat(40));
        return pull;
    }

    /** The check runs GitHub lists for {@code sha}; any other head has none. */
    void checkRuns(String fullName, String sha, JsonNode... runs) {
        ObjectNode body = JSON.createObjectNode().put("total_count", runs.length);
        body.set("check_runs", array(runs));
        server.stubFor(get(urlPathEqualTo("/repos/" + fullName + "/commits/" + sha + "/check-runs")).atPriority(1)
                .willReturn(json(200, body)));
        ObjectNode none = JSON.createObjectNode().put("total_count", 0);
        none.putArray("check_runs");
        server.stubFor(get(urlPathMatching("/repos/" + fullName + "/commits/[0-9a-f]+/check-runs")).atPriority(9)
                .willReturn(json(200, none)));
    }

    static ObjectNode checkRun(String sha, String status, Instant startedAt) {
        ObjectNode run = JSON.createObjectNode().put("id", Math.abs(sha.hashCode())).put("head_sha", sha)
                .put("name", "migration-review").put("status", status).put("started_at", startedAt.toString());
        if (status.equals("completed")) {
            run.put("conclusion", "success").put("completed_at", startedAt.plusSeconds(5).toString());
        } else {
            run.putNull("conclusion").putNull("completed_at");
        }
        run.putObject("app").put("id", APP_ID).put("slug", "migration-review");
        return run;
    }

    /** Check-run lookups the App sent, by head sha. */
    List<String> checkLookups() {
        return requests("GET", "/repos/.+/commits/[0-9a-f]+/check-runs").stream()
                .map(r -> r.getUrl().split("/commits/")[1].split("/")[0]).toList();
    }

    /** A paged listing at {@code path} (page-number paging, {@code Link} to the next page), for one token or any. */
    void pagedListing(String path, Optional<String> authorization, List<JsonNode> pages) {
        for (int i = 0; i < pages.size(); i++) {
            ResponseDefinitionBuilder response = json(200, pages.get(i));
            if (i + 1 < pages.size()) {
                response.withHeader("Link", "<" + server.baseUrl() + path + "?per_page=100&page=" + (i + 2) + ">; rel=\"next\", <"
                        + server.baseUrl() + path + "?per_page=100&page=" + pages.size() + ">; rel=\"last\"");
            }
            var pageParams = i == 0 ? List.of(absent(), equalTo("1")) : List.of(equalTo(Integer.toString(i + 1)));
            for (var pageParam : pageParams) {
                MappingBuilder request = get(urlPathEqualTo(path)).withQueryParam("page", pageParam);
                if (authorization.isPresent()) {
                    request = request.withHeader("Authorization", equalTo(authorization.get()));
                }
                server.stubFor(request.willReturn(response));
            }
        }
    }

    static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "5000").withHeader("X-RateLimit-Remaining", "4990")
                .withHeader("X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))
                .withBody(body.toString());
    }

    static ArrayNode array(JsonNode... items) {
        var array = JSON.createArrayNode();
        for (JsonNode item : items) {
            array.add(item);
        }
        return array;
    }

    @Override
    public void close() {
        server.stop();
    }
}

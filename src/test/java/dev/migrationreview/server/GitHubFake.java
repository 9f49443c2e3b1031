package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.migrationreview.policy.GitBlobs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.HexFormat;

/**
 * api.github.com as WireMock: the endpoints the App uses, answering with the shapes of GitHub's
 * OpenAPI description (including ETags, 304s for conditional reads and rate-limit headers), and
 * a journal of what the App sent.
 */
final class GitHubFake implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPO = "Codertocat/Hello-World";
    static final long INSTALLATION = 1;
    static final long CHECK_RUN_ID = 4242;
    static final long COMMENT_ID = 9001;
    static final String TOKEN = "ghs_16C7e42F292c6912E7710c838347Ae178B4a";

    private final WireMockServer server;
    private final java.util.Map<String, List<StubMapping>> readStubs = new java.util.HashMap<>();

    /** A file a pull request changes. */
    record FakeFile(String path, String status, String patch, String headContent) {

        static FakeFile added(String path, String content) {
            String[] lines = content.split("\n", -1);
            int count = content.endsWith("\n") ? lines.length - 1 : lines.length;
            var patch = new StringBuilder("@@ -0,0 +1," + count + " @@\n");
            for (int i = 0; i < count; i++) {
                patch.append('+').append(lines[i]).append(i + 1 < count ? "\n" : "");
            }
            if (!content.endsWith("\n")) {
                patch.append("\n\\ No newline at end of file");
            }
            return new FakeFile(path, "added", patch.toString(), content);
        }

        /** A modified file whose diff shows {@code shownLines} (1-based) of the new content as added. */
        static FakeFile modified(String path, String content, int firstShown, int lastShown) {
            String[] lines = content.split("\n", -1);
            var patch = new StringBuilder("@@ -" + firstShown + ",0 +" + firstShown + "," + (lastShown - firstShown + 1) + " @@\n");
            for (int line = firstShown; line <= lastShown; line++) {
                patch.append('+').append(lines[line - 1]).append(line < lastShown ? "\n" : "");
            }
            return new FakeFile(path, "modified", patch.toString(), content);
        }
    }

    GitHubFake() {
        this(0);
    }

    /** On a given port, for a bot started before the fake (0: any free port). */
    GitHubFake(int port) {
        server = new WireMockServer((port == 0 ? options().dynamicPort() : options().port(port)).asynchronousResponseEnabled(true));
        server.start();
        stubDefaults();
    }

    String apiUrl() {
        return server.baseUrl();
    }

    WireMockServer wireMock() {
        return server;
    }

    void reset() {
        server.resetAll();
        readStubs.clear();
        stubDefaults();
    }

    private void stubDefaults() {
        ObjectNode token = JSON.createObjectNode()
                .put("token", TOKEN)
                .put("expires_at", Instant.now().plusSeconds(3600).toString())
                .put("repository_selection", "all");
        token.putObject("permissions").put("checks", "write").put("pull_requests", "write").put("issues", "write")
                .put("contents", "read").put("metadata", "read");
        stub(post(urlPathEqualTo("/app/installations/" + INSTALLATION + "/access_tokens")), 201, token);
        stub(post(urlPathEqualTo("/repos/" + REPO + "/check-runs")), 201, checkRun("in_progress"));
        stub(patch(urlPathEqualTo("/repos/" + REPO + "/check-runs/" + CHECK_RUN_ID)), 200, checkRun("completed"));
        stub(post(urlPathMatching("/repos/" + REPO + "/issues/\\d+/comments")), 201, comment("created"));
        stub(patch(urlPathEqualTo("/repos/" + REPO + "/issues/comments/" + COMMENT_ID)), 200, comment("edited"));
        stub(post(urlPathMatching("/repos/" + REPO + "/pulls/\\d+/reviews")), 200, review());
        listing(urlPathMatching("/repos/" + REPO + "/issues/\\d+/comments"), JSON.createArrayNode());
        listing(urlPathMatching("/repos/" + REPO + "/pulls/\\d+/reviews"), JSON.createArrayNode());
        listing(urlPathMatching("/repos/" + REPO + "/pulls/\\d+/comments"), JSON.createArrayNode());
        listing(urlPathMatching("/repos/" + REPO + "/pulls/\\d+/commits"), JSON.createArrayNode());
        ObjectNode noRuns = JSON.createObjectNode().put("total_count", 0);
        noRuns.putArray("check_runs");
        listing(urlPathMatching("/repos/" + REPO + "/commits/[0-9a-f]+/check-runs"), noRuns);
        ObjectNode notFound = JSON.createObjectNode().put("message", "Not Found")
                .put("documentation_url", "https://docs.github.com/rest/repos/contents#get-repository-content")
                .put("status", "404");
        server.stubFor(get(urlPathMatching("/repos/" + REPO + "/contents/.*")).atPriority(10)
                .willReturn(json(404, notFound)));
    }

    /** The pull request's changed files, served as GitHub's paged listing with an ETag. */
    void files(int number, List<FakeFile> files) {
        var entries = JSON.createArrayNode();
        for (FakeFile file : files) {
            entries.add(JSON.createObjectNode()
                    .put("sha", blob(file.headContent()))
                    .put("filename", file.path())
                    .put("status", file.status())
                    .put("additions", file.patch().split("\n").length - 1)
                    .put("deletions", 0)
                    .put("changes", file.patch().split("\n").length - 1)
                    .put("blob_url", "https://github.com/" + REPO + "/blob/" + sha("head") + "/" + file.path())
                    .put("raw_url", "https://github.com/" + REPO + "/raw/" + sha("head") + "/" + file.path())
                    .put("contents_url", apiUrl() + "/repos/" + REPO + "/contents/" + file.path())
                    .put("patch", file.patch()));
            if (!file.status().equals("added")) {
                contents(file.path(), file.headContent());
            }
        }
        listing(urlPathEqualTo("/repos/" + REPO + "/pulls/" + number + "/files"), entries);
    }

    /**
     * The repository's files at any commit: listed by the git trees API (recursive) and readable
     * through the contents API.
     */
    void tree(java.util.Map<String, String> files) {
        var entries = JSON.createArrayNode();
        files.forEach((path, content) -> {
            entries.add(JSON.createObjectNode().put("path", path).put("mode", "100644").put("type", "blob")
                    .put("sha", blob(content)).put("size", content.length())
                    .put("url", apiUrl() + "/repos/" + REPO + "/git/blobs/" + sha(content)));
            contents(path, content);
        });
        ObjectNode tree = JSON.createObjectNode().put("sha", sha(files.toString()))
                .put("url", apiUrl() + "/repos/" + REPO + "/git/trees/" + sha(files.toString()));
        tree.set("tree", entries);
        tree.put("truncated", false);
        listing(urlPathMatching("/repos/" + REPO + "/git/trees/[0-9a-f]+"), tree);
    }

    /** {@code GET /repos/.../pulls/{number}}: the pull request object as the payload shows it. */
    void pull(JsonNode pullRequest) {
        String repository = pullRequest.path("base").path("repo").path("full_name").asText(REPO);
        listing(urlPathEqualTo("/repos/" + repository + "/pulls/" + pullRequest.path("number").asInt()), pullRequest);
    }

    /** GitHub sends a webhook after the change it reports: a pull request in it is the pull request as it is now. */
    void delivered(byte[] body) {
        try {
            JsonNode pullRequest = JSON.readTree(body).path("pull_request");
            if (pullRequest.isObject() && pullRequest.path("number").isInt()) {
                pull(pullRequest);
            }
        } catch (IOException notJson) {
            // A test sending a broken body expects the bot to refuse it; GitHub's state is untouched.
        }
    }

    /** A file readable through the contents API at any ref. */
    void contents(String path, String content) {
        listing(urlPathEqualTo("/repos/" + REPO + "/contents/" + path), file(path, content));
    }

    /** A file as it is at one commit (the base branch, an earlier head): answered before the any-ref content. */
    void contentsAt(String repository, String path, String ref, String content) {
        server.stubFor(get(urlPathEqualTo("/repos/" + repository + "/contents/" + path)).withQueryParam("ref", equalTo(ref))
                .atPriority(1).willReturn(json(200, file(path, content))));
    }

    /** A file on the default branch of another repository (the organisation's .github), read without a ref. */
    void onDefaultBranch(String repository, String path, String content) {
        server.stubFor(get(urlPathEqualTo("/repos/" + repository + "/contents/" + path)).atPriority(1)
                .willReturn(json(200, file(path, content))));
    }

    private ObjectNode file(String path, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        return JSON.createObjectNode()
                .put("type", "file").put("encoding", "base64").put("size", bytes.length)
                .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path)
                .put("content", Base64.getMimeEncoder().encodeToString(bytes))
                .put("sha", blob(content))
                .put("url", apiUrl() + "/repos/" + REPO + "/contents/" + path)
                .put("git_url", apiUrl() + "/repos/" + REPO + "/git/blobs/" + sha(content))
                .put("html_url", "https://github.com/" + REPO + "/blob/main/" + path)
                .put("download_url", "https://raw.githubusercontent.com/" + REPO + "/main/" + path);
    }

    /**
     * A read with an ETag: the same request with If-None-Match gets a free 304 while the content
     * is unchanged. Serving new content replaces the old answer and its ETag.
     */
    void listing(com.github.tomakehurst.wiremock.matching.UrlPattern url, JsonNode body) {
        String etag = "W/\"" + sha(body.toString()) + "\"";
        List<StubMapping> previous = readStubs.remove(url.toString());
        if (previous != null) {
            previous.forEach(server::removeStub);
        }
        readStubs.put(url.toString(), List.of(
                server.stubFor(get(url).atPriority(2).withHeader("If-None-Match", equalTo(etag))
                        .willReturn(aResponse().withStatus(304).withHeader("ETag", etag)
                                .withHeader("Cache-Control", "private, max-age=60, s-maxage=60"))),
                server.stubFor(get(url).atPriority(3).willReturn(json(200, body).withHeader("ETag", etag)
                        .withHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                        .withHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP")))));
    }

    StubMapping stub(MappingBuilder request, int status, JsonNode body) {
        return server.stubFor(request.atPriority(5).willReturn(json(status, body)));
    }

    static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json; charset=utf-8")
                .withHeader("X-RateLimit-Limit", "5000")
                .withHeader("X-RateLimit-Remaining", "4990")
                .withHeader("X-RateLimit-Reset", Long.toString(Instant.now().plusSeconds(3600).getEpochSecond()))
                .withHeader("X-RateLimit-Resource", "core")
                .withHeader("X-GitHub-Api-Version-Selected", "2022-11-28")
                .withBody(body.toString());
    }

    ObjectNode checkRun(String status) {
        ObjectNode run = JSON.createObjectNode()
                .put("id", CHECK_RUN_ID).put("head_sha", sha("head")).put("node_id", "MDg6Q2hlY2tSdW40")
                .put("external_id", "").put("url", apiUrl() + "/repos/" + REPO + "/check-runs/" + CHECK_RUN_ID)
                .put("html_url", "https://github.com/" + REPO + "/runs/" + CHECK_RUN_ID)
                .put("details_url", "https://example.com").put("status", status)
                .put("started_at", "2026-11-25T10:00:00Z").put("name", "migration-review");
        if (status.equals("completed")) {
            run.put("conclusion", "failure").put("completed_at", "2026-11-25T10:00:01Z");
        } else {
            run.putNull("conclusion").putNull("completed_at");
        }
        run.putObject("output").put("title", "Reviewing").put("summary", "").putNull("text").put("annotations_count", 0)
                .put("annotations_url", apiUrl() + "/repos/" + REPO + "/check-runs/" + CHECK_RUN_ID + "/annotations");
        run.putObject("check_suite").put("id", 5);
        run.putObject("app").put("id", 1).put("slug", "migration-review").put("node_id", "MDExOkludGVncmF0aW9uMQ==")
                .put("name", "migration-review");
        run.putArray("pull_requests");
        return run;
    }

    ObjectNode comment(String body) {
        ObjectNode comment = JSON.createObjectNode()
                .put("id", COMMENT_ID).put("node_id", "MDEyOklzc3VlQ29tbWVudDE=")
                .put("url", apiUrl() + "/repos/" + REPO + "/issues/comments/" + COMMENT_ID)
                .put("html_url", "https://github.com/" + REPO + "/pull/2#issuecomment-" + COMMENT_ID)
                .put("body", body).put("created_at", "2026-11-25T10:00:00Z").put("updated_at", "2026-11-25T10:00:00Z")
                .put("issue_url", apiUrl() + "/repos/" + REPO + "/issues/2").put("author_association", "NONE");
        comment.set("user", bot());
        return comment;
    }

    ObjectNode review() {
        ObjectNode review = JSON.createObjectNode()
                .put("id", 80).put("node_id", "MDE3OlB1bGxSZXF1ZXN0UmV2aWV3ODA=").put("body", "")
                .put("state", "COMMENTED").put("html_url", "https://github.com/" + REPO + "/pull/2#pullrequestreview-80")
                .put("pull_request_url", apiUrl() + "/repos/" + REPO + "/pulls/2")
                .put("submitted_at", "2026-11-25T10:00:00Z").put("commit_id", sha("head"))
                .put("author_association", "NONE");
        review.set("user", bot());
        return review;
    }

    static ObjectNode bot() {
        return JSON.createObjectNode().put("login", "migration-review[bot]").put("id", 41898282)
                .put("node_id", "MDM6Qm90NDE4OTgyODI=").put("type", "Bot").put("site_admin", false);
    }

    /** Requests the App sent, oldest first. */
    List<LoggedRequest> requests(String method, String pathRegex) {
        return events().stream().map(ServeEvent::getRequest)
                .filter(r -> r.getMethod().value().equals(method) && r.getUrl().split("\\?")[0].matches(pathRegex))
                .toList();
    }

    List<JsonNode> bodies(String method, String pathRegex) {
        return requests(method, pathRegex).stream().map(r -> {
            try {
                return JSON.readTree(r.getBodyAsString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).toList();
    }

    /** Every request served, oldest first. */
    List<ServeEvent> events() {
        var events = new ArrayList<>(server.getAllServeEvents());
        events.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        return events;
    }

    /** Requests that count against the rate limit: everything not answered 304. */
    long countedCalls() {
        return events().stream().filter(e -> e.getResponse().getStatus() != 304).count();
    }

    /** The blob id git (and so GitHub) gives a file with this content. */
    static String blob(String content) {
        return GitBlobs.id(content.getBytes(StandardCharsets.UTF_8));
    }

    /** A git-like object id for test content. */
    static String sha(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}

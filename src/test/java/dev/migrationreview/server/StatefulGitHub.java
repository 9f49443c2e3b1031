package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.migrationreview.server.GitHubFake.FakeFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * api.github.com as WireMock with state, for load and fault runs against separate server processes:
 * check runs, comments and reviews are created, listed and edited as GitHub does (so a replica
 * that lost track after a crash finds what it wrote), installations get their own tokens, and a
 * seeded share of requests fails like GitHub does: 5xx answers (some of them after the write took
 * effect, as a timed-out gateway can) and secondary rate limits (403 with Retry-After).
 * Every request is counted; writes keep their time per installation so pacing can be checked.
 */
final class StatefulGitHub implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT_LOGIN = "migration-review[bot]";
    private static final Pattern TOKEN_PATH = Pattern.compile("/app/installations/(\\d+)/access_tokens");
    private static final Pattern REPO_PATH = Pattern.compile("/repos/([^/]+/[^/]+)(/.*)?");

    /** How a seeded share of requests fails. */
    record Faults(double rate, long seed, int retryAfterSeconds) {}

    /** A check run as GitHub keeps it. */
    record CheckRun(long id, String repository, String headSha, String externalId, String status, Instant completedAt) {}

    /** A summary or other issue comment. */
    record Comment(long id, String repository, int number, String login, String body) {}

    /** A pull request review (the batched line comments). */
    record Review(long id, String repository, int number, String commitId, String body, JsonNode comments) {}

    /** One request as GitHub saw it; {@code fault} names the failure it answered with, if any. */
    record Request(long atNanos, String method, String path, long installation, String fault) {
        boolean write() {
            return !method.equals("GET") && !method.equals("HEAD") && !TOKEN_PATH.matcher(path).matches();
        }
    }

    private final WireMockServer server;
    private final Faults faults;
    private final SplittableRandom random;
    private final AtomicLong ids = new AtomicLong(10_000);
    private final Map<String, JsonNode> pulls = new ConcurrentHashMap<>();
    private final Map<String, ArrayNode> files = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> trees = new ConcurrentHashMap<>();
    private final Map<Long, CheckRun> checkRuns = new ConcurrentHashMap<>();
    private final Map<Long, Comment> comments = new ConcurrentHashMap<>();
    private final Map<Long, Review> reviews = new ConcurrentHashMap<>();
    private final Map<String, Long> installationsByToken = new ConcurrentHashMap<>();
    private final List<Request> requests = new ArrayList<>();

    StatefulGitHub(Faults faults) {
        this.faults = faults;
        this.random = new SplittableRandom(faults.seed());
        server = new WireMockServer(options().dynamicPort().containerThreads(64).disableRequestJournal()
                .extensions(new Router()));
        server.start();
        server.stubFor(any(anyUrl()).willReturn(ResponseDefinitionBuilder.okForEmptyJson().withTransformers("github")));
    }

    String apiUrl() {
        return server.baseUrl();
    }

    /** The pull request as GitHub has it now (a push moves its head before the webhook is sent). */
    void pull(String repository, JsonNode pullRequest) {
        pulls.put(repository + "#" + pullRequest.path("number").asInt(), pullRequest);
    }

    void files(String repository, int number, List<FakeFile> changed) {
        ArrayNode entries = JSON.createArrayNode();
        for (FakeFile file : changed) {
            int lines = file.patch().split("\n").length - 1;
            entries.addObject().put("sha", GitHubFake.blob(file.headContent())).put("filename", file.path())
                    .put("status", file.status()).put("additions", lines).put("deletions", 0).put("changes", lines)
                    .put("blob_url", "https://github.com/" + repository + "/blob/head/" + file.path())
                    .put("raw_url", "https://github.com/" + repository + "/raw/head/" + file.path())
                    .put("contents_url", apiUrl() + "/repos/" + repository + "/contents/" + file.path())
                    .put("patch", file.patch());
        }
        files.put(repository + "#" + number, entries);
    }

    /** The repository's files at every commit: listed by the git trees API and readable through the contents API. */
    void tree(String repository, Map<String, String> contents) {
        trees.put(repository, Map.copyOf(contents));
    }

    List<CheckRun> checkRuns() {
        return List.copyOf(checkRuns.values());
    }

    List<Comment> comments() {
        return List.copyOf(comments.values());
    }

    List<Review> reviews() {
        return List.copyOf(reviews.values());
    }

    List<Request> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private final class Router implements ResponseDefinitionTransformerV2 {

        @Override
        public String getName() {
            return "github";
        }

        @Override
        public boolean applyGlobally() {
            return false;
        }

        @Override
        public ResponseDefinition transform(ServeEvent event) {
            var request = event.getRequest();
            String method = request.getMethod().value();
            String path = request.getUrl().split("\\?")[0];
            String authorization = request.getHeader("Authorization");
            long installation = authorization == null ? -1
                    : installationsByToken.getOrDefault(authorization.replaceFirst("(?i)^(token|bearer) ", ""), -1L);
            Fault fault = fault(method);
            record(new Request(System.nanoTime(), method, path, installation, fault == null ? null : fault.name()));
            if (fault == Fault.SECONDARY_LIMIT) {
                return json(403, JSON.createObjectNode()
                        .put("message", "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.")
                        .put("documentation_url", "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api"))
                        .withHeader("Retry-After", Integer.toString(faults.retryAfterSeconds())).build();
            }
            if (fault == Fault.SERVER_ERROR) {
                return serverError();
            }
            try {
                ResponseDefinition answer = answer(method, path, request.getBodyAsString(), request.getHeader("If-None-Match"));
                // A gateway that times out after the write went through: the client cannot tell.
                return fault == Fault.SERVER_ERROR_AFTER_WRITE ? serverError() : answer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private enum Fault { SERVER_ERROR, SERVER_ERROR_AFTER_WRITE, SECONDARY_LIMIT }

    private Fault fault(String method) {
        synchronized (random) {
            if (random.nextDouble() >= faults.rate()) {
                return null;
            }
            if (random.nextBoolean()) {
                return Fault.SECONDARY_LIMIT;
            }
            return !method.equals("GET") && random.nextInt(3) == 0 ? Fault.SERVER_ERROR_AFTER_WRITE : Fault.SERVER_ERROR;
        }
    }

    private void record(Request request) {
        synchronized (requests) {
            requests.add(request);
        }
    }

    private ResponseDefinition answer(String method, String path, String body, String ifNoneMatch) throws IOException {
        Matcher token = TOKEN_PATH.matcher(path);
        if (token.matches() && method.equals("POST")) {
            long installation = Long.parseLong(token.group(1));
            String value = "ghs_load" + installation + "x" + ids.incrementAndGet();
            installationsByToken.put(value, installation);
            ObjectNode answer = JSON.createObjectNode().put("token", value)
                    .put("expires_at", Instant.now().plusSeconds(3600).toString()).put("repository_selection", "all");
            answer.putObject("permissions").put("checks", "write").put("pull_requests", "write").put("issues", "write")
                    .put("contents", "read").put("metadata", "read");
            return json(201, answer).build();
        }
        Matcher repo = REPO_PATH.matcher(path);
        if (!repo.matches()) {
            return notFound();
        }
        String repository = repo.group(1);
        String rest = repo.group(2) == null ? "" : repo.group(2);
        String[] parts = rest.split("/");
        return switch (method + " " + rest.replaceAll("/\\d+(?=/|$)", "/N").replaceAll("/commits/[0-9a-f]+", "/commits/SHA")) {
            case "GET /pulls/N" -> read(pulls.get(repository + "#" + parts[2]), ifNoneMatch);
            case "GET /pulls/N/files" -> read(files.getOrDefault(repository + "#" + parts[2], JSON.createArrayNode()), ifNoneMatch);
            case "GET /pulls/N/commits" -> read(JSON.createArrayNode(), ifNoneMatch);
            case "GET /pulls/N/comments" -> read(listReviewComments(repository, Integer.parseInt(parts[2])), ifNoneMatch);
            case "GET /pulls/N/reviews" -> read(listReviews(repository, Integer.parseInt(parts[2])), ifNoneMatch);
            case "POST /pulls/N/reviews" -> createReview(repository, Integer.parseInt(parts[2]), JSON.readTree(body));
            case "GET /issues/N/comments" -> read(listComments(repository, Integer.parseInt(parts[2])), ifNoneMatch);
            case "POST /issues/N/comments" -> createComment(repository, Integer.parseInt(parts[2]), JSON.readTree(body));
            case "PATCH /issues/comments/N" -> editComment(Long.parseLong(parts[3]), JSON.readTree(body));
            case "POST /check-runs" -> createCheckRun(repository, JSON.readTree(body));
            case "PATCH /check-runs/N" -> updateCheckRun(Long.parseLong(parts[2]), JSON.readTree(body));
            case "GET /commits/SHA/check-runs" -> read(listCheckRuns(repository, parts[2]), ifNoneMatch);
            default -> {
                if (method.equals("GET") && rest.startsWith("/git/trees/")) {
                    yield read(tree(repository, parts[3]), ifNoneMatch);
                }
                String file = rest.startsWith("/contents/") ? rest.substring("/contents/".length()) : "";
                String content = trees.getOrDefault(repository, Map.of()).get(file);
                yield method.equals("GET") && content != null ? read(file(repository, file, content), ifNoneMatch) : notFound();
            }
        };
    }

    private ObjectNode tree(String repository, String sha) {
        ObjectNode tree = JSON.createObjectNode().put("sha", sha).put("url", apiUrl() + "/repos/" + repository + "/git/trees/" + sha);
        ArrayNode entries = tree.putArray("tree");
        trees.getOrDefault(repository, Map.of()).forEach((path, content) -> entries.addObject().put("path", path)
                .put("mode", "100644").put("type", "blob").put("sha", GitHubFake.blob(content)).put("size", content.length())
                .put("url", apiUrl() + "/repos/" + repository + "/git/blobs/" + GitHubFake.blob(content)));
        tree.put("truncated", false);
        return tree;
    }

    private ObjectNode file(String repository, String path, String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return JSON.createObjectNode().put("type", "file").put("encoding", "base64").put("size", bytes.length)
                .put("name", path.substring(path.lastIndexOf('/') + 1)).put("path", path)
                .put("content", java.util.Base64.getMimeEncoder().encodeToString(bytes)).put("sha", GitHubFake.blob(content))
                .put("url", apiUrl() + "/repos/" + repository + "/contents/" + path)
                .put("html_url", "https://github.com/" + repository + "/blob/main/" + path);
    }

    private ResponseDefinition createCheckRun(String repository, JsonNode body) {
        var run = new CheckRun(ids.incrementAndGet(), repository, body.path("head_sha").asText(),
                body.path("external_id").asText(""), body.path("status").asText("queued"), null);
        checkRuns.put(run.id(), run);
        return json(201, checkRunJson(run)).build();
    }

    private ResponseDefinition updateCheckRun(long id, JsonNode body) {
        CheckRun updated = checkRuns.computeIfPresent(id, (key, run) -> {
            boolean completes = body.has("conclusion") && run.completedAt() == null;
            return new CheckRun(run.id(), run.repository(), run.headSha(), run.externalId(),
                    completes ? "completed" : body.path("status").asText(run.status()),
                    completes ? Instant.now() : run.completedAt());
        });
        return updated == null ? notFound() : json(200, checkRunJson(updated)).build();
    }

    private ObjectNode listCheckRuns(String repository, String headSha) {
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode runs = answer.putArray("check_runs");
        checkRuns.values().stream().filter(r -> r.repository().equals(repository) && r.headSha().equals(headSha))
                .sorted(java.util.Comparator.comparingLong(CheckRun::id).reversed()).forEach(r -> runs.add(checkRunJson(r)));
        answer.put("total_count", runs.size());
        return answer;
    }

    private ObjectNode checkRunJson(CheckRun run) {
        ObjectNode json = JSON.createObjectNode().put("id", run.id()).put("head_sha", run.headSha())
                .put("node_id", "CR_" + run.id()).put("external_id", run.externalId())
                .put("url", apiUrl() + "/repos/" + run.repository() + "/check-runs/" + run.id())
                .put("html_url", "https://github.com/" + run.repository() + "/runs/" + run.id())
                .put("details_url", "https://example.com").put("status", run.status())
                .put("started_at", "2026-12-07T00:00:00Z").put("name", "migration-review");
        if (run.completedAt() != null) {
            json.put("conclusion", "failure").put("completed_at", run.completedAt().toString());
        } else {
            json.putNull("conclusion").putNull("completed_at");
        }
        json.putObject("output").put("title", "").put("summary", "").putNull("text").put("annotations_count", 0)
                .put("annotations_url", apiUrl() + "/repos/" + run.repository() + "/check-runs/" + run.id() + "/annotations");
        json.putObject("check_suite").put("id", 5);
        json.putObject("app").put("id", BotHarness.APP_ID).put("slug", "migration-review").put("name", "migration-review");
        json.putArray("pull_requests");
        return json;
    }

    private ResponseDefinition createComment(String repository, int number, JsonNode body) {
        var comment = new Comment(ids.incrementAndGet(), repository, number, BOT_LOGIN, body.path("body").asText());
        comments.put(comment.id(), comment);
        return json(201, commentJson(comment)).build();
    }

    private ResponseDefinition editComment(long id, JsonNode body) {
        Comment edited = comments.computeIfPresent(id, (key, c) ->
                new Comment(c.id(), c.repository(), c.number(), c.login(), body.path("body").asText()));
        return edited == null ? notFound() : json(200, commentJson(edited)).build();
    }

    private ArrayNode listComments(String repository, int number) {
        ArrayNode list = JSON.createArrayNode();
        comments.values().stream().filter(c -> c.repository().equals(repository) && c.number() == number)
                .sorted(java.util.Comparator.comparingLong(Comment::id)).forEach(c -> list.add(commentJson(c)));
        return list;
    }

    private ObjectNode commentJson(Comment comment) {
        ObjectNode json = JSON.createObjectNode().put("id", comment.id()).put("node_id", "IC_" + comment.id())
                .put("url", apiUrl() + "/repos/" + comment.repository() + "/issues/comments/" + comment.id())
                .put("html_url", "https://github.com/" + comment.repository() + "/pull/" + comment.number()
                        + "#issuecomment-" + comment.id())
                .put("body", comment.body()).put("created_at", "2026-12-07T00:00:00Z").put("updated_at", "2026-12-07T00:00:00Z")
                .put("issue_url", apiUrl() + "/repos/" + comment.repository() + "/issues/" + comment.number())
                .put("author_association", "NONE");
        json.set("user", GitHubFake.bot());
        return json;
    }

    private ResponseDefinition createReview(String repository, int number, JsonNode body) {
        var review = new Review(ids.incrementAndGet(), repository, number, body.path("commit_id").asText(),
                body.path("body").asText(""), body.path("comments"));
        reviews.put(review.id(), review);
        return json(200, reviewJson(review)).build();
    }

    private ArrayNode listReviews(String repository, int number) {
        ArrayNode list = JSON.createArrayNode();
        reviews.values().stream().filter(r -> r.repository().equals(repository) && r.number() == number)
                .sorted(java.util.Comparator.comparingLong(Review::id)).forEach(r -> list.add(reviewJson(r)));
        return list;
    }

    /** Every line comment of the pull request's reviews, as {@code GET /pulls/{number}/comments} lists them. */
    private ArrayNode listReviewComments(String repository, int number) {
        ArrayNode list = JSON.createArrayNode();
        reviews.values().stream().filter(r -> r.repository().equals(repository) && r.number() == number)
                .sorted(java.util.Comparator.comparingLong(Review::id)).forEach(review -> review.comments().forEach(comment -> {
                    ObjectNode json = list.addObject().put("id", review.id() * 1000 + list.size())
                            .put("pull_request_review_id", review.id())
                            .put("path", comment.path("path").asText()).put("line", comment.path("line").asInt())
                            .put("side", comment.path("side").asText("RIGHT")).put("commit_id", review.commitId())
                            .put("body", comment.path("body").asText()).put("created_at", "2026-12-07T00:00:00Z")
                            .put("updated_at", "2026-12-07T00:00:00Z").put("author_association", "NONE");
                    json.set("user", GitHubFake.bot());
                }));
        return list;
    }

    private ObjectNode reviewJson(Review review) {
        ObjectNode json = JSON.createObjectNode().put("id", review.id()).put("node_id", "PRR_" + review.id())
                .put("body", review.body())
                .put("state", "COMMENTED")
                .put("html_url", "https://github.com/" + review.repository() + "/pull/" + review.number())
                .put("pull_request_url", apiUrl() + "/repos/" + review.repository() + "/pulls/" + review.number())
                .put("submitted_at", "2026-12-07T00:00:00Z").put("commit_id", review.commitId())
                .put("author_association", "NONE");
        json.set("user", GitHubFake.bot());
        return json;
    }

    /** A read with GitHub's caching headers: the same ETag again gets a 304. */
    private ResponseDefinition read(JsonNode body, String ifNoneMatch) {
        if (body == null) {
            return notFound();
        }
        String etag = "W/\"" + GitHubFake.sha(body.toString()) + "\"";
        if (etag.equals(ifNoneMatch)) {
            return new ResponseDefinitionBuilder().withStatus(304).withHeader("ETag", etag)
                    .withHeader("Cache-Control", "private, max-age=60, s-maxage=60").build();
        }
        return json(200, body).withHeader("ETag", etag).withHeader("Cache-Control", "private, max-age=60, s-maxage=60")
                .withHeader("Vary", "Accept, Authorization, Cookie, X-GitHub-OTP").build();
    }

    private static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return GitHubFake.json(status, body);
    }

    private static ResponseDefinition notFound() {
        return json(404, JSON.createObjectNode().put("message", "Not Found")
                .put("documentation_url", "https://docs.github.com/rest").put("status", "404")).build();
    }

    private static ResponseDefinition serverError() {
        return json(502, JSON.createObjectNode().put("message", "Server Error")).build();
    }
}

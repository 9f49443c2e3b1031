package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.CacheControl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Direct REST calls for the few things github-api 1.330 cannot do without extra requests
 * (an installation token by id, editing a comment by id, review comments on a given side), and
 * listings read page by page.
 * They share the OkHttp client, so the same cache, rate-limit guard, pacing and counting apply.
 */
public final class GitHubRest {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /**
     * Revalidate every read: a conditional request answered 304 costs nothing and is never stale.
     * (OkHttp answers "no-cache" with an unconditional request; "max-age=0" makes it revalidate.)
     */
    private static final CacheControl REVALIDATE = new CacheControl.Builder().maxAge(0, TimeUnit.SECONDS).build();
    /** One link of a {@code Link} header: {@code <url>; rel="next"}. */
    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]*)\"");

    private final Supplier<OkHttpClient> client;
    private final String apiUrl;
    private final Authorization authorization;

    GitHubRest(Supplier<OkHttpClient> client, String apiUrl, Authorization authorization) {
        this.client = client;
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        this.authorization = authorization;
    }

    /** The value of the Authorization header for the next request, if any. */
    @FunctionalInterface
    interface Authorization {
        Optional<String> header() throws IOException;
    }

    public JsonNode get(String path) throws IOException {
        return send(request(path).cacheControl(REVALIDATE).get()).body();
    }

    /**
     * One page of a listing and the address of the next one ({@code rel="next"} in GitHub's
     * {@code Link} header; absent on the last page).
     *
     * @param notModified GitHub answered 304 to the conditional read (served from the cache, not
     *                    counted against the rate limit)
     */
    public record Page(JsonNode body, Optional<String> next, boolean notModified) {}

    /**
     * Reads one page: {@code pathOrLink} is a path below the API, or a {@link Page#next()} link
     * GitHub gave. A link that leaves the API is refused, so credentials never go elsewhere.
     */
    public Page page(String pathOrLink) throws IOException {
        String path = pathOrLink;
        if (!pathOrLink.startsWith("/")) {
            if (!pathOrLink.startsWith(apiUrl + "/")) {
                throw new IOException("refusing to follow a page link outside " + apiUrl + ": " + pathOrLink);
            }
            path = pathOrLink.substring(apiUrl.length());
        }
        return send(request(path).cacheControl(REVALIDATE).get());
    }

    /** A GET that may legitimately find nothing (404 gives empty). */
    public Optional<JsonNode> find(String path) throws IOException {
        try {
            return Optional.of(get(path));
        } catch (GitHubApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public JsonNode post(String path, JsonNode body) throws IOException {
        return send(request(path).post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON))).body();
    }

    public JsonNode patch(String path, JsonNode body) throws IOException {
        return send(request(path).patch(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON))).body();
    }

    private Request.Builder request(String path) throws IOException {
        var builder = new Request.Builder()
                .url(apiUrl + (path.startsWith("/") ? path : "/" + path))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28");
        authorization.header().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private Page send(Request.Builder builder) throws IOException {
        Request request = builder.build();
        try (Response response = client.get().newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new GitHubApiException(response.code(), request.method() + " " + request.url().encodedPath()
                        + " answered " + response.code() + messageOf(body));
            }
            Response network = response.networkResponse();
            return new Page(body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body),
                    nextLink(response.header("Link")), network != null && network.code() == 304);
        }
    }

    static Optional<String> nextLink(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            for (String rel : link.group(2).trim().split("\\s+")) {
                if (rel.equals("next")) {
                    return Optional.of(link.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private static String messageOf(String body) {
        try {
            JsonNode json = MAPPER.readTree(body);
            String message = json.path("message").asText("");
            return message.isEmpty() ? "" : ": " + message;
        } catch (IOException e) {
            return "";
        }
    }
}

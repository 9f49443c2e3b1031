package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import okhttp3.CacheControl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Direct REST calls for the few things github-api 1.330 cannot do without extra requests
 * (an installation token by id, editing a comment by id, review comments on a given side).
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
        return send(request(path).post(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON)));
    }

    public JsonNode patch(String path, JsonNode body) throws IOException {
        return send(request(path).patch(RequestBody.create(MAPPER.writeValueAsBytes(body), JSON)));
    }

    private Request.Builder request(String path) throws IOException {
        var builder = new Request.Builder()
                .url(apiUrl + (path.startsWith("/") ? path : "/" + path))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28");
        authorization.header().ifPresent(value -> builder.header("Authorization", value));
        return builder;
    }

    private JsonNode send(Request.Builder builder) throws IOException {
        Request request = builder.build();
        try (Response response = client.get().newCall(request).execute()) {
            String body = response.body() == null ? "" : response.body().string();
            if (!response.isSuccessful()) {
                throw new GitHubApiException(response.code(), request.method() + " " + request.url().encodedPath()
                        + " answered " + response.code() + messageOf(body));
            }
            return body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
        }
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

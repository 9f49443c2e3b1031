package dev.migrationreview.server;

import dev.migrationreview.github.GitHubApiException;
import dev.migrationreview.github.GitHubRateLimitedException;
import dev.migrationreview.github.RequestOutsideApiException;
import dev.migrationreview.inbox.WorkFailure;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Optional;
import org.kohsuke.github.HttpException;

/**
 * Sorts a failed GitHub conversation into "wait for the rate limit", "retry" and "retrying cannot
 * help", with a reason a person can act on; a payload no retry can use cannot be helped either. github-api wraps errors met while paging in unchecked
 * exceptions, so the whole cause chain is searched.
 */
final class Failures {

    private Failures() {}

    static Exception classify(Exception e) {
        Optional<UnusablePayloadException> unusable = find(e, UnusablePayloadException.class);
        if (unusable.isPresent()) {
            return new WorkFailure.Permanent(unusable.get().getMessage(), e);
        }
        Optional<RequestOutsideApiException> outside = find(e, RequestOutsideApiException.class);
        if (outside.isPresent()) {
            return new WorkFailure.Permanent(outside.get().getMessage(), e);
        }
        Optional<GitHubRateLimitedException> limited = find(e, GitHubRateLimitedException.class);
        if (limited.isPresent()) {
            return new WorkFailure.RetryAt(limited.get().getMessage(), limited.get().retryAtMillis(), e);
        }
        Optional<HttpException> http = find(e, HttpException.class);
        Optional<GitHubApiException> api = find(e, GitHubApiException.class);
        // github-api reports a 404 as a FileNotFoundException rather than an HttpException.
        Optional<FileNotFoundException> notFound = find(e, FileNotFoundException.class);
        int status = api.map(GitHubApiException::status).or(() -> http.map(HttpException::getResponseCode))
                .or(() -> notFound.map(missing -> 404)).orElse(-1);
        if (status < 0) {
            return find(e, IOException.class).<Exception>map(io -> io).orElse(e);
        }
        String reason = api.map(Throwable::getMessage)
                .or(() -> http.map(Failures::describe))
                .orElseGet(() -> "GitHub answered 404: " + notFound.orElseThrow().getMessage());
        // 401 means a stale token (refreshed on the next attempt); 5xx pass with time.
        if (status == 403 || status == 404 || status == 410 || status == 422) {
            return new WorkFailure.Permanent(reason, e);
        }
        return new IOException(reason, e);
    }

    private static String describe(HttpException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        try {
            String fromBody = WebhookEndpoint.JSON.readTree(message).path("message").asText("");
            if (!fromBody.isEmpty()) {
                message = fromBody;
            }
        } catch (IOException notJson) {
            // github-api's message is the body when GitHub sent one; otherwise keep it as it is.
        }
        return "GitHub answered " + e.getResponseCode() + " for " + e.getUrl() + ": " + message;
    }

    private static <T extends Throwable> Optional<T> find(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }
}

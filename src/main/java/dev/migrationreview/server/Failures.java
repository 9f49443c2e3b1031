package dev.migrationreview.server;

import dev.migrationreview.github.GitHubApiException;
import dev.migrationreview.github.GitHubRateLimitedException;
import dev.migrationreview.inbox.WorkFailure;
import java.io.IOException;
import java.util.Optional;
import org.kohsuke.github.HttpException;

/** Sorts a failed GitHub conversation into "wait for the rate limit", "retry" and "retrying cannot help". */
final class Failures {

    private Failures() {}

    /** The failure to report for {@code e}: an IOException stays retryable unless GitHub's answer says otherwise. */
    static Exception classify(IOException e) {
        Optional<GitHubRateLimitedException> limited = find(e, GitHubRateLimitedException.class);
        if (limited.isPresent()) {
            return new WorkFailure.RetryAt(limited.get().getMessage(), limited.get().retryAtMillis(), e);
        }
        int status = find(e, GitHubApiException.class).map(GitHubApiException::status)
                .or(() -> find(e, HttpException.class).map(HttpException::getResponseCode))
                .orElse(-1);
        // 401 means a stale token (refreshed on the next attempt); 5xx and network errors pass.
        if (status == 403 || status == 404 || status == 410 || status == 422) {
            return new WorkFailure.Permanent("GitHub answered " + status + ": " + e.getMessage(), e);
        }
        return e;
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

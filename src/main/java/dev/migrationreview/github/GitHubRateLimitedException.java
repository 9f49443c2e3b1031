package dev.migrationreview.github;

import java.io.IOException;

/** GitHub asked us to wait longer than is worth holding a worker; retry at {@link #retryAtMillis()}. */
public final class GitHubRateLimitedException extends IOException {

    private final long retryAtMillis;

    public GitHubRateLimitedException(String message, long retryAtMillis) {
        super(message);
        this.retryAtMillis = retryAtMillis;
    }

    public long retryAtMillis() {
        return retryAtMillis;
    }
}

package dev.migrationreview.github;

import java.io.IOException;

/** GitHub answered a direct REST call with an error status. */
public final class GitHubApiException extends IOException {

    private final int status;

    public GitHubApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}

package dev.migrationreview.snapshot;

import java.util.Optional;

/** What is known about the pull request itself; a local review knows less than GitHub does. */
public record PullRequestInfo(Optional<String> title, Optional<String> body, Optional<String> author) {

    public static final PullRequestInfo UNKNOWN = new PullRequestInfo(Optional.empty(), Optional.empty(), Optional.empty());
}

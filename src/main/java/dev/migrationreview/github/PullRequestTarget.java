package dev.migrationreview.github;

import java.io.IOException;
import java.util.Optional;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

/**
 * The pull request a review is about, frozen at one head.
 *
 * @param changedFiles how many files GitHub says the pull request changes (it lists at most 3,000)
 */
public record PullRequestTarget(
        String repository,
        int number,
        String headSha,
        String headRef,
        String baseSha,
        String baseRef,
        boolean draft,
        boolean open,
        Optional<String> title,
        Optional<String> body,
        Optional<String> author,
        int changedFiles) {

    /** Read from github-api objects parsed from a webhook payload or fetched once (no further requests). */
    public static PullRequestTarget of(GHRepository repository, GHPullRequest pr) throws IOException {
        return new PullRequestTarget(
                repository.getFullName(),
                pr.getNumber(),
                pr.getHead().getSha(),
                pr.getHead().getRef(),
                pr.getBase().getSha(),
                pr.getBase().getRef(),
                pr.isDraft(),
                pr.getState() == GHIssueState.OPEN,
                Optional.ofNullable(pr.getTitle()),
                Optional.ofNullable(pr.getBody()),
                Optional.ofNullable(pr.getUser()).map(user -> user.getLogin()),
                pr.getChangedFiles());
    }

    public String shortHead() {
        return headSha.length() > 7 ? headSha.substring(0, 7) : headSha;
    }

    public String describe() {
        return repository + "#" + number + " at " + shortHead() + " (into " + baseRef + ")";
    }
}

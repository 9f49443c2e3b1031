package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.config.ConfigSource;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.policy.BlobHistory;
import dev.migrationreview.policy.GitBlobs;
import dev.migrationreview.policy.PullRequest;
import dev.migrationreview.policy.TeamDirectory;
import dev.migrationreview.snapshot.ChangedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.kohsuke.github.GHLabel;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;

/**
 * What the policy needs from GitHub beyond the snapshot: the pull request's labels (from the
 * payload), commits and reviews (one listing each), the base branch's files (CODEOWNERS, a table
 * statistics export), team membership, files of earlier commits (for approvals given on them) and
 * other repositories' configuration (the organisation default and {@code extends}).
 */
public final class GitHubPolicySource {

    /** GitHub lists at most 250 commits of a pull request. */
    static final int PAGE_SIZE = 100;
    private static final int MAX_PAGES = 10;

    private final GHRepository repository;
    private final GHPullRequest pr;
    private final PullRequestTarget target;
    private final GitHubRest rest;
    private final CommitCache cache;

    public GitHubPolicySource(GHRepository repository, GHPullRequest pr, PullRequestTarget target, GitHubRest rest,
                              CommitCache cache) {
        this.repository = repository;
        this.pr = pr;
        this.target = target;
        this.rest = rest;
        this.cache = cache;
    }

    /** The pull request as the policy reads it; failures to read it are thrown so the review is retried. */
    public PullRequest pullRequest(GitHubSnapshot snapshot) throws IOException {
        Set<String> changed = new LinkedHashSet<>();
        for (ChangedFile file : snapshot.changedFiles()) {
            changed.add(file.path());
            file.previousPath().ifPresent(changed::add);
        }
        List<String> labels = pr.getLabels().stream().map(GHLabel::getName).toList();
        return new PullRequest(target.repository(), target.number(), target.title().orElse(""), target.body().orElse(""),
                target.author().orElse(""), Set.copyOf(labels), commits(), target.headSha(), List.copyOf(changed),
                snapshot.blobs(), snapshot.headTree(), snapshot.baseTree(), reviews());
    }

    private List<PullRequest.Commit> commits() throws IOException {
        return pages("/repos/" + target.repository() + "/pulls/" + target.number() + "/commits",
                commit -> Optional.of(new PullRequest.Commit(commit.path("sha").asText(),
                        commit.path("commit").path("message").asText(""))));
    }

    private List<PullRequest.Review> reviews() throws IOException {
        return pages("/repos/" + target.repository() + "/pulls/" + target.number() + "/reviews", review -> {
            Optional<PullRequest.Review.State> state = PullRequest.Review.State.fromGitHub(review.path("state").asText(""));
            String login = review.path("user").path("login").asText("");
            // Pending reviews are not submitted yet, and a deleted user's reviews have no author.
            if (state.isEmpty() || login.isEmpty() || !review.path("submitted_at").isTextual()) {
                return Optional.empty();
            }
            return Optional.of(new PullRequest.Review(login, state.get(), review.path("commit_id").asText(""),
                    Instant.parse(review.path("submitted_at").asText())));
        });
    }

    private <T> List<T> pages(String path, Function<JsonNode, Optional<T>> read) throws IOException {
        var result = new ArrayList<T>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            JsonNode items = rest.get(path + "?per_page=" + PAGE_SIZE + "&page=" + page);
            items.forEach(item -> read.apply(item).ifPresent(result::add));
            if (items.size() < PAGE_SIZE) {
                break;
            }
        }
        return result;
    }

    /**
     * Team membership through {@code GET /orgs/{org}/teams/{team}/memberships/{login}} (the App
     * needs the organisation's members: read permission); a pending invitation is not membership.
     */
    public static TeamDirectory teams(GitHubRest rest) {
        return (organisation, team, login) -> {
            try {
                return rest.find("/orgs/" + encode(organisation) + "/teams/" + encode(team) + "/memberships/" + encode(login))
                        .map(m -> m.path("state").asText("").equals("active")).orElse(false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot ask GitHub whether " + login + " is in @" + organisation + "/" + team, e);
            }
        };
    }

    /** Blob ids of earlier commits: git's id of the content read there, as GitHub lists head's. */
    public BlobHistory history() {
        return (commit, path) -> {
            try {
                return cache.file(target.repository(), commit, path, () -> GitHubSnapshot.readAt(repository, path, commit))
                        .map(file -> GitBlobs.id(file.content()));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " at " + commit, e);
            }
        };
    }

    /** Files on other repositories' default branches, for the organisation default and {@code extends}. */
    public static ConfigSource configs(GitHubRest rest) {
        return (repository, path) -> {
            try {
                Optional<JsonNode> content = rest.find("/repos/" + repository + "/contents/"
                        + String.join("/", List.of(path.split("/")).stream().map(GitHubPolicySource::encode).toList()));
                return content.filter(c -> c.path("type").asText("").equals("file") && c.path("content").isTextual())
                        .map(c -> new SourceFile(path, Base64.getMimeDecoder().decode(c.path("content").asText())));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + path + " of " + repository, e);
            }
        };
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package dev.migrationreview.policy;

import dev.migrationreview.config.ConfigLoader;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.discovery.InMemoryFileTree;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.policy.PullRequest.Commit;
import dev.migrationreview.policy.PullRequest.Review;
import dev.migrationreview.review.Engines;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleDoc;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A pull request built in a test: files at head and base, earlier commits (for approvals given on
 * them), the description, reviews and teams. {@link #evaluate(String)} runs the real engine and the
 * real configuration loader before the policy, as the App does.
 */
final class SimulatedPullRequest {

    static final String REPOSITORY = "acme/shop";
    static final String HEAD = "a1b2c3d4e5f60718293a4b5c6d7e8f9012345678";

    private final Map<String, String> head = new TreeMap<>();
    private final Map<String, String> base = new TreeMap<>();
    private final List<String> changed = new ArrayList<>();
    private final Set<String> labels = new LinkedHashSet<>();
    private final List<Commit> commits = new ArrayList<>();
    private final List<Review> reviews = new ArrayList<>();
    private final Map<String, Map<String, String>> blobsAt = new HashMap<>();
    private final Map<String, String> headBlobs = new HashMap<>();
    private final Map<String, Set<String>> teams = new HashMap<>();
    private String title = "Add invoice totals";
    private String body = "";
    private String author = "dev";
    private int clock;

    /** A migration (or any file) the pull request adds or changes. */
    SimulatedPullRequest changes(String path, String text) {
        head.put(path, text);
        changed.add(path);
        return this;
    }

    /** A file already at head that the pull request does not touch. */
    SimulatedPullRequest hasAtHead(String path, String text) {
        head.put(path, text);
        return this;
    }

    SimulatedPullRequest onBase(String path, String text) {
        base.put(path, text);
        return this;
    }

    SimulatedPullRequest title(String title) {
        this.title = title;
        return this;
    }

    SimulatedPullRequest body(String body) {
        this.body = body;
        return this;
    }

    SimulatedPullRequest author(String author) {
        this.author = author;
        return this;
    }

    SimulatedPullRequest label(String label) {
        labels.add(label);
        return this;
    }

    SimulatedPullRequest commit(String sha, String message) {
        commits.add(new Commit(sha, message));
        return this;
    }

    SimulatedPullRequest team(String organisationAndTeam, String... members) {
        teams.computeIfAbsent(organisationAndTeam.toLowerCase(), t -> new LinkedHashSet<>()).addAll(List.of(members));
        return this;
    }

    /** A review on the head commit. */
    SimulatedPullRequest review(String login, Review.State state) {
        return review(login, state, HEAD);
    }

    SimulatedPullRequest review(String login, Review.State state, String commit) {
        reviews.add(new Review(login, state, commit, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(++clock)));
        return this;
    }

    /** An earlier commit of the pull request, with the content its files had then. */
    SimulatedPullRequest earlierCommit(String sha, Map<String, String> files) {
        var blobs = new HashMap<String, String>();
        files.forEach((path, text) -> blobs.put(path, GitBlobs.id(text.getBytes(StandardCharsets.UTF_8))));
        blobsAt.put(sha, blobs);
        return this;
    }

    /** The blob id the source lists for a file at head (GitHub's file listing), instead of one computed from content. */
    SimulatedPullRequest listedBlob(String path, String blob) {
        headBlobs.put(path, blob);
        return this;
    }

    /** An earlier commit of the pull request, with the blob ids its files had then. */
    SimulatedPullRequest earlierBlobs(String sha, Map<String, String> blobs) {
        blobsAt.put(sha, Map.copyOf(blobs));
        return this;
    }

    /** The files at head as they are now, for an earlier commit that had the same content (a rebase). */
    Map<String, String> headFiles() {
        return Map.copyOf(head);
    }

    PullRequest pullRequest() {
        return new PullRequest(REPOSITORY, 42, title, body, author, labels, commits, HEAD, changed, headBlobs,
                InMemoryFileTree.of(head), InMemoryFileTree.of(base), reviews);
    }

    ReviewResult review(ConfigResult config) {
        var tree = InMemoryFileTree.of(head);
        List<SourceFile> files = changed.stream().map(p -> tree.read(p).orElseThrow()).toList();
        return Engines.standard().review(new ReviewInput(files, tree, config.effective()));
    }

    /** The change as the policy reads it, reviewed with the default settings. */
    SchemaChange schemaChange() {
        return SchemaChange.of(review(new ConfigResult.Loaded(dev.migrationreview.config.ReviewConfig.defaults())));
    }

    PullRequestBody description() {
        return PullRequestBody.parse(body);
    }

    TeamDirectory teams() {
        return (organisation, team, login) -> teams.getOrDefault((organisation + "/" + team).toLowerCase(), Set.of())
                .stream().anyMatch(login::equalsIgnoreCase);
    }

    BlobHistory history() {
        return (commit, path) -> Optional.ofNullable(blobsAt.getOrDefault(commit, Map.of()).get(path));
    }

    /** Loads {@code yaml} with the real loader (as the base branch's config) and evaluates the policy. */
    PolicyVerdict evaluate(String yaml) {
        ConfigResult config = ConfigLoader.checkingRuleIds(
                RuleCatalog.builtIn().docs().stream().map(RuleDoc::id).collect(Collectors.toSet()))
                .load(".github/migration-review.yml", yaml);
        return new PolicyEvaluator(config.policy(), teams(), history()).evaluate(pullRequest(), review(config), config.errors());
    }

    static Map<String, String> files(String... pathsAndTexts) {
        var files = new LinkedHashMap<String, String>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            files.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return files;
    }
}

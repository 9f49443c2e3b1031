package dev.migrationreview.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.command.CommandHandler;
import dev.migrationreview.command.CommentEvent;
import dev.migrationreview.command.Decisions;
import dev.migrationreview.command.Inspection;
import dev.migrationreview.command.MigrationBlobs;
import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.ConfigSource;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.github.CheckRunOutput;
import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.github.GitHubPolicySource;
import dev.migrationreview.github.GitHubPublisher;
import dev.migrationreview.github.GitHubSnapshot;
import dev.migrationreview.github.InstallationClient;
import dev.migrationreview.github.LineComments;
import dev.migrationreview.github.MigrationCandidates;
import dev.migrationreview.github.PullRequestConversation;
import dev.migrationreview.github.PullRequestTarget;
import dev.migrationreview.inbox.EventRouter;
import dev.migrationreview.inbox.WorkHandler;
import dev.migrationreview.policy.CachingTeamDirectory;
import dev.migrationreview.policy.ExpiringAnswers;
import dev.migrationreview.policy.TeamDirectory;
import dev.migrationreview.inbox.WorkKeys;
import dev.migrationreview.report.Headline;
import dev.migrationreview.report.HtmlRenderer;
import dev.migrationreview.report.MarkdownRenderer;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.store.PullRequestDecision;
import dev.migrationreview.store.PullRequestRecord;
import dev.migrationreview.store.ReviewRun;
import dev.migrationreview.store.Store;
import dev.migrationreview.store.StoredDelivery;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.kohsuke.github.GHEventPayload;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The App's work: reviews a pull request for a delivery (coalescing a burst of them into one
 * review of the newest head), publishes the check run, summary comment and line comments, and
 * keeps installations and closed pull requests tidy. Every publishing step is recorded in the
 * store as it happens, so a retry or a restart resumes the review instead of posting twice.
 */
public final class PullRequestReviewer implements WorkHandler {

    private static final Logger LOG = LoggerFactory.getLogger(PullRequestReviewer.class);
    private static final ObjectMapper JSON = WebhookEndpoint.JSON;
    /**
     * Actions that ask for a review even when the head was reviewed already: among them a review
     * submitted or dismissed, and an edited description, which change the policy's verdict.
     */
    private static final Set<String> FORCING_ACTIONS = Set.of("reopened", "ready_for_review", "edited",
            "rerequested", "requested_action", "submitted", "dismissed");
    /** Someone pressed GitHub's Re-run or a button on our check run: they see a new check run start. */
    private static final Set<String> RERUN_ACTIONS = Set.of("rerequested", "requested_action");
    private static final Set<String> PAYLOAD_CARRIES_PULL_REQUEST = Set.of("pull_request", "pull_request_review");
    /** Team memberships are remembered this long, per installation, across reviews. */
    private static final Duration MEMBERSHIP_LIFETIME = Duration.ofMinutes(10);
    private static final int MEMBERSHIP_CAPACITY = 10_000;
    /**
     * Other repositories' configuration (the organisation default, extended files) is remembered
     * this long: a missing file answers 404, which no ETag makes free, and most repositories have
     * no organisation default. An edit there applies within this time.
     */
    private static final Duration SHARED_CONFIG_LIFETIME = Duration.ofMinutes(5);
    private static final int SHARED_CONFIG_CAPACITY = 1_000;

    private final Store store;
    private final GitHubAccess github;
    private final SnapshotReviewer reviewer;
    private final Supplier<String> publicUrl;
    private final GitHubPublisher publisher = new GitHubPublisher();
    private final LineComments lineComments = new LineComments();
    private final InstallationEvents installationEvents;
    private final CommandHandler commands;
    private final Map<InstallationClient, TeamDirectory> teams = new ConcurrentHashMap<>();
    private final ExpiringAnswers<String, Optional<SourceFile>> sharedConfigs =
            new ExpiringAnswers<>(SHARED_CONFIG_LIFETIME, SHARED_CONFIG_CAPACITY, Clock.systemUTC());

    /**
     * @param publicUrl how browsers reach this server, for details pages (known once it listens)
     * @param commands  runs the slash commands of pull request comments
     */
    public PullRequestReviewer(Store store, GitHubAccess github, SnapshotReviewer reviewer, Supplier<String> publicUrl,
                               CommandHandler commands) {
        this.store = store;
        this.github = github;
        this.reviewer = reviewer;
        this.publicUrl = publicUrl;
        this.installationEvents = new InstallationEvents(store);
        this.commands = commands;
    }

    /**
     * The newest delivery of a pull request carries its newest head: it runs and the older ones fold
     * in. Comments with commands are never folded: each runs in its turn, since each may change what
     * the next one sees; review deliveries before the first of them fold into the newest of those.
     */
    @Override
    public WorkPlan plan(List<StoredDelivery> pending) {
        if (WorkKeys.isPullRequest(pending.getFirst().workKey())) {
            int firstComment = 0;
            while (firstComment < pending.size() && !isComment(pending.get(firstComment))) {
                firstComment++;
            }
            if (firstComment == 0) {
                return new WorkPlan(pending.getFirst(), List.of());
            }
            return new WorkPlan(pending.get(firstComment - 1), pending.subList(0, firstComment - 1));
        }
        return new WorkPlan(pending.getFirst(), List.of());
    }

    private static boolean isComment(StoredDelivery delivery) {
        return delivery.event().equals("issue_comment");
    }

    @Override
    public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws Exception {
        JsonNode json = JSON.readTree(payload);
        try {
            return switch (delivery.event()) {
                case "installation", "installation_repositories" -> installationEvents.apply(delivery.event(), json);
                case "pull_request" -> delivery.action().equals("closed") ? closed(delivery) : review(delivery, payload, json, context);
                case "issue_comment" -> comment(delivery, payload, json, context);
                default -> review(delivery, payload, json, context);
            };
        } catch (IOException | RuntimeException e) {
            throw Failures.classify(e);
        }
    }

    private String closed(StoredDelivery delivery) {
        store.pullRequests().forget(delivery.workKey());
        return "pull request closed: its review state is forgotten";
    }

    private String comment(StoredDelivery delivery, byte[] payload, JsonNode json, WorkContext context) throws IOException {
        Optional<CommentEvent> event = CommentEvent.read(json);
        if (event.isEmpty()) {
            return "not a new pull request comment";
        }
        if (!github.hasApp()) {
            return "slash commands need the GitHub App: ignored in local mode";
        }
        long installation = installationOf(delivery);
        if (installationEvents.suspended(installation)) {
            return "installation is suspended: commands are not run";
        }
        InstallationClient client = github.installation(installation);
        var conversation = new PullRequestConversation(client, event.get().repository(), event.get().number());
        return commands.handle(event.get(), delivery.workKey(), conversation, () -> {
            Opened opened = open(client, delivery, new String(payload, StandardCharsets.UTF_8));
            PullRequestTarget target = PullRequestTarget.of(opened.repository(), opened.pr());
            Reviewed reviewed = loadAndReview(opened, target, client, "installation " + installation, delivery.workKey());
            return new Inspection(target, reviewed.config(), reviewed.report().result());
        }, () -> review(delivery, payload, json, context));
    }

    /** One head reviewed: the snapshot, its configuration, the report, and the slash-command decisions in force on it. */
    private record Reviewed(GitHubSnapshot snapshot, ConfigResult config, ReviewReport report, Decisions decisions) {}

    private Reviewed loadAndReview(Opened opened, PullRequestTarget target, InstallationClient client, String scope,
                                   String prKey) throws IOException {
        ConfigSource configs = remembered(scope, GitHubPolicySource.configs(client.rest()));
        GitHubSnapshot snapshot = GitHubSnapshot.load(opened.repository(), opened.pr(), target,
                config -> new MigrationCandidates(reviewer.configuredMigrations(config, target.repository(), configs)),
                github.commitCache());
        var policySource = new GitHubPolicySource(opened.repository(), opened.pr(), target, client.rest(), github.commitCache());
        List<PullRequestDecision> active = store.decisions().active(prKey);
        ReviewReport report;
        try {
            var inputs = new PolicyInputs(policySource.pullRequest(snapshot), teams(client), policySource.history(), configs,
                    active, store.pullRequests().proofRequested(prKey));
            report = reviewer.review(snapshot, inputs);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        snapshot.rethrowReadFailure();
        ConfigResult config = reviewer.config(snapshot.baseConfig(), target.repository(), configs);
        return new Reviewed(snapshot, config, report, Decisions.judge(active, MigrationBlobs.of(report.result())));
    }

    private String review(StoredDelivery delivery, byte[] payload, JsonNode json, WorkContext context) throws IOException {
        boolean publishing = github.hasApp();
        Optional<Long> installation = publishing ? Optional.of(installationOf(delivery)) : Optional.empty();
        String scope = installation.map(id -> "installation " + id).orElse("anonymous");
        InstallationClient client = installation.map(github::installation).orElseGet(github::anonymous);
        if (installation.isPresent() && installationEvents.suspended(installation.get())) {
            return "installation is suspended: nothing is published";
        }
        String prKey = delivery.workKey();
        if (delivery.event().equals("check_run")
                && GitHubPublisher.PROVE_IDENTIFIER.equals(json.path("requested_action").path("identifier").asText())) {
            store.pullRequests().requestProof(prKey, json.path("sender").path("login").asText());
        }
        Optional<PullRequestRecord> record = store.pullRequests().find(prKey);
        // A re-run folded into a later push still asks for a review of whatever head comes out.
        boolean forced = FORCING_ACTIONS.contains(delivery.action()) || isComment(delivery)
                || context.coalesced().stream().anyMatch(older -> FORCING_ACTIONS.contains(older.action()));
        Optional<String> reviewedHead = record.flatMap(PullRequestRecord::lastReviewedHead);
        // A check suite for a head that its push already had reviewed costs no request at all.
        if (!forced && reviewedHead.isPresent() && reviewedHead.equals(declaredHead(delivery.event(), json))) {
            return "head " + reviewedHead.get() + " was reviewed already";
        }
        Opened opened = open(client, delivery, new String(payload, StandardCharsets.UTF_8));
        if (!payloadIsCurrent(delivery, json, reviewedHead, context)) {
            // Deliveries can arrive out of order (a retry, a redelivery, two replicas): GitHub says where the head is now.
            opened = new Opened(opened.repository(), opened.repository().getPullRequest(opened.pr().getNumber()));
        }
        PullRequestTarget target = PullRequestTarget.of(opened.repository(), opened.pr());
        MDC.put("head_sha", target.headSha());
        if (!target.open()) {
            return "pull request is closed: nothing to review";
        }
        if (!forced && reviewedHead.filter(target.headSha()::equals).isPresent()) {
            return "head " + target.shortHead() + " was reviewed already";
        }
        if (context.superseded()) {
            // The newer delivery may be a comment whose commands change nothing: it must still publish.
            store.decisions().markForReevaluation(prKey);
            return "superseded by a newer delivery before the review started";
        }
        ReviewRun run = store.reviewRuns().startOrResume(delivery.deliveryId(), prKey, target.repository(),
                target.number(), target.headSha());
        String detailsUrl = publicUrl.get() + "/reviews/" + run.id();
        Optional<Long> checkRunId = publishing
                ? Optional.of(ensureCheckRun(run, opened, target, detailsUrl, RERUN_ACTIONS.contains(delivery.action())))
                : Optional.empty();

        Reviewed reviewed = loadAndReview(opened, target, client, scope, prKey);
        GitHubSnapshot snapshot = reviewed.snapshot();
        ReviewReport report = reviewed.report();
        store.decisions().reevaluated(prKey);
        Decisions decisions = reviewed.decisions();
        String conclusion = Conclusions.of(report, snapshot.truncated());
        store.reviewRuns().recordOutcome(run.id(), conclusion, Headline.of(report), new HtmlRenderer().render(report));
        LOG.info("reviewed {}: {} ({})", target.describe(), Headline.of(report), conclusion);
        if (!publishing) {
            store.pullRequests().ensure(prKey, target.repository(), target.number());
            store.pullRequests().recordReviewedHead(prKey, target.headSha());
            store.reviewRuns().finish(run.id(), ReviewRun.State.COMPLETED);
            return "reviewed in local mode: " + detailsUrl;
        }

        var notes = new java.util.ArrayList<>(decisions.notes());
        if (snapshot.truncated()) {
            notes.add("This pull request changes " + target.changedFiles() + " files; GitHub lists only the first "
                    + GitHubSnapshot.GITHUB_FILE_CAP + ", so the rest were not reviewed.");
        }
        if (!run.checkCompleted()) {
            publisher.completeCheckRun(opened.repository(), checkRunId.orElseThrow(),
                    // Read again: a check run carried over from an earlier run brings its annotations.
                    CheckRunOutput.of(report, conclusion, detailsUrl, notes),
                    store.reviewRuns().find(run.id()).orElseThrow().annotationsSent(),
                    sent -> store.reviewRuns().recordAnnotationsSent(run.id(), sent));
            store.reviewRuns().recordStep(run.id(), ReviewRun.Step.CHECK_COMPLETED);
        }
        if (context.superseded()) {
            store.decisions().markForReevaluation(prKey);
            store.reviewRuns().finish(run.id(), ReviewRun.State.COMPLETED);
            return "check run completed; comments are left to the newer push";
        }
        store.pullRequests().ensure(prKey, target.repository(), target.number());
        if (target.draft()) {
            store.pullRequests().recordReviewedHead(prKey, target.headSha());
            store.reviewRuns().finish(run.id(), ReviewRun.State.COMPLETED);
            return "draft pull request: check run only (" + conclusion + ")";
        }
        // A pull request the store has never seen may still carry comments from before (a reopened
        // one, or a store that was reset): then GitHub is asked; a brand-new one cannot have any.
        boolean mayHaveHistory = record.isEmpty() && !delivery.action().equals("opened");
        if (!run.summaryPublished()) {
            publishSummary(run, opened.pr(), target, report, decisions, prKey, record, mayHaveHistory, client);
            store.reviewRuns().recordStep(run.id(), ReviewRun.Step.SUMMARY_PUBLISHED);
        }
        int posted = 0;
        if (!run.reviewPublished()) {
            posted = publishReview(run, opened.pr(), target, report, snapshot, prKey, record, mayHaveHistory, detailsUrl);
            store.reviewRuns().recordStep(run.id(), ReviewRun.Step.REVIEW_PUBLISHED);
        }
        // Only now: a retry after a failed comment must not take the head for reviewed.
        store.pullRequests().recordReviewedHead(prKey, target.headSha());
        store.reviewRuns().finish(run.id(), ReviewRun.State.COMPLETED);
        return "reviewed " + target.shortHead() + ": " + conclusion + ", " + Headline.plural(posted, "line comment");
    }

    /** Team membership asked through this installation, remembered across reviews. */
    private TeamDirectory teams(InstallationClient client) {
        return teams.computeIfAbsent(client, c -> new CachingTeamDirectory(GitHubPolicySource.teams(c.rest()),
                MEMBERSHIP_LIFETIME, MEMBERSHIP_CAPACITY, Clock.systemUTC()));
    }

    /**
     * Other repositories' configuration files, remembered for a while (the candidates and the review
     * both resolve it); per installation, since each sees different repositories.
     */
    private ConfigSource remembered(String scope, ConfigSource source) {
        return (repository, path) -> sharedConfigs.get(scope + ":" + repository + ":" + path, () -> source.read(repository, path));
    }

    /** The head commit the payload names, before asking GitHub. */
    private static Optional<String> declaredHead(String event, JsonNode payload) {
        JsonNode sha = switch (event) {
            case "pull_request", "pull_request_review", EventRouter.SWEEP_EVENT -> payload.path("pull_request").path("head").path("sha");
            case "check_suite" -> payload.path("check_suite").path("head_sha");
            case "check_run" -> payload.path("check_run").path("head_sha");
            default -> payload.path("missing");
        };
        return sha.isTextual() ? Optional.of(sha.asText()) : Optional.empty();
    }

    private long installationOf(StoredDelivery delivery) throws IOException {
        if (delivery.installationId().isPresent()) {
            return delivery.installationId().get();
        }
        return github.installationIdFor(delivery.repository()
                .orElseThrow(() -> new UnusablePayloadException("delivery names neither installation nor repository")));
    }

    /** The repository and pull request as github-api objects, from the payload when it holds the pull request. */
    private record Opened(GHRepository repository, GHPullRequest pr) {}

    private Opened open(InstallationClient client, StoredDelivery delivery, String payload) throws IOException {
        int number = delivery.pullNumber().orElseThrow(() -> new UnusablePayloadException("delivery has no pull request number"));
        Opened opened = switch (delivery.event()) {
            case "pull_request" -> {
                var event = parse(client, payload, GHEventPayload.PullRequest.class);
                yield new Opened(event.getRepository(), event.getPullRequest());
            }
            case "pull_request_review" -> {
                var event = parse(client, payload, GHEventPayload.PullRequestReview.class);
                yield new Opened(event.getRepository(), event.getPullRequest());
            }
            // The sweep's copy of the pull request may be older than its head by now, and the
            // listing it came from leaves out fields a review reads: the pull request is read afresh.
            case EventRouter.SWEEP_EVENT -> fetched(parse(client, payload, GHEventPayload.PullRequest.class), number);
            case "check_run" -> fetched(parse(client, payload, GHEventPayload.CheckRun.class), number);
            case "check_suite" -> fetched(parse(client, payload, GHEventPayload.CheckSuite.class), number);
            case "issue_comment" -> fetched(parse(client, payload, GHEventPayload.IssueComment.class), number);
            default -> throw new IOException("event " + delivery.event() + " carries no pull request");
        };
        GHPullRequest pr = opened.pr();
        // A signed payload can still lack what every GitHub event has; no retry would add it.
        if (opened.repository() == null || opened.repository().getFullName() == null || pr == null || pr.getHead() == null
                || pr.getHead().getSha() == null || pr.getBase() == null || pr.getBase().getSha() == null) {
            throw new UnusablePayloadException("the " + delivery.event() + " payload lacks its repository, or its pull request's "
                    + "head or base");
        }
        return opened;
    }

    /** The repository an event names, with its pull request read from GitHub. */
    private static Opened fetched(GHEventPayload event, int number) throws IOException {
        GHRepository repository = event.getRepository();
        if (repository == null) {
            throw new UnusablePayloadException("the payload names no repository");
        }
        return new Opened(repository, repository.getPullRequest(number));
    }

    /**
     * The payload as github-api's event. Reading it asks nothing of GitHub, so a payload it cannot
     * bind (a field of the wrong type) or finish (no pull request in a pull request event) is
     * unusable for good.
     */
    private static <T extends GHEventPayload> T parse(InstallationClient client, String payload, Class<T> type) throws IOException {
        try {
            return client.api().parseEventPayload(new StringReader(payload), type);
        } catch (JacksonException | RuntimeException e) {
            String why = e instanceof JacksonException jackson ? jackson.getOriginalMessage() : e.getMessage();
            throw new UnusablePayloadException("the payload is not shaped as GitHub's " + type.getSimpleName() + " event: " + why, e);
        }
    }

    /**
     * Whether the pull request in a pull_request payload can be trusted to show the current head:
     * the first delivery of a new pull request, a push that follows the head reviewed last, or
     * news about that same head. Anything else may be an older delivery arriving late.
     */
    private static boolean payloadIsCurrent(StoredDelivery delivery, JsonNode json, Optional<String> reviewedHead,
                                            WorkContext context) {
        if (!PAYLOAD_CARRIES_PULL_REQUEST.contains(delivery.event())) {
            return true; // open() read it from GitHub
        }
        if (!context.coalesced().isEmpty()) {
            return false; // a burst was folded into this delivery: which push came last is GitHub's to say
        }
        return switch (delivery.action()) {
            case "opened" -> reviewedHead.isEmpty();
            case "synchronize" -> reviewedHead.filter(json.path("before").asText()::equals).isPresent();
            default -> reviewedHead.isPresent() && reviewedHead.equals(declaredHead(delivery.event(), json));
        };
    }

    /**
     * @param rerun a check run was asked for (see RERUN_ACTIONS); any other review of a head already
     *              checked updates that head's check run, so a head has one check run.
     */
    private long ensureCheckRun(ReviewRun run, Opened opened, PullRequestTarget target, String detailsUrl, boolean rerun)
            throws IOException {
        if (run.checkRunId().isPresent()) {
            return run.checkRunId().get();
        }
        if (run.checkRequested()) {
            Optional<Long> existing = publisher.findCheckRun(opened.repository(), target.headSha(), run.id());
            if (existing.isPresent()) {
                store.reviewRuns().recordCheckRun(run.id(), existing.get());
                return existing.get();
            }
        }
        if (!rerun) {
            for (ReviewRun earlier : store.reviewRuns().checkRequestedAt(run.prKey(), target.headSha(), run.id())) {
                Optional<Long> existing = earlier.checkRunId().isPresent() ? earlier.checkRunId()
                        : publisher.findCheckRun(opened.repository(), target.headSha(), earlier.id());
                if (existing.isPresent()) {
                    store.reviewRuns().adoptCheckRun(run.id(), existing.get());
                    return existing.get();
                }
            }
        }
        store.reviewRuns().recordStep(run.id(), ReviewRun.Step.CHECK_REQUESTED);
        long id = publisher.startCheckRun(opened.repository(), target.headSha(), run.id(), detailsUrl);
        store.reviewRuns().recordCheckRun(run.id(), id);
        return id;
    }

    private void publishSummary(ReviewRun run, GHPullRequest pr, PullRequestTarget target, ReviewReport report,
                                Decisions decisions, String prKey, Optional<PullRequestRecord> record, boolean mayHaveHistory,
                                InstallationClient client) throws IOException {
        Optional<Long> commentId = record.flatMap(PullRequestRecord::summaryCommentId);
        Optional<String> shownHash = record.flatMap(PullRequestRecord::summaryHash);
        // A summary asked for before (by this run or another) whose id never came back may exist all the same.
        if (commentId.isEmpty() && (mayHaveHistory || store.reviewRuns().summaryRequested(prKey))) {
            var existing = publisher.findSummaryComment(pr);
            if (existing.isPresent()) {
                commentId = Optional.of(existing.get().id());
                shownHash = Optional.of(hash(existing.get().body()));
            }
        }
        boolean hasMigrations = !report.result().files().isEmpty();
        if (!hasMigrations && commentId.isEmpty()) {
            return;
        }
        String decided = decisions.markdown();
        String body = hasMigrations
                ? new MarkdownRenderer(MarkdownRenderer.GITHUB_COMMENT_LIMIT - decided.length()).render(report) + decided
                : migrationsGone(target);
        String bodyHash = hash(body);
        if (commentId.isPresent() && shownHash.filter(bodyHash::equals).isPresent()) {
            store.pullRequests().recordSummary(prKey, commentId, shownHash);
            return;
        }
        if (commentId.isPresent() && publisher.editComment(client.rest(), target.repository(), commentId.get(), body)) {
            store.pullRequests().recordSummary(prKey, commentId, Optional.of(bodyHash));
            return;
        }
        store.reviewRuns().recordStep(run.id(), ReviewRun.Step.SUMMARY_REQUESTED);
        long created = publisher.createComment(pr, body);
        store.pullRequests().recordSummary(prKey, Optional.of(created), Optional.of(bodyHash));
    }

    private static String migrationsGone(PullRequestTarget target) {
        return MarkdownRenderer.MARKER + "\n### ✅ Migration review: no migrations\n\nAs of " + target.shortHead()
                + " this pull request no longer changes any migration files, so there is nothing to review.\n";
    }

    private int publishReview(ReviewRun run, GHPullRequest pr, PullRequestTarget target, ReviewReport report,
                              GitHubSnapshot snapshot, String prKey, Optional<PullRequestRecord> record,
                              boolean mayHaveHistory, String detailsUrl) throws IOException {
        Set<String> posted;
        if (mayHaveHistory || store.reviewRuns().unconfirmedReview(prKey, run.id())) {
            // What was posted before is known only to GitHub: read it, and remember it from now on.
            posted = publisher.postedFingerprints(pr);
            store.pullRequests().recordPosted(prKey, posted);
            store.reviewRuns().settleUnconfirmedReviews(prKey, run.id());
        } else {
            posted = store.pullRequests().postedFingerprints(prKey);
        }
        List<LineComments.LineComment> comments = lineComments.comments(report.result().findings(), snapshot::hunks,
                snapshot.headContents(), posted);
        Set<String> fingerprints = comments.stream().map(LineComments.LineComment::fingerprint).collect(Collectors.toSet());
        if (run.reviewRequested() && publisher.reviewExists(pr, run.id())) {
            store.pullRequests().recordPosted(prKey, fingerprints);
            return comments.size();
        }
        if (comments.isEmpty()) {
            return 0;
        }
        store.reviewRuns().recordStep(run.id(), ReviewRun.Step.REVIEW_REQUESTED);
        String body = "**migration-review** found " + Headline.plural(comments.size(), "problem")
                + " on migration lines of " + target.shortHead() + ". [Full report](" + detailsUrl + ")";
        try {
            publisher.createReview(pr, target.headSha(), run.id(), body, comments);
        } catch (HttpException e) {
            if (e.getResponseCode() == 422) {
                // GitHub refused the anchors (the pull request moved on since this head): the
                // findings stay in the check run and the summary; nothing is retried.
                LOG.warn("GitHub refused the line comments for {}: {}", target.describe(), e.getMessage());
                return 0;
            }
            throw e;
        }
        store.pullRequests().recordPosted(prKey, fingerprints);
        return comments.size();
    }

    static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}

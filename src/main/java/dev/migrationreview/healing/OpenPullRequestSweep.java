package dev.migrationreview.healing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.github.GitHubRateLimitedException;
import dev.migrationreview.github.GitHubRest;
import dev.migrationreview.inbox.EventRouter;
import dev.migrationreview.inbox.Inbox;
import dev.migrationreview.inbox.WorkKeys;
import dev.migrationreview.store.HealingJobs;
import dev.migrationreview.store.Installations.Installation;
import dev.migrationreview.store.PullRequestRecord;
import dev.migrationreview.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Queues a review for open pull requests whose {@code migration-review} check is missing for their
 * head (a webhook that never arrived, a check left in progress by a crash). It rotates through the
 * installations the store knows and their repositories ({@code GET /installation/repositories}),
 * a bounded number per run, resuming where the last run stopped; per repository it lists the
 * recently updated open pull requests. A head the store records as reviewed, or one an earlier
 * sweep queued already, costs no request; otherwise the head's check runs are asked for, and a
 * review is queued through the normal intake as the bot's own {@link EventRouter#SWEEP_EVENT}
 * under a delivery id naming the head, so the same head is never queued twice.
 */
public final class OpenPullRequestSweep {

    public static final String JOB = "open-pull-request-sweep";
    private static final Logger LOG = LoggerFactory.getLogger(OpenPullRequestSweep.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration LEASE = Duration.ofMinutes(15);
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern FULL_NAME = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    /**
     * @param repositoriesPerRun repositories one run looks at, at most (the next run goes on from there)
     * @param requestsPerRun     GitHub requests one run sends, at most
     * @param reviewsPerRun      reviews one run queues, at most (each costs the installation requests)
     * @param updatedWithin      only pull requests updated this recently are looked at
     * @param inProgressGrace    a check in progress for less than this is a review under way; an older one is stuck
     */
    public record Settings(int repositoriesPerRun, int requestsPerRun, int reviewsPerRun, Duration updatedWithin,
                           Duration inProgressGrace) {
        public Settings {
            if (repositoriesPerRun < 1 || requestsPerRun < 1 || reviewsPerRun < 1 || updatedWithin.isNegative()
                    || updatedWithin.isZero() || inProgressGrace.isNegative()) {
                throw new IllegalArgumentException("sweep limits must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(100, 300, 50, Duration.ofDays(30), Duration.ofMinutes(30));
        }
    }

    /**
     * What one run did.
     *
     * @param installationsLearned installations GitHub lists that the store lacked (or whose suspension changed)
     * @param installations        installations whose repositories the run listed
     * @param reviewedInStore pull requests whose head the store records as reviewed (no request)
     * @param alreadySwept    heads an earlier sweep queued already (no request)
     * @param checkCurrent    heads with a completed check of ours on GitHub
     * @param checkInProgress heads whose check is in progress (a review under way)
     * @param queued          reviews queued for a missing or stuck check
     * @param cycleCompleted  the run reached the end of the last installation: the next one starts over
     * @param stoppedBy       why the run stopped before that, if it did (a limit, GitHub's rate limit)
     * @param problems        repositories or installations that could not be read, with GitHub's answer
     * @param requests        requests sent to GitHub
     * @param notModified     of those, conditional reads answered 304 (free)
     */
    public record Summary(int installationsLearned, int installations, int repositories, int pullRequests, int reviewedInStore, int alreadySwept,
                          int checkLookups, int checkCurrent, int checkInProgress, int queued, boolean cycleCompleted,
                          String stoppedBy, List<String> problems, int requests, int notModified) {}

    /** Where the rotation stands: the next repository is item {@code index} of page {@code page} of the installation's list. */
    record Position(long installationId, int page, int index) {
        static final Position START = new Position(0, 1, 0);

        static Position parse(String text) {
            String[] parts = text.split("/");
            try {
                if (parts.length == 3) {
                    var position = new Position(Long.parseLong(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]));
                    if (position.installationId() >= 0 && position.page() >= 1 && position.index() >= 0) {
                        return position;
                    }
                }
            } catch (NumberFormatException e) {
                // An unreadable position starts the rotation over.
            }
            return START;
        }

        String text() {
            return installationId + "/" + page + "/" + index;
        }
    }

    private final GitHubAccess github;
    private final Store store;
    private final Inbox inbox;
    private final Settings settings;
    private final Clock clock;

    public OpenPullRequestSweep(GitHubAccess github, Store store, Inbox inbox, Settings settings, Clock clock) {
        this.github = github;
        this.store = store;
        this.inbox = inbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** The delivery id of the sweep's review of one head: the same head always gets the same id. */
    public static String deliveryId(long repositoryId, int number, String headSha) {
        // '@' is refused in webhook delivery ids: no request from outside can take this id first.
        return "sweep@" + repositoryId + "-" + number + "-" + headSha;
    }

    /** One run; empty when another run (on this or another replica) is under way. Requires App credentials. */
    public Optional<Summary> run() {
        long appId = github.appId().orElseThrow(() -> new IllegalStateException("no GitHub App credentials configured"));
        return JobLease.run(store.healingJobs(), JOB, LEASE, owner -> new Run(appId, owner).sweep());
    }

    /** Why a run stopped before the end of its rotation (a limit, GitHub's rate limit). */
    private static final class Stop extends Exception {
        Stop(String reason) {
            super(reason, null, false, false);
        }
    }

    /** What GitHub shows of our check on a head. */
    private enum CheckState { CURRENT, IN_PROGRESS, MISSING }

    /** One run: its progress through the rotation, and its counts. */
    private final class Run {
        final long appId;
        final String owner;
        final Instant now = clock.instant();
        final ApiTally tally = new ApiTally(settings.requestsPerRun());
        final List<String> problems = new ArrayList<>();
        /** The repository being looked at, or the next one: where the next run resumes if this one stops. */
        Position cursor = Position.START;
        int installationsLearned;
        int installations;
        int repositories;
        int pullRequests;
        int reviewedInStore;
        int alreadySwept;
        int checkLookups;
        int checkCurrent;
        int checkInProgress;
        int queued;

        Run(long appId, String owner) {
            this.appId = appId;
            this.owner = owner;
        }

        Summary sweep() {
            HealingJobs jobs = store.healingJobs();
            Optional<Position> stored = jobs.state(JOB).position().map(Position::parse);
            Position from = stored.orElse(Position.START);
            if (stored.isEmpty()) {
                try {
                    learnInstallations();
                } catch (Stop stop) {
                    // The rotation has not started: the next run learns again.
                    return finish(false, stop.getMessage());
                }
            }
            Optional<Installation> installation = store.installations().find(from.installationId()).filter(i -> !i.suspended());
            if (installation.isEmpty()) {
                // Never started, or the installation is gone or suspended since: go on with the next one.
                installation = store.installations().nextActive(from.installationId());
                from = Position.START;
            }
            String stoppedBy = "";
            try {
                while (installation.isPresent()) {
                    sweepInstallation(installation.get(), from.page(), from.index());
                    installation = store.installations().nextActive(installation.get().id());
                    from = Position.START;
                }
            } catch (Stop stop) {
                stoppedBy = stop.getMessage();
            }
            boolean cycleCompleted = installation.isEmpty();
            jobs.recordPosition(JOB, owner, cycleCompleted ? Optional.empty() : Optional.of(cursor.text()));
            return finish(cycleCompleted, stoppedBy);
        }

        Summary finish(boolean cycleCompleted, String stoppedBy) {
            var summary = new Summary(installationsLearned, installations, repositories, pullRequests, reviewedInStore,
                    alreadySwept, checkLookups, checkCurrent, checkInProgress, queued, cycleCompleted, stoppedBy,
                    List.copyOf(problems), tally.requests(), tally.notModified());
            LOG.info("open pull request sweep: {} repositories of {} installations, {} open pull requests ({} reviewed, "
                            + "{} swept before, {} with a current check, {} in progress), {} reviews queued, {} requests "
                            + "({} not modified){}{}", repositories, installations, pullRequests, reviewedInStore, alreadySwept,
                    checkCurrent, checkInProgress, queued, tally.requests(), tally.notModified(),
                    cycleCompleted ? "; rotation completed" : "; stopped by " + stoppedBy,
                    problems.isEmpty() ? "" : "; " + String.join("; ", problems));
            return summary;
        }

        /**
         * At the start of a rotation: installations GitHub lists ({@code GET /app/installations},
         * with the App's JWT) that the store lacks, or whose suspension it missed, are recorded, so an
         * installation whose webhook never came (or came before this store existed) is swept too.
         */
        void learnInstallations() throws Stop {
            Optional<String> next = Optional.of("/app/installations?per_page=100");
            while (next.isPresent()) {
                GitHubRest.Page listing;
                try {
                    listing = read(github.app(), next.get());
                } catch (IOException e) {
                    problems.add("listing the App's installations: " + e.getMessage());
                    return;
                }
                for (JsonNode listed : listing.body()) {
                    long id = listed.path("id").asLong(0);
                    boolean suspended = listed.path("suspended_at").isTextual();
                    if (id > 0 && store.installations().find(id).filter(known -> known.suspended() == suspended).isEmpty()) {
                        store.installations().save(id, listed.path("account").path("login").asText("unknown"), suspended);
                        installationsLearned++;
                    }
                }
                next = listing.next();
            }
        }

        /** Sweeps the installation's repositories from item {@code index} of listing page {@code page} on. */
        void sweepInstallation(Installation installation, int page, int index) throws Stop {
            GitHubRest rest = github.installation(installation.id()).rest();
            boolean counted = false;
            while (true) {
                cursor = new Position(installation.id(), page, index);
                limitRepositories();
                JsonNode repos;
                Optional<String> more;
                try {
                    GitHubRest.Page listing = read(rest, "/installation/repositories?per_page=100&page=" + page);
                    repos = listing.body().path("repositories");
                    more = listing.next();
                } catch (IOException e) {
                    problems.add("installation " + installation.id() + " (" + installation.account() + "): " + e.getMessage());
                    return;
                }
                if (!counted) {
                    installations++;
                    counted = true;
                }
                for (; index < repos.size(); index++) {
                    cursor = new Position(installation.id(), page, index);
                    limitRepositories();
                    sweepRepository(installation.id(), rest, repos.get(index));
                    repositories++;
                }
                if (more.isEmpty()) {
                    return;
                }
                page++;
                index = 0;
            }
        }

        void sweepRepository(long installationId, GitHubRest rest, JsonNode repository) throws Stop {
            String fullName = repository.path("full_name").asText("");
            long repositoryId = repository.path("id").asLong(0);
            if (!FULL_NAME.matcher(fullName).matches() || repositoryId <= 0) {
                problems.add("a repository without a readable name or id: " + fullName);
                return;
            }
            if (repository.path("archived").asBoolean(false)) {
                return;
            }
            Instant updatedSince = now.minus(settings.updatedWithin());
            Optional<String> next = Optional.of("/repos/" + fullName + "/pulls?state=open&sort=updated&direction=desc&per_page=100");
            while (next.isPresent()) {
                GitHubRest.Page listing;
                try {
                    listing = read(rest, next.get());
                } catch (IOException e) {
                    problems.add(fullName + ": " + e.getMessage());
                    return;
                }
                for (JsonNode pull : listing.body()) {
                    if (instant(pull.path("updated_at")).filter(updated -> updated.isBefore(updatedSince)).isPresent()) {
                        return;
                    }
                    pullRequests++;
                    sweepPullRequest(installationId, rest, repository, pull);
                }
                next = listing.next();
            }
        }

        void sweepPullRequest(long installationId, GitHubRest rest, JsonNode repository, JsonNode pull) throws Stop {
            String fullName = repository.path("full_name").asText();
            long repositoryId = repository.path("id").asLong();
            int number = pull.path("number").asInt(0);
            String head = pull.path("head").path("sha").asText("");
            if (number <= 0 || !SHA.matcher(head).matches()) {
                problems.add(fullName + ": a pull request without a readable number or head");
                return;
            }
            Optional<String> reviewed = store.pullRequests().find(WorkKeys.pullRequest(repositoryId, number))
                    .flatMap(PullRequestRecord::lastReviewedHead);
            if (reviewed.filter(head::equals).isPresent()) {
                reviewedInStore++;
                return;
            }
            String deliveryId = deliveryId(repositoryId, number, head);
            if (store.deliveries().received(deliveryId)) {
                alreadySwept++;
                return;
            }
            if (queued >= settings.reviewsPerRun()) {
                throw new Stop(settings.reviewsPerRun() + " reviews per run");
            }
            CheckState check;
            try {
                check = checkState(rest, fullName, head);
            } catch (IOException e) {
                problems.add(fullName + "#" + number + ": " + e.getMessage());
                return;
            }
            switch (check) {
                case CURRENT -> checkCurrent++;
                case IN_PROGRESS -> checkInProgress++;
                case MISSING -> queue(installationId, repository, pull, deliveryId);
            }
        }

        /** Our check on the head: completed, in progress (for less than the grace period), or missing (or stuck). */
        CheckState checkState(GitHubRest rest, String fullName, String head) throws IOException, Stop {
            checkLookups++;
            JsonNode runs = read(rest, "/repos/" + fullName + "/commits/" + head + "/check-runs?check_name="
                    + EventRouter.CHECK_NAME + "&app_id=" + appId + "&filter=latest&per_page=100").body();
            boolean underWay = false;
            for (JsonNode run : runs.path("check_runs")) {
                JsonNode app = run.path("app").path("id");
                if (!EventRouter.CHECK_NAME.equals(run.path("name").asText()) || !head.equals(run.path("head_sha").asText())
                        || app.canConvertToLong() && app.asLong() != appId) {
                    continue;
                }
                if (run.path("status").asText().equals("completed")) {
                    return CheckState.CURRENT;
                }
                underWay |= instant(run.path("started_at"))
                        .filter(started -> started.isAfter(now.minus(settings.inProgressGrace()))).isPresent();
            }
            return underWay ? CheckState.IN_PROGRESS : CheckState.MISSING;
        }

        void queue(long installationId, JsonNode repository, JsonNode pull, String deliveryId) {
            ObjectNode payload = JSON.createObjectNode().put("action", "sweep").put("number", pull.path("number").asInt());
            payload.set("pull_request", pull);
            payload.set("repository", repository);
            payload.putObject("installation").put("id", installationId);
            byte[] body;
            try {
                body = JSON.writeValueAsBytes(payload);
            } catch (IOException e) {
                throw new UncheckedIOException("a JSON tree always serialises", e);
            }
            Inbox.Accepted accepted = inbox.accept(deliveryId, EventRouter.SWEEP_EVENT, body, payload);
            switch (accepted.outcome()) {
                case QUEUED, REQUEUED -> queued++;
                case DUPLICATE -> alreadySwept++;
                case IGNORED -> problems.add(deliveryId + " was not queued: " + accepted.detail());
            }
        }

        /** Reads one page within the run's request limit; GitHub's rate limit stops the run. */
        GitHubRest.Page read(GitHubRest rest, String pathOrLink) throws IOException, Stop {
            if (!tally.allows()) {
                throw new Stop(settings.requestsPerRun() + " requests per run");
            }
            try {
                return tally.page(rest, pathOrLink);
            } catch (GitHubRateLimitedException e) {
                throw new Stop("GitHub's rate limit: " + e.getMessage());
            }
        }

        void limitRepositories() throws Stop {
            if (repositories >= settings.repositoriesPerRun()) {
                throw new Stop(settings.repositoriesPerRun() + " repositories per run");
            }
        }
    }

    private static Optional<Instant> instant(JsonNode text) {
        try {
            return text.isTextual() ? Optional.of(Instant.parse(text.asText())) : Optional.empty();
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

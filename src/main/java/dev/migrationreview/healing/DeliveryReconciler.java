package dev.migrationreview.healing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.github.GitHubApiException;
import dev.migrationreview.github.GitHubRest;
import dev.migrationreview.inbox.EventRouter;
import dev.migrationreview.store.HealingJobs;
import dev.migrationreview.store.RedeliveryRequests.RedeliveryRequest;
import dev.migrationreview.store.Store;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Has GitHub redeliver the App's webhook deliveries that failed (the bot was down, restarting or
 * unreachable): lists the App's recent deliveries with its JWT ({@code GET /app/hook/deliveries},
 * newest first, paged by cursor) back to where the last complete run looked, less an overlap, and
 * asks for a redelivery ({@code POST /app/hook/deliveries/{id}/attempts}) of each event whose
 * newest attempt failed, unless the bot has it already, would ignore it anyway, or asked for it
 * too often. A run that could not look back far enough (a page limit, an error from GitHub)
 * leaves the watermark where it was, so the next run looks again and nothing is lost.
 */
public final class DeliveryReconciler {

    public static final String JOB = "delivery-reconciler";
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryReconciler.class);
    /** GitHub keeps an App's webhook deliveries for three days. */
    public static final Duration GITHUB_RETENTION = Duration.ofDays(3);
    private static final Duration LEASE = Duration.ofMinutes(10);

    /**
     * @param lookback           how far back a run may look at most (GitHub keeps three days)
     * @param overlap            how far before the last complete run's start the next run begins:
     *                           GitHub lists a delivery only once its attempt ended
     * @param pagesPerRun        pages of 100 deliveries one run reads at most
     * @param maxAttempts        redeliveries asked for one event at most
     * @param firstBackoff       the pause after the first request for an event; it doubles after each
     * @param redeliveriesPerRun redeliveries one run asks for at most
     */
    public record Settings(Duration lookback, Duration overlap, int pagesPerRun, int maxAttempts, Duration firstBackoff,
                           int redeliveriesPerRun) {
        public Settings {
            if (lookback.isNegative() || lookback.isZero() || lookback.compareTo(GITHUB_RETENTION) > 0) {
                throw new IllegalArgumentException("the reconciler looks back more than nothing and at most "
                        + GITHUB_RETENTION.toDays() + " days");
            }
            if (overlap.isNegative() || pagesPerRun < 1 || maxAttempts < 1 || firstBackoff.isNegative() || redeliveriesPerRun < 1) {
                throw new IllegalArgumentException("reconciler limits must be positive");
            }
        }

        public static Settings defaults() {
            return new Settings(GITHUB_RETENTION, Duration.ofMinutes(10), 10, 3, Duration.ofMinutes(10), 100);
        }
    }

    /** Why a failed delivery was not redelivered. */
    public enum Skip {
        /** A newer attempt of the same event succeeded. */
        LATER_SUCCESS,
        /** The bot would ignore the event (a ping, an event or action it does not act on). */
        NOT_HANDLED,
        /** The bot stored the event although GitHub saw the attempt fail (e.g. it answered too late). */
        ALREADY_STORED,
        /** Redelivery was asked for as often as allowed. */
        ATTEMPTS_EXHAUSTED,
        /** Redelivery was asked for recently: wait before asking again. */
        BACKING_OFF,
        /** This run asked for as many redeliveries as it may: the next run continues. */
        RUN_LIMIT
    }

    /**
     * What one run did.
     *
     * @param windowStart      the oldest delivery time the run looked for
     * @param listed           delivery attempts listed inside the window
     * @param failed           events inside the window with a failed attempt
     * @param redelivered      events GitHub accepted to redeliver
     * @param skipped          failed events not redelivered, by reason
     * @param redeliveryErrors requests for a redelivery GitHub refused or that did not reach it
     * @param complete         the run looked back to the window's start, and no limit or error left an
     *                         event for later (events waiting out their backoff are not left over)
     * @param problems         what went wrong, for the operator
     * @param requests         requests sent to GitHub
     * @param notModified      of those, conditional reads answered 304 (free)
     */
    public record Summary(String windowStart, int pages, int listed, int failed, int redelivered, Map<Skip, Integer> skipped,
                          int redeliveryErrors, boolean complete, List<String> problems, int requests, int notModified) {

        public int skippedCount() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** One delivery attempt as GitHub lists it (the {@code hook-delivery-item} shape). */
    record Attempt(long id, String guid, Instant deliveredAt, int statusCode, String event, String action) {
        boolean succeeded() {
            return statusCode >= 200 && statusCode < 300;
        }
    }

    private final GitHubAccess github;
    private final Store store;
    private final Settings settings;
    private final Clock clock;

    public DeliveryReconciler(GitHubAccess github, Store store, Settings settings, Clock clock) {
        this.github = github;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
    }

    /** One run; empty when another run (on this or another replica) is under way. Requires App credentials. */
    public Optional<Summary> run() {
        GitHubRest app = github.app();
        return JobLease.run(store.healingJobs(), JOB, LEASE, owner -> reconcile(app, owner));
    }

    private Summary reconcile(GitHubRest app, String owner) {
        Instant started = clock.instant();
        HealingJobs jobs = store.healingJobs();
        Instant oldestKept = started.minus(settings.lookback());
        // A watermark ahead of this replica's clock (skew between replicas) still leaves the overlap.
        Instant windowStart = jobs.state(JOB).coveredUntil().map(Instant::ofEpochMilli)
                .map(covered -> (covered.isAfter(started) ? started : covered).minus(settings.overlap()))
                .filter(start -> start.isAfter(oldestKept))
                .orElse(oldestKept);
        store.redeliveryRequests().forgetBefore(started.minus(GITHUB_RETENTION).minus(settings.overlap()).toEpochMilli());

        var tally = new ApiTally(Integer.MAX_VALUE);
        var problems = new ArrayList<String>();
        var events = new LinkedHashMap<String, EventAttempts>();
        int pages = 0;
        int listed = 0;
        int unreadable = 0;
        boolean listingFailed = false;
        boolean reachedWindowStart = false;
        Optional<String> next = Optional.of("/app/hook/deliveries?per_page=100");
        while (next.isPresent() && pages < settings.pagesPerRun()) {
            GitHubRest.Page page;
            try {
                page = tally.page(app, next.get());
            } catch (IOException e) {
                problems.add("listing the deliveries: " + e.getMessage());
                listingFailed = true;
                break;
            }
            pages++;
            for (JsonNode item : page.body()) {
                Optional<Attempt> attempt = attempt(item);
                if (attempt.isEmpty()) {
                    unreadable++;
                } else if (attempt.get().deliveredAt().isBefore(windowStart)) {
                    reachedWindowStart = true;
                } else {
                    listed++;
                    events.merge(attempt.get().guid(), EventAttempts.of(attempt.get()), EventAttempts::and);
                }
            }
            next = reachedWindowStart ? Optional.empty() : page.next();
        }
        boolean listedAll = !listingFailed && (reachedWindowStart || next.isEmpty());
        if (!listingFailed && !listedAll) {
            problems.add("stopped after " + pages + " pages before reaching " + windowStart + "; the next run looks again");
        }
        if (unreadable > 0) {
            problems.add(unreadable + " unreadable deliveries in GitHub's listing were passed over");
        }

        var outcome = new Decisions(app, tally, started, problems);
        events.values().stream().filter(EventAttempts::anyFailed).forEach(event -> outcome.decide(event.newest()));

        boolean complete = listedAll && !outcome.unfinished;
        // Events left for a later run keep the watermark at their newest attempt, inside the next window.
        Instant covered = outcome.heldBack.stream().map(Attempt::deliveredAt).min(Comparator.naturalOrder())
                .filter(held -> held.isBefore(started)).orElse(started);
        if (listedAll) {
            jobs.recordCovered(JOB, owner, covered.toEpochMilli());
        }
        var summary = new Summary(windowStart.toString(), pages, listed, outcome.failed, outcome.redelivered,
                Collections.unmodifiableMap(new EnumMap<>(outcome.skipped)), outcome.errors, complete, List.copyOf(problems), tally.requests(), tally.notModified());
        LOG.info("delivery reconciler: {} attempts listed on {} pages since {}, {} failed events, {} redelivered, "
                        + "skipped {}, {} errors{}", summary.listed(), summary.pages(), summary.windowStart(), summary.failed(),
                summary.redelivered(), summary.skipped().entrySet().stream().filter(skip -> skip.getValue() > 0).toList(),
                summary.redeliveryErrors(),
                problems.isEmpty() ? "" : "; " + String.join("; ", problems));
        return summary;
    }

    /** The attempts of one event seen so far: the newest, and whether any failed. */
    private record EventAttempts(Attempt newest, boolean anyFailed) {
        static EventAttempts of(Attempt attempt) {
            return new EventAttempts(attempt, !attempt.succeeded());
        }

        EventAttempts and(EventAttempts other) {
            boolean otherIsNewer = other.newest.deliveredAt().isAfter(newest.deliveredAt())
                    || other.newest.deliveredAt().equals(newest.deliveredAt()) && other.newest.id() > newest.id();
            return new EventAttempts(otherIsNewer ? other.newest : newest, anyFailed || other.anyFailed);
        }
    }

    /** What the run decided for each failed event, and the events it left for a later run. */
    private final class Decisions {
        final GitHubRest app;
        final ApiTally tally;
        final Instant now;
        final List<String> problems;
        final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);
        /** Events to look at again: the watermark must not pass them. */
        final List<Attempt> heldBack = new ArrayList<>();
        /** Whether an event was left over by a limit or an error rather than by its backoff. */
        boolean unfinished;
        int failed;
        int redelivered;
        int errors;

        Decisions(GitHubRest app, ApiTally tally, Instant now, List<String> problems) {
            this.app = app;
            this.tally = tally;
            this.now = now;
            this.problems = problems;
            for (Skip skip : Skip.values()) {
                skipped.put(skip, 0);
            }
        }

        /** Redelivers an event with a failed attempt, unless a rule says not to. */
        void decide(Attempt newest) {
            failed++;
            Optional<Skip> skip = skip(newest);
            if (skip.isPresent()) {
                skipped.merge(skip.get(), 1, Integer::sum);
                if (skip.get() == Skip.BACKING_OFF || skip.get() == Skip.RUN_LIMIT) {
                    heldBack.add(newest);
                    unfinished |= skip.get() == Skip.RUN_LIMIT;
                }
                return;
            }
            try {
                tally.post(app, "/app/hook/deliveries/" + newest.id() + "/attempts");
                store.redeliveryRequests().record(newest.guid(), newest.id(), newest.event());
                redelivered++;
            } catch (IOException e) {
                errors++;
                problems.add("redelivering " + newest.guid() + ": " + e.getMessage());
                if (e instanceof GitHubApiException refused && refusesThisDelivery(refused.status())) {
                    // GitHub refuses this one (e.g. it is too old): counted, so it is not asked for forever.
                    store.redeliveryRequests().record(newest.guid(), newest.id(), newest.event());
                } else {
                    heldBack.add(newest);
                    unfinished = true;
                }
            }
        }

        private Optional<Skip> skip(Attempt newest) {
            if (newest.succeeded()) {
                return Optional.of(Skip.LATER_SUCCESS);
            }
            if (!EventRouter.mayCauseWork(newest.event(), newest.action())) {
                return Optional.of(Skip.NOT_HANDLED);
            }
            if (store.deliveries().received(newest.guid())) {
                return Optional.of(Skip.ALREADY_STORED);
            }
            Optional<RedeliveryRequest> asked = store.redeliveryRequests().find(newest.guid());
            if (asked.isPresent() && asked.get().attempts() >= settings.maxAttempts()) {
                return Optional.of(Skip.ATTEMPTS_EXHAUSTED);
            }
            if (asked.isPresent() && now.isBefore(nextAllowed(asked.get()))) {
                return Optional.of(Skip.BACKING_OFF);
            }
            if (redelivered + errors >= settings.redeliveriesPerRun()) {
                return Optional.of(Skip.RUN_LIMIT);
            }
            return Optional.empty();
        }

        private Instant nextAllowed(RedeliveryRequest asked) {
            Duration pause = settings.firstBackoff().multipliedBy(1L << Math.min(asked.attempts() - 1, 20));
            return Instant.ofEpochMilli(asked.lastRequestedAt()).plus(pause);
        }
    }

    /** A client error about the delivery itself; not our credentials (401, 403) or a limit (429), which pass. */
    private static boolean refusesThisDelivery(int status) {
        return status >= 400 && status < 500 && status != 401 && status != 403 && status != 429;
    }

    static Optional<Attempt> attempt(JsonNode item) {
        if (!item.path("id").canConvertToLong() || !item.path("guid").isTextual() || !item.path("status_code").canConvertToInt()
                || !item.path("event").isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Attempt(item.path("id").asLong(), item.path("guid").asText(),
                    Instant.parse(item.path("delivered_at").asText()), item.path("status_code").asInt(),
                    item.path("event").asText(), item.path("action").asText("")));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package dev.migrationreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The store behaves the same on its embedded H2 file and on a real PostgreSQL. */
class StoreTest {

    static EmbeddedPostgres postgres;
    @TempDir
    static Path h2Folder;
    static final AtomicLong NOW = new AtomicLong(1_800_000_000_000L);
    static final Clock CLOCK = new Clock() {
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        public Instant instant() {
            return Instant.ofEpochMilli(NOW.get());
        }
    };

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    static int databases;

    /** A fresh, empty database of each kind per test. */
    static Stream<Store.StoreSettings> stores() throws Exception {
        String name = "store_" + (++databases);
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return Stream.of(Store.embedded(h2Folder.resolve(name)),
                new Store.StoreSettings(postgres.getJdbcUrl("postgres", name), "", ""));
    }

    static NewDelivery delivery(String id, String workKey) {
        return new NewDelivery(id, "pull_request", "synchronize", workKey, Optional.of("o/r"), Optional.of(7), Optional.of(1L),
                ("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void deliveriesAreStoredOnceAndARedeliveredParkedOneIsQueuedAgain(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            Deliveries deliveries = store.deliveries();
            assertThat(deliveries.accept(delivery("d1", "pr:1#7"))).isEqualTo(Deliveries.Acceptance.NEW);
            assertThat(deliveries.accept(delivery("d1", "pr:1#7"))).isEqualTo(Deliveries.Acceptance.DUPLICATE);
            StoredDelivery stored = deliveries.find("d1").orElseThrow();
            assertThat(stored.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(new String(deliveries.payload(stored.seq()), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"d1\"}");
            deliveries.park(stored.seq(), "GitHub answered 404");
            assertThat(deliveries.find("d1").orElseThrow().lastError()).hasValue("GitHub answered 404");
            assertThat(deliveries.accept(delivery("d1", "pr:1#7"))).isEqualTo(Deliveries.Acceptance.REQUEUED);
            assertThat(deliveries.find("d1").orElseThrow().status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(deliveries.countByStatus()).containsEntry(DeliveryStatus.PENDING, 1L).containsEntry(DeliveryStatus.PARKED, 0L);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aBurstIsCoalescedAndWorkADeadReplicaLeftRunningIsReclaimed(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            Deliveries deliveries = store.deliveries();
            deliveries.accept(delivery("a", "pr:1#7"));
            deliveries.accept(delivery("b", "pr:1#7"));
            deliveries.accept(delivery("c", "pr:2#1"));
            assertThat(deliveries.dueWorkKeys(10)).containsExactly("pr:1#7", "pr:2#1");
            List<StoredDelivery> pending = deliveries.pending("pr:1#7");
            assertThat(pending).extracting(StoredDelivery::deliveryId).containsExactly("a", "b");
            deliveries.start(pending.get(1).seq(), List.of(pending.get(0).seq()), "host-a");
            assertThat(deliveries.find("a").orElseThrow().status()).isEqualTo(DeliveryStatus.COALESCED);
            assertThat(deliveries.find("a").orElseThrow().coalescedInto()).hasValue("b");
            assertThat(deliveries.find("b").orElseThrow().status()).isEqualTo(DeliveryStatus.RUNNING);
            assertThat(deliveries.nextDueAt("pr:1#7")).as("nothing pending while it runs").isEmpty();
            assertThat(deliveries.dueWorkKeys(10)).as("running work is listed until it ends")
                    .containsExactly("pr:1#7", "pr:2#1");

            NOW.addAndGet(1500);
            assertThat(deliveries.reclaimRunning("pr:1#7")).isEqualTo(1);
            StoredDelivery reclaimed = deliveries.find("b").orElseThrow();
            assertThat(reclaimed.status()).isEqualTo(DeliveryStatus.PENDING);
            assertThat(reclaimed.attempts()).as("the abandoned attempt counts").isEqualTo(1);
            assertThat(deliveries.nextDueAt("pr:1#7")).hasValue(NOW.get());
            assertThat(deliveries.reclaimRunning("pr:2#1")).isZero();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void writeSlotsAreSpacedAndAPauseHoldsThemBack(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            WritePacing pacing = store.writePacing();
            long now = NOW.get();
            assertThat(pacing.reserve(42, 1000, 0)).isEqualTo(now);
            assertThat(pacing.reserve(42, 1000, 0)).isEqualTo(now + 1000);
            assertThat(pacing.reserve(7, 1000, 0)).as("installations are paced apart").isEqualTo(now);
            pacing.pauseUntil(42, now + 60_000);
            pacing.pauseUntil(42, now + 5_000);
            assertThat(pacing.reserve(42, 1000, 0)).as("the later pause wins").isEqualTo(now + 60_000);
            NOW.addAndGet(120_000);
            assertThat(pacing.reserve(42, 1000, 0)).isEqualTo(NOW.get());
            assertThat(pacing.reserve(42, 1000, NOW.get() + 4_000)).as("a replica whose own last write asks for later")
                    .isEqualTo(NOW.get() + 4_000);
            assertThat(pacing.reserve(42, 1000, 0)).as("the next slot follows the one taken").isEqualTo(NOW.get() + 5_000);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void pruningDropsOldFinishedDeliveriesAndReportsButKeepsWhatIsPendingOrRecent(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            Deliveries deliveries = store.deliveries();
            for (String id : List.of("old-done", "old-parked", "old-pending", "recent-done")) {
                deliveries.accept(delivery(id, "pr:1#" + id));
            }
            deliveries.finish(deliveries.find("old-done").orElseThrow().seq(), "reviewed");
            deliveries.park(deliveries.find("old-parked").orElseThrow().seq(), "GitHub answered 404");
            ReviewRun run = store.reviewRuns().startOrResume("old-done", "pr:1#7", "o/r", 7, "abc123");
            store.reviewRuns().recordOutcome(run.id(), "failure", "2 errors", "<html>report</html>");
            store.reviewRuns().finish(run.id(), ReviewRun.State.COMPLETED);
            NOW.addAndGet(Duration.ofDays(31).toMillis());
            deliveries.finish(deliveries.find("recent-done").orElseThrow().seq(), "reviewed");

            Duration month = Duration.ofDays(30);
            assertThat(store.retention().prune(month)).isEqualTo(new Retention.Pruned(1, 1));
            assertThat(deliveries.find("old-done")).isEmpty();
            assertThat(deliveries.find("old-parked")).as("parked ones wait three times longer for an operator").isPresent();
            assertThat(deliveries.find("old-pending")).as("unfinished work is never pruned").isPresent();
            assertThat(deliveries.find("recent-done")).isPresent();
            assertThat(store.reviewRuns().reportHtml(run.id())).isEmpty();
            assertThat(store.reviewRuns().find(run.id()).orElseThrow().conclusion()).hasValue("failure");

            NOW.addAndGet(Duration.ofDays(60).toMillis());
            assertThat(store.retention().prune(month)).isEqualTo(new Retention.Pruned(2, 0));
            assertThat(deliveries.find("old-pending")).isPresent();
        }
    }

    @Test
    void replicasOnOnePostgresNeverShareAWriteSlot() throws Exception {
        String name = "store_slots";
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        var settings = new Store.StoreSettings(postgres.getJdbcUrl("postgres", name), "", "");
        try (var first = Store.open(settings, Clock.systemUTC()); var second = Store.open(settings, Clock.systemUTC());
             var threads = Executors.newFixedThreadPool(8)) {
            var slots = new ConcurrentLinkedQueue<Long>();
            var tasks = new ArrayList<Callable<Boolean>>();
            for (int i = 0; i < 40; i++) {
                WritePacing pacing = (i % 2 == 0 ? first : second).writePacing();
                tasks.add(() -> slots.add(pacing.reserve(99, 50, 0)));
            }
            for (var result : threads.invokeAll(tasks)) {
                result.get();
            }
            List<Long> sorted = slots.stream().sorted().toList();
            assertThat(sorted).hasSize(40);
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i) - sorted.get(i - 1)).as("slots %d and %d", i - 1, i).isGreaterThanOrEqualTo(50);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void retriesWaitForTheirTimeAndFinishedWorkLeavesTheQueue(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            Deliveries deliveries = store.deliveries();
            deliveries.accept(delivery("r", "installation:1"));
            long seq = deliveries.find("r").orElseThrow().seq();
            deliveries.start(seq, List.of(), "host");
            deliveries.retryLater(seq, "GitHub answered 502", NOW.get() + 5000);
            assertThat(deliveries.dueWorkKeys(10)).as("a retry waits for its time").isEmpty();
            assertThat(deliveries.nextDueAt("installation:1")).hasValue(NOW.get() + 5000);
            NOW.addAndGet(5000);
            assertThat(deliveries.dueWorkKeys(10)).containsExactly("installation:1");
            deliveries.finish(seq, "installation 1 active");
            assertThat(deliveries.dueWorkKeys(10)).isEmpty();
            assertThat(deliveries.recent(DeliveryStatus.DONE, 5)).extracting(StoredDelivery::outcome)
                    .containsExactly(Optional.of("installation 1 active"));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void reviewRunsResumeAndPullRequestRecordsRememberWhatWasPosted(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            ReviewRun run = store.reviewRuns().startOrResume("d1", "pr:1#7", "o/r", 7, "abc");
            assertThat(run.id()).matches("[0-9a-f]{32}");
            store.reviewRuns().recordStep(run.id(), ReviewRun.Step.CHECK_REQUESTED);
            store.reviewRuns().recordCheckRun(run.id(), 4242);
            store.reviewRuns().recordAnnotationsSent(run.id(), 50);
            ReviewRun resumed = store.reviewRuns().startOrResume("d1", "pr:1#7", "o/r", 7, "abc");
            assertThat(resumed.id()).isEqualTo(run.id());
            assertThat(resumed.checkRunId()).hasValue(4242L);
            assertThat(resumed.annotationsSent()).isEqualTo(50);
            assertThat(store.reviewRuns().findByCheckRun(4242)).map(ReviewRun::pullNumber).hasValue(7);
            store.reviewRuns().recordOutcome(run.id(), "failure", "1 error in 1 migration file", "<html>report</html>");
            assertThat(store.reviewRuns().reportHtml(run.id())).hasValue("<html>report</html>");
            ReviewRun moved = store.reviewRuns().startOrResume("d1", "pr:1#7", "o/r", 7, "def");
            assertThat(moved.id()).as("the pull request moved on: a new run").isNotEqualTo(run.id());
            assertThat(store.reviewRuns().find(run.id()).orElseThrow().state()).isEqualTo(ReviewRun.State.CANCELLED);

            PullRequestRecords records = store.pullRequests();
            records.ensure("pr:1#7", "o/r", 7);
            records.ensure("pr:1#7", "o/r", 7);
            records.recordSummary("pr:1#7", Optional.of(9001L), Optional.of("hash"));
            records.recordReviewedHead("pr:1#7", "def");
            records.recordPosted("pr:1#7", Set.of("f1", "f2"));
            records.recordPosted("pr:1#7", Set.of("f2", "f3"));
            assertThat(records.find("pr:1#7").orElseThrow().summaryCommentId()).hasValue(9001L);
            assertThat(records.postedFingerprints("pr:1#7")).containsExactlyInAnyOrder("f1", "f2", "f3");
            records.forgetRepository("o/r");
            assertThat(records.find("pr:1#7")).isEmpty();
            assertThat(records.postedFingerprints("pr:1#7")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aLaterRunOfAHeadFindsWhatEarlierRunsAskedGitHubForEvenWithoutAnAnswer(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            ReviewRuns runs = store.reviewRuns();
            ReviewRun unanswered = runs.startOrResume("d1", "pr:1#7", "o/r", 7, "abc");
            runs.recordStep(unanswered.id(), ReviewRun.Step.CHECK_REQUESTED);
            runs.recordStep(unanswered.id(), ReviewRun.Step.SUMMARY_REQUESTED);
            runs.recordStep(unanswered.id(), ReviewRun.Step.REVIEW_REQUESTED);
            ReviewRun answered = runs.startOrResume("d2", "pr:1#7", "o/r", 7, "abc");
            runs.recordStep(answered.id(), ReviewRun.Step.CHECK_REQUESTED);
            runs.recordCheckRun(answered.id(), 4242);
            runs.recordAnnotationsSent(answered.id(), 60);
            ReviewRun otherHead = runs.startOrResume("d3", "pr:1#7", "o/r", 7, "def");
            ReviewRun later = runs.startOrResume("d4", "pr:1#7", "o/r", 7, "abc");

            assertThat(runs.checkRequestedAt("pr:1#7", "abc", later.id())).extracting(ReviewRun::id)
                    .containsExactlyInAnyOrder(unanswered.id(), answered.id());
            assertThat(runs.checkRequestedAt("pr:1#7", "def", otherHead.id())).isEmpty();
            runs.adoptCheckRun(later.id(), 4242);
            assertThat(runs.find(later.id()).orElseThrow()).satisfies(adopted -> {
                assertThat(adopted.checkRunId()).hasValue(4242L);
                assertThat(adopted.annotationsSent()).as("the annotations already on the check run").isEqualTo(60);
            });

            assertThat(runs.summaryRequested("pr:1#7")).isTrue();
            assertThat(runs.summaryRequested("pr:1#8")).isFalse();
            assertThat(runs.unconfirmedReview("pr:1#7", later.id())).isTrue();
            assertThat(runs.unconfirmedReview("pr:1#7", unanswered.id())).as("its own request is not another's").isFalse();
            runs.settleUnconfirmedReviews("pr:1#7", later.id());
            assertThat(runs.unconfirmedReview("pr:1#7", later.id())).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void theSchemaIsMigratedOnceAndReopeningKeepsTheData(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            store.installations().save(5, "octo-org", false);
            store.installations().addRepositories(5, List.of("octo-org/a", "octo-org/b"));
            store.appRegistrations().save(new AppRegistrations.AppRegistration(1, "slug", "https://github.com/apps/slug", "pem", "s"));
        }
        try (var store = Store.open(settings, CLOCK)) {
            assertThat(store.transaction(StoreMigrations::currentVersion)).isEqualTo(StoreMigrations.STEPS.size());
            assertThat(store.installations().find(5)).hasValue(new Installations.Installation(5, "octo-org", false));
            assertThat(store.installations().repositories(5)).containsExactly("octo-org/a", "octo-org/b");
            assertThat(store.appRegistrations().find().orElseThrow().toString()).doesNotContain("pem");
            assertThat(store.installations().delete(5)).containsExactly("octo-org/a", "octo-org/b");
            assertThat(store.isReachable()).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void oneRunHoldsAJobAtATimeAndOnlyItsHolderMovesIt(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            HealingJobs jobs = store.healingJobs();
            assertThat(jobs.state("sweep")).isEqualTo(new HealingJobs.JobState("sweep", Optional.empty(), Optional.empty()));
            assertThat(jobs.tryClaim("sweep", "run-a", 1000)).isTrue();
            assertThat(jobs.tryClaim("sweep", "run-b", 1000)).isFalse();
            assertThat(jobs.tryClaim("reconcile", "run-b", 1000)).as("another job").isTrue();
            jobs.recordPosition("sweep", "run-b", Optional.of("7/1/0"));
            assertThat(jobs.state("sweep").position()).as("not the holder").isEmpty();
            jobs.recordPosition("sweep", "run-a", Optional.of("7/2/3"));
            jobs.recordCovered("sweep", "run-a", 42);
            assertThat(jobs.state("sweep")).isEqualTo(new HealingJobs.JobState("sweep", Optional.of(42L), Optional.of("7/2/3")));

            NOW.addAndGet(1500);
            assertThat(jobs.tryClaim("sweep", "run-c", 1000)).as("a dead run's lease expires").isTrue();
            jobs.release("sweep", "run-a");
            assertThat(jobs.tryClaim("sweep", "run-d", 1000)).as("the old holder cannot release it").isFalse();
            jobs.recordPosition("sweep", "run-c", Optional.empty());
            jobs.release("sweep", "run-c");
            assertThat(jobs.tryClaim("sweep", "run-d", 1000)).isTrue();
            assertThat(jobs.state("sweep").position()).isEmpty();
            assertThat(jobs.state("sweep").coveredUntil()).hasValue(42L);
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void redeliveryRequestsCountAttemptsAndAreForgottenWhenGitHubHasForgottenTheDelivery(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            long start = NOW.get();
            RedeliveryRequests requests = store.redeliveryRequests();
            assertThat(requests.find("guid-1")).isEmpty();
            requests.record("guid-1", 10, "pull_request");
            NOW.addAndGet(1000);
            requests.record("guid-1", 11, "pull_request");
            requests.record("guid-2", 20, "check_suite");
            assertThat(requests.find("guid-1")).hasValue(new RedeliveryRequests.RedeliveryRequest("guid-1", 11, "pull_request", 2,
                    start, start + 1000));
            assertThat(requests.forgetBefore(start + 500)).isZero();
            assertThat(requests.forgetBefore(start + 1001)).isEqualTo(2);
            assertThat(requests.find("guid-2")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aDeliveryIsRecognisedUnderItsIdOrSplitPerPullRequestAndInstallationsRotateInOrder(Store.StoreSettings settings) {
        try (var store = Store.open(settings, CLOCK)) {
            for (String id : new String[] {"plain", "suite:pr-2", "under_score%"}) {
                store.deliveries().accept(new NewDelivery(id, "check_suite", "requested", "pr:1#2", Optional.of("o/r"), Optional.of(2),
                        Optional.of(1L), "{}".getBytes(StandardCharsets.UTF_8)));
            }
            assertThat(store.deliveries().received("plain")).isTrue();
            assertThat(store.deliveries().received("suite")).isTrue();
            assertThat(store.deliveries().received("sui")).isFalse();
            assertThat(store.deliveries().received("under_score%")).isTrue();
            assertThat(store.deliveries().received("underXscore")).as("LIKE wildcards in ids are literal").isFalse();
            assertThat(store.deliveries().received("plai%")).isFalse();

            store.installations().save(30, "c", false);
            store.installations().save(10, "a", false);
            store.installations().save(20, "b", true);
            assertThat(store.installations().nextActive(0).map(Installations.Installation::id)).hasValue(10L);
            assertThat(store.installations().nextActive(10).map(Installations.Installation::id)).as("20 is suspended").hasValue(30L);
            assertThat(store.installations().nextActive(30)).isEmpty();
        }
    }
}

package dev.migrationreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The healing jobs' tables (V5) behave the same on the embedded H2 file and on a real PostgreSQL. */
class HealingStoreTest {

    static EmbeddedPostgres postgres;
    @TempDir
    static Path h2Folder;
    static int databases;
    final AtomicLong now = new AtomicLong(1_800_000_000_000L);
    final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
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

    static Stream<Store.StoreSettings> stores() throws Exception {
        String name = "healing_" + (++databases);
        try (var connection = postgres.getPostgresDatabase().getConnection(); var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return Stream.of(Store.embedded(h2Folder.resolve(name)), new Store.StoreSettings(postgres.getJdbcUrl("postgres", name), "", ""));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void oneRunHoldsAJobAtATimeAndOnlyItsHolderMovesIt(Store.StoreSettings settings) {
        try (var store = Store.open(settings, clock)) {
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

            now.addAndGet(1500);
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
        try (var store = Store.open(settings, clock)) {
            RedeliveryRequests requests = store.redeliveryRequests();
            assertThat(requests.find("guid-1")).isEmpty();
            requests.record("guid-1", 10, "pull_request");
            now.addAndGet(1000);
            requests.record("guid-1", 11, "pull_request");
            requests.record("guid-2", 20, "check_suite");
            assertThat(requests.find("guid-1")).hasValue(new RedeliveryRequests.RedeliveryRequest("guid-1", 11, "pull_request", 2,
                    1_800_000_000_000L, 1_800_000_001_000L));
            assertThat(requests.forgetBefore(1_800_000_000_500L)).isZero();
            assertThat(requests.forgetBefore(1_800_000_001_001L)).isEqualTo(2);
            assertThat(requests.find("guid-2")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aDeliveryIsRecognisedUnderItsIdOrSplitPerPullRequestAndInstallationsRotateInOrder(Store.StoreSettings settings) {
        try (var store = Store.open(settings, clock)) {
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

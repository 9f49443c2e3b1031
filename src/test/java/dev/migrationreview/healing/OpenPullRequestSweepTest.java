package dev.migrationreview.healing;

import static dev.migrationreview.healing.HealingGitHub.checkRun;
import static dev.migrationreview.healing.HealingGitHub.installation;
import static dev.migrationreview.healing.HealingGitHub.pull;
import static dev.migrationreview.healing.HealingGitHub.repository;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.healing.OpenPullRequestSweep.Summary;
import dev.migrationreview.inbox.EventRouter;
import dev.migrationreview.inbox.Inbox;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.StoredDelivery;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sweep against GitHub's repositories, pull requests and check runs (WireMock), a real store and the real inbox. */
class OpenPullRequestSweepTest extends HealingJobTest {

    static final String REPO = "octo-org/api";
    static final long REPO_ID = 500;

    Inbox inbox;
    List<String> enqueued = new CopyOnWriteArrayList<>();

    @BeforeEach
    void twoInstallationsTheStoreKnows() {
        inbox = new Inbox(new EventRouter(() -> OptionalLong.of(HealingGitHub.APP_ID), checkRun -> Optional.empty()),
                store.deliveries(), enqueued::add);
        for (long id : new long[] {1, 2}) {
            store.installations().save(id, "org-" + id, false);
            github.token(id, NOW);
        }
        github.appInstallations(installation(1, "org-1", false), installation(2, "org-2", false));
    }

    OpenPullRequestSweep sweep(OpenPullRequestSweep.Settings settings) {
        return new OpenPullRequestSweep(access, store, inbox, settings, clock);
    }

    OpenPullRequestSweep sweep() {
        return sweep(OpenPullRequestSweep.Settings.defaults());
    }

    static String sha(int n) {
        return String.format("%040x", n);
    }

    List<StoredDelivery> pending() {
        return store.deliveries().recent(DeliveryStatus.PENDING, 100);
    }

    /** One repository of installation 1 with six open pull requests in every state a head can be in. */
    void oneRepositoryWithEveryKindOfHead() {
        github.installationRepositories(1, List.of(List.of(repository(REPO_ID, REPO))));
        github.installationRepositories(2, List.of(List.of()));
        github.openPulls(REPO, List.of(
                List.of(pull(1, sha(1), ago(Duration.ofMinutes(1))), pull(2, sha(2), ago(Duration.ofHours(1))),
                        pull(3, sha(3), ago(Duration.ofHours(2))), pull(4, sha(4), ago(Duration.ofHours(3)))),
                List.of(pull(5, sha(5), ago(Duration.ofDays(2))), pull(6, sha(6), ago(Duration.ofDays(40)))),
                List.of(pull(7, sha(7), ago(Duration.ofDays(50))))));
        github.checkRuns(REPO, sha(2), checkRun(sha(2), "completed", ago(Duration.ofHours(1))));
        github.checkRuns(REPO, sha(4), checkRun(sha(4), "in_progress", ago(Duration.ofMinutes(5))));
        github.checkRuns(REPO, sha(5), checkRun(sha(5), "in_progress", ago(Duration.ofHours(2))));
        store.pullRequests().ensure("pr:" + REPO_ID + "#1", REPO, 1);
        store.pullRequests().recordReviewedHead("pr:" + REPO_ID + "#1", sha(1));
    }

    @Test
    void onlyHeadsWithoutACurrentCheckAreQueuedThroughTheInboxAsTheSweepsOwnEvent() throws IOException {
        oneRepositoryWithEveryKindOfHead();

        Summary summary = sweep().run().orElseThrow();

        assertThat(github.checkLookups()).as("the head reviewed in the store costs no request")
                .containsExactly(sha(2), sha(3), sha(4), sha(5));
        assertThat(github.requests("GET", "/repos/" + REPO + "/pulls")).as("paging stops at the first month-old pull request")
                .hasSize(2);
        assertThat(github.requests("GET", "/repos/.+/commits/.+/check-runs").getFirst().getQueryParams())
                .containsKeys("check_name", "app_id");
        assertThat(summary.pullRequests()).isEqualTo(5);
        assertThat(summary.reviewedInStore()).isEqualTo(1);
        assertThat(summary.checkCurrent()).isEqualTo(1);
        assertThat(summary.checkInProgress()).as("started five minutes ago: a review is under way").isEqualTo(1);
        assertThat(summary.queued()).as("no check, and a check stuck in progress for two hours").isEqualTo(2);
        assertThat(summary.cycleCompleted()).isTrue();
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.requests()).as("installations, 2 repository listings, 2 pull pages, 4 check lookups")
                .isEqualTo(9);

        assertThat(pending()).extracting(StoredDelivery::deliveryId).containsExactlyInAnyOrder(
                OpenPullRequestSweep.deliveryId(REPO_ID, 3, sha(3)), OpenPullRequestSweep.deliveryId(REPO_ID, 5, sha(5)));
        StoredDelivery queued = store.deliveries().find(OpenPullRequestSweep.deliveryId(REPO_ID, 3, sha(3))).orElseThrow();
        assertThat(queued.event()).isEqualTo(EventRouter.SWEEP_EVENT);
        assertThat(queued.action()).isEqualTo("sweep");
        assertThat(queued.workKey()).isEqualTo("pr:500#3");
        assertThat(queued.repository()).hasValue(REPO);
        assertThat(queued.installationId()).hasValue(1L);
        JsonNode payload = HealingGitHub.JSON.readTree(store.deliveries().payload(queued.seq()));
        assertThat(payload.path("pull_request").path("head").path("sha").asText()).isEqualTo(sha(3));
        assertThat(payload.path("repository").path("full_name").asText()).isEqualTo(REPO);
        assertThat(enqueued).as("each queued review is handed to the queue").containsExactlyInAnyOrder("pr:500#3", "pr:500#5");
    }

    @Test
    void aRepeatedSweepOfTheSameHeadQueuesNothingAndAskesGitHubOnlyAboutUnsettledHeads() {
        oneRepositoryWithEveryKindOfHead();
        sweep().run().orElseThrow();
        github.server.resetRequests();

        Summary again = sweep().run().orElseThrow();
        assertThat(again.queued()).isZero();
        assertThat(again.alreadySwept()).isEqualTo(2);
        assertThat(github.checkLookups()).as("heads swept before cost nothing").containsExactly(sha(2), sha(4));
        assertThat(pending()).hasSize(2);

        github.openPulls(REPO, List.of(List.of(pull(3, sha(33), NOW))));
        Summary pushed = sweep().run().orElseThrow();
        assertThat(pushed.queued()).as("a new head is a new review").isEqualTo(1);
        assertThat(pending()).extracting(StoredDelivery::deliveryId).contains(OpenPullRequestSweep.deliveryId(REPO_ID, 3, sha(33)));
    }

    @Test
    void aRunLooksAtABoundedNumberOfRepositoriesAndTheNextGoesOnWhereItStopped() {
        github.installationRepositories(1, List.of(List.of(repository(501, "org-1/a")), List.of(repository(502, "org-1/b"))));
        github.installationRepositories(2, List.of(List.of(repository(503, "org-2/c"))));
        for (String repo : List.of("org-1/a", "org-1/b", "org-2/c")) {
            github.openPulls(repo, List.of(List.of(pull(1, sha(repo.hashCode() & 0xffff), NOW))));
            github.checkRuns(repo, sha(0));
        }
        var twoPerRun = new OpenPullRequestSweep.Settings(2, 300, 50, Duration.ofDays(30), Duration.ofMinutes(30));

        Summary first = sweep(twoPerRun).run().orElseThrow();
        assertThat(first.repositories()).isEqualTo(2);
        assertThat(first.cycleCompleted()).isFalse();
        assertThat(first.stoppedBy()).isEqualTo("2 repositories per run");
        assertThat(store.healingJobs().state(OpenPullRequestSweep.JOB).position()).hasValue("2/1/0");
        assertThat(github.requests("GET", "/repos/org-2/c/pulls")).isEmpty();

        Summary second = sweep(twoPerRun).run().orElseThrow();
        assertThat(second.repositories()).isEqualTo(1);
        assertThat(second.cycleCompleted()).isTrue();
        assertThat(second.installationsLearned()).isZero();
        assertThat(github.requests("GET", "/app/installations")).as("installations are listed once per rotation").hasSize(1);
        assertThat(store.healingJobs().state(OpenPullRequestSweep.JOB).position()).isEmpty();
        assertThat(pending()).hasSize(3);

        sweep(twoPerRun).run().orElseThrow();
        assertThat(github.requests("GET", "/app/installations")).as("a new rotation").hasSize(2);
        assertThat(github.requests("GET", "/repos/org-1/a/pulls")).hasSize(2);
    }

    @Test
    void theRequestAndReviewLimitsStopARunWhichTheNextResumesAtTheSameRepository() {
        oneRepositoryWithEveryKindOfHead();
        var fewRequests = new OpenPullRequestSweep.Settings(100, 4, 50, Duration.ofDays(30), Duration.ofMinutes(30));
        Summary stopped = sweep(fewRequests).run().orElseThrow();
        assertThat(stopped.requests()).isEqualTo(4);
        assertThat(stopped.stoppedBy()).isEqualTo("4 requests per run");
        assertThat(stopped.cycleCompleted()).isFalse();
        assertThat(store.healingJobs().state(OpenPullRequestSweep.JOB).position()).hasValue("1/1/0");

        var oneReview = new OpenPullRequestSweep.Settings(100, 300, 1, Duration.ofDays(30), Duration.ofMinutes(30));
        Summary limited = sweep(oneReview).run().orElseThrow();
        assertThat(limited.queued()).isEqualTo(1);
        assertThat(limited.stoppedBy()).isEqualTo("1 reviews per run");
        assertThat(store.healingJobs().state(OpenPullRequestSweep.JOB).position()).hasValue("1/1/0");

        Summary rest = sweep().run().orElseThrow();
        assertThat(rest.queued()).isEqualTo(1);
        assertThat(rest.alreadySwept()).isEqualTo(1);
        assertThat(rest.cycleCompleted()).isTrue();
    }

    @Test
    void installationsTheStoreMissedAreLearnedAndSuspendedOnesAreLeftAlone() {
        github.appInstallations(installation(1, "org-1", false), installation(2, "org-2", true), installation(3, "org-3", false));
        github.token(3, NOW);
        github.installationRepositories(1, List.of(List.of()));
        github.installationRepositories(3, List.of(List.of(repository(503, "org-3/c"))));
        github.openPulls("org-3/c", List.of(List.of(pull(9, sha(9), NOW))));
        github.checkRuns("org-3/c", sha(0));

        Summary summary = sweep().run().orElseThrow();
        assertThat(summary.installationsLearned()).as("3 was unknown, 2 was suspended without the store knowing").isEqualTo(2);
        assertThat(store.installations().find(3)).isPresent();
        assertThat(store.installations().find(2).orElseThrow().suspended()).isTrue();
        assertThat(summary.installations()).isEqualTo(2);
        assertThat(github.requests("POST", "/app/installations/2/access_tokens")).isEmpty();
        assertThat(summary.queued()).isEqualTo(1);
    }

    @Test
    void aBrokenRepositoryIsReportedAndGitHubsRateLimitStopsTheRunWhereItWas() {
        github.installationRepositories(1, List.of(List.of(repository(501, "org-1/broken"), repository(502, "org-1/fine"))));
        github.installationRepositories(2, List.of(List.of(repository(503, "org-2/limited"))));
        github.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/repos/org-1/broken/pulls"))
                .willReturn(HealingGitHub.json(500, HealingGitHub.JSON.createObjectNode().put("message", "Server Error"))));
        github.openPulls("org-1/fine", List.of(List.of(pull(1, sha(1), NOW))));
        github.checkRuns("org-1/fine", sha(0));
        github.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.get(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/repos/org-2/limited/pulls"))
                .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(403)
                        .withHeader("x-ratelimit-remaining", "0")
                        .withHeader("x-ratelimit-reset", Long.toString(NOW.plusSeconds(3600).getEpochSecond()))
                        .withBody("{\"message\":\"API rate limit exceeded for installation ID 2.\"}")));

        Summary summary = sweep().run().orElseThrow();
        assertThat(summary.problems()).singleElement().asString().startsWith("org-1/broken: ").contains("500");
        assertThat(summary.queued()).as("the next repository is still swept").isEqualTo(1);
        assertThat(summary.stoppedBy()).startsWith("GitHub's rate limit");
        assertThat(summary.cycleCompleted()).isFalse();
        assertThat(store.healingJobs().state(OpenPullRequestSweep.JOB).position()).hasValue("2/1/0");
    }
}

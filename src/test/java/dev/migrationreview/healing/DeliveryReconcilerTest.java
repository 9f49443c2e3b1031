package dev.migrationreview.healing;

import static dev.migrationreview.healing.HealingGitHub.attempt;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrationreview.healing.DeliveryReconciler.Skip;
import dev.migrationreview.healing.DeliveryReconciler.Summary;
import dev.migrationreview.store.NewDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciler against GitHub's delivery listing (WireMock) and a real store. */
class DeliveryReconcilerTest extends HealingJobTest {

    @BeforeEach
    void gitHubAcceptsRedeliveries() {
        github.acceptRedeliveries();
    }

    DeliveryReconciler reconciler(DeliveryReconciler.Settings settings) {
        return new DeliveryReconciler(access, store, settings, clock);
    }

    DeliveryReconciler reconciler() {
        return reconciler(DeliveryReconciler.Settings.defaults());
    }

    static ObjectNode failed(long id, String guid, Duration ago) {
        return attempt(id, guid, HealingJobTest.ago(ago), 502, "pull_request", "synchronize");
    }

    static ObjectNode ok(long id, String guid, Duration ago) {
        return attempt(id, guid, HealingJobTest.ago(ago), 202, "pull_request", "synchronize");
    }

    void stored(String deliveryId) {
        store.deliveries().accept(new NewDelivery(deliveryId, "pull_request", "synchronize", "pr:1#2", Optional.of("o/r"),
                Optional.of(2), Optional.of(1L), "{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void failedDeliveriesAcrossCursorPagesAreRedeliveredAndPagingStopsAtTheWindowStart() {
        github.deliveries(List.of(
                List.of(failed(30, "guid-a", Duration.ofMinutes(5)), ok(29, "guid-b", Duration.ofMinutes(6))),
                List.of(attempt(28, "guid-c", ago(Duration.ofHours(30)), 0, "check_suite", "requested"),
                        ok(27, "guid-d", Duration.ofHours(40))),
                List.of(failed(26, "guid-e", Duration.ofHours(71)), failed(25, "guid-old", Duration.ofHours(73))),
                List.of(failed(24, "guid-older", Duration.ofHours(80)))));

        Summary summary = reconciler().run().orElseThrow();

        assertThat(github.redeliveryRequests()).as("a timeout (status 0) and 5xx inside three days, nothing older")
                .containsExactly(30L, 28L, 26L);
        assertThat(github.requests("GET", "/app/hook/deliveries")).as("the fourth page lies wholly outside the window")
                .hasSize(3);
        assertThat(github.requests("GET", "/app/hook/deliveries").get(0).getHeader("Authorization")).startsWith("Bearer ");
        assertThat(summary.pages()).isEqualTo(3);
        assertThat(summary.listed()).isEqualTo(5);
        assertThat(summary.failed()).isEqualTo(3);
        assertThat(summary.redelivered()).isEqualTo(3);
        assertThat(summary.skippedCount()).isZero();
        assertThat(summary.complete()).isTrue();
        assertThat(summary.problems()).isEmpty();
        assertThat(summary.requests()).as("three pages and three redeliveries").isEqualTo(6);
        assertThat(store.redeliveryRequests().find("guid-a").orElseThrow().attempts()).isEqualTo(1);
        assertThat(store.redeliveryRequests().find("guid-a").orElseThrow().hookDeliveryId()).isEqualTo(30);
    }

    @Test
    void aLaterSuccessAStoredDeliveryAnIgnoredEventAndTheAttemptCapAreNotRedelivered() {
        stored("guid-stored");
        stored("guid-suite:pr-3");
        for (int i = 0; i < 3; i++) {
            store.redeliveryRequests().record("guid-capped", 11, "pull_request");
        }
        github.deliveries(List.of(List.of(
                ok(20, "guid-recovered", Duration.ofMinutes(1)),
                failed(19, "guid-recovered", Duration.ofMinutes(3)),
                failed(18, "guid-stored", Duration.ofMinutes(4)),
                attempt(17, "guid-suite", ago(Duration.ofMinutes(5)), 504, "check_suite", "rerequested"),
                attempt(16, "guid-ping", ago(Duration.ofMinutes(6)), 500, "ping", null),
                attempt(15, "guid-label", ago(Duration.ofMinutes(7)), 500, "pull_request", "labeled"),
                failed(14, "guid-capped", Duration.ofMinutes(8)),
                failed(13, "guid-new", Duration.ofMinutes(9)))));

        Summary summary = reconciler().run().orElseThrow();

        assertThat(github.redeliveryRequests()).containsExactly(13L);
        assertThat(summary.failed()).isEqualTo(7);
        assertThat(summary.skipped()).containsEntry(Skip.LATER_SUCCESS, 1).containsEntry(Skip.ALREADY_STORED, 2)
                .containsEntry(Skip.NOT_HANDLED, 2).containsEntry(Skip.ATTEMPTS_EXHAUSTED, 1).containsEntry(Skip.BACKING_OFF, 0);
        assertThat(summary.skippedCount() + summary.redelivered() + summary.redeliveryErrors()).isEqualTo(summary.failed());
    }

    @Test
    void aDeliveryThatKeepsFailingIsAskedForWithGrowingPausesAndAtMostThreeTimes() {
        github.deliveries(List.of(List.of(failed(40, "guid-x", Duration.ofMinutes(1)))));
        assertThat(reconciler().run().orElseThrow().redelivered()).isEqualTo(1);

        for (int attempt = 2; attempt <= 4; attempt++) {
            // GitHub redelivered and our server failed again: a newer failed attempt of the same event.
            long id = 40 + attempt;
            clock.advance(Duration.ofMinutes(5));
            github.reset();
            github.acceptRedeliveries();
            github.deliveries(List.of(List.of(attempt(id, "guid-x", clock.instant().minusSeconds(30), 503, "pull_request",
                    "synchronize"), failed(40, "guid-x", Duration.ofMinutes(1)))));
            Summary early = reconciler().run().orElseThrow();
            assertThat(early.redelivered()).as("attempt %d: five minutes is too early", attempt).isZero();
            assertThat(early.skipped()).containsEntry(attempt <= 3 ? Skip.BACKING_OFF : Skip.ATTEMPTS_EXHAUSTED, 1);
            clock.advance(Duration.ofMinutes(10L << (attempt - 2)));
            Summary later = reconciler().run().orElseThrow();
            if (attempt <= 3) {
                assertThat(later.redelivered()).as("attempt %d after the pause", attempt).isEqualTo(1);
                assertThat(github.redeliveryRequests()).containsExactly(id);
            } else {
                assertThat(later.skipped()).containsEntry(Skip.ATTEMPTS_EXHAUSTED, 1);
                assertThat(github.redeliveryRequests()).isEmpty();
            }
        }
        assertThat(store.redeliveryRequests().find("guid-x").orElseThrow().attempts()).isEqualTo(3);
    }

    @Test
    void aServerErrorInTheMiddleIsReportedAndTheNextRunContinuesWithoutLosingAnything() {
        github.deliveries(List.of(
                List.of(failed(50, "guid-first", Duration.ofMinutes(2))),
                List.of(failed(49, "guid-second", Duration.ofMinutes(20))),
                List.of(ok(48, "guid-old", Duration.ofDays(4)))));
        github.deliveriesPageFails(1, 502);

        Summary broken = reconciler().run().orElseThrow();
        assertThat(broken.complete()).isFalse();
        assertThat(broken.problems()).singleElement().asString().contains("answered 502");
        assertThat(broken.redelivered()).as("what the first page showed is acted on").isEqualTo(1);
        assertThat(store.healingJobs().state(DeliveryReconciler.JOB).coveredUntil()).as("the watermark stays").isEmpty();

        github.server.removeStub(github.server.getStubMappings().stream()
                .filter(stub -> stub.getPriority() != null && stub.getPriority() == 1).findFirst().orElseThrow());
        clock.advance(Duration.ofMinutes(5));
        Summary next = reconciler().run().orElseThrow();
        assertThat(next.complete()).isTrue();
        assertThat(next.redelivered()).isEqualTo(1);
        assertThat(github.redeliveryRequests()).containsExactly(50L, 49L);
        assertThat(next.skipped()).as("the first one was asked for five minutes ago").containsEntry(Skip.BACKING_OFF, 1);
    }

    @Test
    void aCompleteRunMovesTheWindowAndAnEventWaitingOutItsPauseKeepsItOpen() {
        store.redeliveryRequests().record("guid-y", 58, "pull_request");
        github.deliveries(List.of(List.of(failed(60, "guid-y", Duration.ofMinutes(1)), ok(59, "guid-z", Duration.ofHours(10)))));
        assertThat(reconciler().run().orElseThrow().skipped()).containsEntry(Skip.BACKING_OFF, 1);
        assertThat(store.healingJobs().state(DeliveryReconciler.JOB).coveredUntil()).as("waiting guid-y holds the watermark")
                .hasValue(ago(Duration.ofMinutes(1)).toEpochMilli());

        clock.advance(Duration.ofHours(1));
        github.reset();
        github.acceptRedeliveries();
        github.deliveries(List.of(
                List.of(ok(61, "guid-y", Duration.ofMinutes(-30)), ok(57, "guid-w", Duration.ofMinutes(2)),
                        ok(56, "guid-z", Duration.ofHours(10))),
                List.of(failed(55, "guid-q", Duration.ofHours(20)))));
        Summary next = reconciler().run().orElseThrow();
        assertThat(next.windowStart()).isEqualTo(ago(Duration.ofMinutes(11)).toString());
        assertThat(next.listed()).isEqualTo(2);
        assertThat(github.requests("GET", "/app/hook/deliveries")).as("the page twenty hours back is not read").hasSize(1);
        assertThat(github.redeliveryRequests()).isEmpty();
        assertThat(store.healingJobs().state(DeliveryReconciler.JOB).coveredUntil())
                .hasValue(clock.instant().toEpochMilli());
    }

    @Test
    void thePageLimitAndTheRedeliveryLimitLeaveTheRestForTheNextRun() {
        github.deliveries(List.of(
                List.of(failed(70, "guid-1", Duration.ofMinutes(1)), failed(69, "guid-2", Duration.ofMinutes(2))),
                List.of(failed(68, "guid-3", Duration.ofMinutes(3)))));
        var settings = new DeliveryReconciler.Settings(Duration.ofDays(3), Duration.ofMinutes(10), 1, 3, Duration.ofMinutes(10), 1);

        Summary limited = reconciler(settings).run().orElseThrow();
        assertThat(limited.pages()).isEqualTo(1);
        assertThat(limited.redelivered()).isEqualTo(1);
        assertThat(limited.skipped()).containsEntry(Skip.RUN_LIMIT, 1);
        assertThat(limited.complete()).isFalse();
        assertThat(limited.problems()).singleElement().asString().contains("stopped after 1 pages");
        assertThat(store.healingJobs().state(DeliveryReconciler.JOB).coveredUntil()).isEmpty();

        Summary all = reconciler().run().orElseThrow();
        assertThat(all.complete()).isTrue();
        assertThat(github.redeliveryRequests()).containsExactly(70L, 69L, 68L);
    }

    @Test
    void gitHubRefusingARedeliveryCountsAsAnAttemptAndOnlyOneRunWorksAtATime() {
        github.server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(
                        com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo("/app/hook/deliveries/80/attempts"))
                .atPriority(1).willReturn(HealingGitHub.json(422, HealingGitHub.JSON.createObjectNode()
                        .put("message", "Validation Failed"))));
        github.deliveries(List.of(List.of(failed(80, "guid-refused", Duration.ofMinutes(1)))));
        Summary summary = reconciler().run().orElseThrow();
        assertThat(summary.redeliveryErrors()).isEqualTo(1);
        assertThat(summary.problems()).singleElement().asString().contains("422");
        assertThat(store.redeliveryRequests().find("guid-refused").orElseThrow().attempts()).isEqualTo(1);
        assertThat(summary.complete()).as("a refusal is final: nothing waits").isTrue();

        assertThat(store.healingJobs().tryClaim(DeliveryReconciler.JOB, "another-replica", 60_000)).isTrue();
        assertThat(reconciler().run()).as("the lease is held elsewhere").isEmpty();
    }
}

package dev.migrationreview.server;

import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.migrationreview.github.GitHubSettings;
import dev.migrationreview.inbox.RetryPolicy;
import dev.migrationreview.inbox.WorkerSettings;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.Store;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two replicas of the App on one PostgreSQL, as an organisation would run them behind a load
 * balancer: deliveries for one pull request land on either, redeliveries too, and the pull request
 * still gets one check run per head and one summary comment, with its writes to GitHub paced.
 * (StoreTest shows that replicas never share a write slot.)
 */
class ReplicasEndToEndTest {

    private static final Duration WRITE_INTERVAL = Duration.ofMillis(150);

    @TempDir
    Path data;

    @Test
    void deliveriesSpreadOverTwoReplicasReviewThePullRequestOnceWithWritesPaced() throws Exception {
        try (var postgres = EmbeddedPostgres.builder().start(); var github = new GitHubFake()) {
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            var database = new Store.StoreSettings(postgres.getJdbcUrl("postgres", "postgres"), "", "");
            var replicas = new ArrayList<BotHarness>();
            try {
                for (String name : List.of("replica-a", "replica-b")) {
                    replicas.add(BotHarness.start(github, replica(github, name, database)));
                }
                BotHarness a = replicas.get(0);
                BotHarness b = replicas.get(1);
                byte[] opened = Fixtures.webhook("pull_request/opened.json");
                assertThat(a.deliver("pull_request", "opened-1", opened).statusCode()).isEqualTo(202);
                assertThat(b.deliver("pull_request", "opened-1", opened).body()).as("a redelivery to the other replica")
                        .contains("duplicate");
                byte[] pushed = Fixtures.webhook("pull_request/synchronize.json");
                assertThat(b.deliver("pull_request", "sync-1", pushed).statusCode()).isEqualTo(202);
                assertThat(a.deliver("pull_request", "sync-2", pushed).statusCode()).isEqualTo(202);
                assertThat(a.deliver("pull_request", "sync-1", pushed).body()).contains("duplicate");

                List<String> ids = List.of("opened-1", "sync-1", "sync-2");
                BotHarness.await("every delivery is finished", Duration.ofSeconds(60),
                        () -> ids.stream().allMatch(id -> a.server().deliveryFinished(id)));
                assertThat(ids).allSatisfy(id -> assertThat(b.server().delivery(id).orElseThrow().status())
                        .as("seen alike by both replicas").isIn(DeliveryStatus.DONE, DeliveryStatus.COALESCED));

                assertThat(github.requests("POST", AppReviewEndToEndTest.CHECK_RUNS)).as("one check run for the head")
                        .hasSize(1);
                assertThat(github.requests("POST", AppReviewEndToEndTest.COMMENTS)).as("one summary comment").hasSize(1);
                assertThat(github.bodies("PATCH", AppReviewEndToEndTest.CHECK_RUNS + "/\\d+"))
                        .as("the check run completed").anyMatch(body -> body.has("conclusion"));

                List<Long> writes = Stream.of("POST", "PATCH").flatMap(method -> github.requests(method, "/repos/.*").stream())
                        .map(LoggedRequest::getLoggedDate).map(date -> date.getTime()).sorted().toList();
                assertThat(writes).hasSizeGreaterThan(2);
                for (int i = 1; i < writes.size(); i++) {
                    assertThat(writes.get(i) - writes.get(i - 1)).as("gap between writes %d and %d", i - 1, i)
                            .isGreaterThanOrEqualTo(WRITE_INTERVAL.toMillis() - 5);
                }
            } finally {
                replicas.forEach(BotHarness::close);
            }
        }
    }

    @Test
    void aPushArrivingOnTheOtherReplicaMidReviewCarriesOnWithTheSameCheckRun() throws Exception {
        try (var postgres = EmbeddedPostgres.builder().start(); var github = new GitHubFake()) {
            AppReviewEndToEndTest.servePrisma(github, AppReviewEndToEndTest.BAD);
            // The first review's check run completion is slow: the next delivery arrives meanwhile.
            github.wireMock().stubFor(patch(urlPathMatching(AppReviewEndToEndTest.CHECK_RUNS + "/\\d+"))
                    .withRequestBody(matchingJsonPath("$.conclusion"))
                    .atPriority(1).inScenario("slow").whenScenarioStateIs(Scenario.STARTED).willSetStateTo("answered")
                    .willReturn(GitHubFake.json(200, github.checkRun("completed")).withFixedDelay(1_500)));
            var database = new Store.StoreSettings(postgres.getJdbcUrl("postgres", "postgres"), "", "");
            try (var a = BotHarness.start(github, replica(github, "replica-a", database));
                 var b = BotHarness.start(github, replica(github, "replica-b", database))) {
                a.deliver("pull_request", "opened-1", Fixtures.webhook("pull_request/opened.json"));
                BotHarness.await("the first review completes its check run", Duration.ofSeconds(30),
                        () -> github.bodies("PATCH", AppReviewEndToEndTest.CHECK_RUNS + "/\\d+").stream()
                                .anyMatch(body -> body.has("conclusion")));
                b.deliver("pull_request", "sync-1", Fixtures.webhook("pull_request/synchronize.json"));
                BotHarness.await("both deliveries are finished", Duration.ofSeconds(60),
                        () -> a.server().deliveryFinished("opened-1") && a.server().deliveryFinished("sync-1"));

                assertThat(a.server().delivery("opened-1").orElseThrow().outcome().orElseThrow())
                        .as("the first review left its comments to the newer delivery").contains("newer");
                assertThat(github.requests("POST", AppReviewEndToEndTest.CHECK_RUNS)).as("one check run for the head").hasSize(1);
                assertThat(github.requests("POST", AppReviewEndToEndTest.COMMENTS)).as("one summary comment").hasSize(1);
                List<JsonNode> annotations = github.bodies("PATCH", AppReviewEndToEndTest.CHECK_RUNS + "/\\d+").stream()
                        .flatMap(body -> StreamSupport.stream(body.path("output").path("annotations").spliterator(), false))
                        .toList();
                assertThat(annotations).as("no annotation sent twice").isNotEmpty().doesNotHaveDuplicates();
            }
        }
    }

    private ServerSettings replica(GitHubFake github, String name, Store.StoreSettings database) {
        ServerSettings base = BotHarness.settings(github, data.resolve(name), true);
        GitHubSettings paced = base.github().withWriteInterval(WRITE_INTERVAL);
        var workers = new WorkerSettings(2, name, Duration.ofSeconds(5), Duration.ofMillis(50),
                new RetryPolicy(4, Duration.ofMillis(50), Duration.ofMillis(400)));
        return new ServerSettings(base.host(), base.port(), base.publicUrl(), base.webhookSecret(), base.adminToken(),
                base.dataDir(), Optional.of(database), paced, base.app(), workers, base.commandPrefix());
    }
}

package dev.migrationreview.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** Every real payload in the shared fixtures, routed. */
class EventRouterTest {

    static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode fixture(String name) throws IOException {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"), "fixtures", "webhooks");
        if (!Files.isDirectory(shared)) {
            throw new IllegalStateException("the shared webhook fixtures are missing: " + shared.toAbsolutePath());
        }
        return JSON.readTree(shared.resolve(name).toFile());
    }

    final EventRouter router = new EventRouter(() -> OptionalLong.of(4711),
            checkRun -> checkRun == 99 ? Optional.of(new EventRouter.PullRequestOfCheck("o/r", 12)) : Optional.empty());

    Routing route(String name) throws IOException {
        return router.route(name.substring(0, name.indexOf('/')), fixture(name));
    }

    static Routing.WorkItem single(Routing routing) {
        assertThat(routing).isInstanceOf(Routing.Queued.class);
        assertThat(((Routing.Queued) routing).items()).hasSize(1);
        return ((Routing.Queued) routing).items().getFirst();
    }

    @Test
    void pullRequestEventsThatChangeWhatIsReviewedAreQueuedPerPullRequest() throws IOException {
        for (String name : new String[] {"pull_request/opened.json", "pull_request/opened.with-organization.json",
                "pull_request/synchronize.json", "pull_request/reopened.json", "pull_request/ready_for_review.json",
                "pull_request/closed.json"}) {
            Routing.WorkItem item = single(route(name));
            assertThat(item.workKey()).as(name).isEqualTo("pr:186853002#2");
            assertThat(item.repository()).as(name).hasValue("Codertocat/Hello-World");
            assertThat(item.pullNumber()).as(name).hasValue(2);
        }
        assertThat(single(route("pull_request/opened.json")).installationId()).hasValue(1L);
        assertThat(single(route("pull_request/ready_for_review.json")).installationId()).isEmpty();
    }

    /** Found by the webhook fuzzer: a signed payload with a megabyte repository name was answered 500 (the store's column is 300). */
    @Test
    void aRepositoryNameGitHubCouldNotHaveIsIgnoredAndANullOneIsNoName() throws IOException {
        var huge = (ObjectNode) fixture("pull_request/opened.json");
        ((ObjectNode) huge.path("repository")).put("full_name", "Codertocat/" + "x".repeat(1 << 20));
        assertThat(router.route("pull_request", huge)).isInstanceOf(Routing.Ignored.class);
        var spaced = (ObjectNode) fixture("check_suite/requested.json");
        ((ObjectNode) spaced.path("repository")).put("full_name", "Codertocat/Hello World");
        assertThat(router.route("check_suite", spaced)).isInstanceOf(Routing.Ignored.class);

        var unnamed = (ObjectNode) fixture("pull_request/opened.json");
        ((ObjectNode) unnamed.path("repository")).putNull("full_name");
        assertThat(single(router.route("pull_request", unnamed)).repository()).isEmpty();
    }

    @Test
    void anEditIsReviewedWhenItChangesTheBaseBranchTitleOrDescription() throws IOException {
        assertThat(single(route("pull_request/edited.base-changed.json")).pullNumber()).hasValue(88);
        assertThat(single(route("pull_request/edited.json")).workKey()).as("a new title").startsWith("pr:");
        var described = (com.fasterxml.jackson.databind.node.ObjectNode) fixture("pull_request/edited.json");
        described.putObject("changes").putObject("body").put("from", "old description");
        assertThat(single(router.route("pull_request", described)).workKey()).startsWith("pr:");
        described.putObject("changes").putObject("assignees");
        assertThat(router.route("pull_request", described)).isInstanceOf(Routing.Ignored.class);
    }

    @Test
    void submittedAndDismissedReviewsAreQueuedForTheirPullRequest() throws IOException {
        for (String name : new String[] {"pull_request_review/submitted.json", "pull_request_review/submitted.with-organization.json",
                "pull_request_review/dismissed.json"}) {
            Routing.WorkItem item = single(route(name));
            assertThat(item.workKey()).as(name).startsWith("pr:");
            assertThat(item.pullNumber()).as(name).isPresent();
        }
        var edited = (com.fasterxml.jackson.databind.node.ObjectNode) fixture("pull_request_review/submitted.json");
        edited.put("action", "edited");
        assertThat(router.route("pull_request_review", edited)).isInstanceOf(Routing.Ignored.class);
    }

    @Test
    void checkRunsAreRerunOnlyWhenTheyAreOurs() throws IOException {
        assertThat(route("check_run/rerequested.json")).as("another App's check").isInstanceOf(Routing.Ignored.class);
        ObjectNode rerequested = (ObjectNode) fixture("check_run/rerequested.json");
        ((ObjectNode) rerequested.path("check_run")).put("name", "migration-review").put("id", 99);
        ((ObjectNode) rerequested.path("check_run").path("app")).put("id", 4711);
        Routing.WorkItem fromStore = single(router.route("check_run", rerequested));
        assertThat(fromStore.pullNumber()).as("a fork's pull request is found through the store").hasValue(12);

        ObjectNode action = (ObjectNode) fixture("check_run/requested_action.json");
        ((ObjectNode) action.path("check_run")).put("name", "migration-review");
        ((ObjectNode) action.path("check_run").path("app")).put("id", 4711);
        assertThat(router.route("check_run", action)).as("not our button").isInstanceOf(Routing.Ignored.class);
        ((ObjectNode) action.path("requested_action")).put("identifier", "rerun");
        assertThat(single(router.route("check_run", action)).pullNumber()).hasValue(26764);
        ((ObjectNode) action.path("check_run").path("app")).put("id", 1);
        assertThat(router.route("check_run", action)).as("same name, other App").isInstanceOf(Routing.Ignored.class);
        assertThat(route("check_run/completed.json")).isInstanceOf(Routing.Ignored.class);
        assertThat(route("check_run/created.json")).isInstanceOf(Routing.Ignored.class);
    }

    @Test
    void checkSuitesReviewTheirPullRequests() throws IOException {
        assertThat(route("check_suite/requested.json")).as("a push without pull request").isInstanceOf(Routing.Ignored.class);
        Routing.WorkItem item = single(route("check_suite/rerequested.json"));
        assertThat(item.workKey()).isEqualTo("pr:186853002#2");
        ObjectNode twoPulls = (ObjectNode) fixture("check_suite/rerequested.json");
        var pulls = (com.fasterxml.jackson.databind.node.ArrayNode) twoPulls.path("check_suite").path("pull_requests");
        pulls.add(((ObjectNode) pulls.get(0).deepCopy()).put("number", 3));
        var queued = (Routing.Queued) router.route("check_suite", twoPulls);
        assertThat(queued.items()).extracting(Routing.WorkItem::idSuffix).containsExactly(":pr-2", ":pr-3");
    }

    @Test
    void installationEventsAreQueuedPerInstallation() throws IOException {
        for (String name : new String[] {"installation/created.json", "installation/deleted.json", "installation/suspend.json",
                "installation_repositories/added.json", "installation_repositories/removed.json"}) {
            assertThat(single(route(name)).workKey()).as(name).startsWith("installation:");
        }
        assertThat(single(route("installation/created.json")).workKey()).isEqualTo("installation:957387");
    }

    @Test
    void everythingElseIsIgnoredWithAReason() throws IOException {
        for (String name : new String[] {"issue_comment/created.json", "issue_comment/created.on-pull-request.json"}) {
            assertThat(route(name)).as(name).isInstanceOfSatisfying(Routing.Ignored.class,
                    ignored -> assertThat(ignored.reason()).isNotBlank());
        }
        assertThat(router.route("pull_request", JSON.createObjectNode().put("action", "opened")))
                .as("a payload without repository").isInstanceOf(Routing.Ignored.class);
    }

    @Test
    void theSweepsOwnEventIsRoutedLikeAPullRequestAndIsInternal() throws IOException {
        ObjectNode swept = (ObjectNode) fixture("pull_request/opened.json");
        swept.put("action", "sweep");
        Routing.WorkItem item = single(router.route(EventRouter.SWEEP_EVENT, swept));
        assertThat(item.workKey()).isEqualTo("pr:186853002#2");
        assertThat(item.installationId()).hasValue(1L);
        assertThat(EventRouter.isInternal(EventRouter.SWEEP_EVENT)).isTrue();
        assertThat(EventRouter.isInternal("pull_request")).isFalse();
        assertThat(EventRouter.SWEEP_EVENT).as("no GitHub event name looks like it").doesNotMatch("[a-z_]+");
        assertThat(EventRouter.mayCauseWork(EventRouter.SWEEP_EVENT, "sweep")).as("GitHub never delivers it").isFalse();
    }

    /** The reconciler's judgement without the payload never drops an event the router would queue. */
    @Test
    void everyFixtureTheRouterQueuesMayCauseWorkByItsNameAndAction() throws IOException {
        Path webhooks = Path.of(System.getProperty("shared.dir", "../shared"), "fixtures", "webhooks");
        int queued = 0;
        try (var files = Files.walk(webhooks)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String event = webhooks.relativize(file).getName(0).toString();
                JsonNode payload = JSON.readTree(file.toFile());
                // Comments carry commands only for a router that knows them: ask one that does.
                var commands = new EventRouter(() -> OptionalLong.of(4711), id -> Optional.of(new EventRouter.PullRequestOfCheck("o/r", 1)),
                        body -> true);
                if (commands.route(event, payload) instanceof Routing.Queued) {
                    queued++;
                    assertThat(EventRouter.mayCauseWork(event, payload.path("action").asText(""))).as(file.toString()).isTrue();
                }
            }
        }
        assertThat(queued).isGreaterThan(10);
        assertThat(EventRouter.mayCauseWork("ping", "")).isFalse();
        assertThat(EventRouter.mayCauseWork("pull_request", "labeled")).isFalse();
        assertThat(EventRouter.mayCauseWork("push", "")).isFalse();
    }
}

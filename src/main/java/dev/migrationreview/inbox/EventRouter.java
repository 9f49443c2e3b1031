package dev.migrationreview.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.migrationreview.inbox.Routing.Ignored;
import dev.migrationreview.inbox.Routing.Queued;
import dev.migrationreview.inbox.Routing.WorkItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Decides from a webhook's event name and payload whether it causes work, and on what key.
 * Only the fields needed for that are read here; the worker reads the rest later.
 */
public final class EventRouter {

    /** The name of the bot's check run; check run events for other checks are not ours. */
    public static final String CHECK_NAME = "migration-review";
    /** The identifier of the check run's Re-run button. */
    public static final String RERUN_ACTION = "rerun";
    /** The identifier of the check run's button that asks for the database proof (as {@code /migration-review plan} does). */
    public static final String PROVE_ACTION = "prove";
    /**
     * The bot's own event for a pull request the open-pull-request sweep found without a current
     * check: shaped like a {@code pull_request} event (action {@code sweep}). GitHub never sends
     * it, and the webhook endpoint refuses it ({@link #isInternal}): its name holds characters no
     * GitHub event name has, so a signed request cannot pose as the sweep either.
     */
    public static final String SWEEP_EVENT = "migration-review.sweep";

    private static final Set<String> REVIEWED_PR_ACTIONS = Set.of("opened", "synchronize", "reopened", "ready_for_review");
    /** A review submitted or dismissed changes whose approval holds, so the policy's verdict. */
    private static final Set<String> REVIEW_ACTIONS = Set.of("submitted", "dismissed");
    private static final Set<String> INSTALLATION_ACTIONS = Set.of("created", "deleted", "suspend", "unsuspend");
    private static final Set<String> CHECK_RUN_ACTIONS = Set.of("rerequested", "requested_action");
    private static final Set<String> CHECK_SUITE_ACTIONS = Set.of("requested", "rerequested");
    private static final Set<String> INSTALLATION_REPOSITORIES_ACTIONS = Set.of("added", "removed");

    private final Supplier<OptionalLong> appId;
    private final LongFunction<Optional<PullRequestOfCheck>> checkRunOwner;
    private final Predicate<String> carriesCommand;

    /**
     * @param appId          the App's id when known (check runs of other Apps are ignored); empty in local mode
     * @param checkRunOwner  the pull request a check run of ours was created for, from the store
     * @param carriesCommand whether a comment's body holds a slash command
     */
    public EventRouter(Supplier<OptionalLong> appId, LongFunction<Optional<PullRequestOfCheck>> checkRunOwner,
                       Predicate<String> carriesCommand) {
        this.appId = appId;
        this.checkRunOwner = checkRunOwner;
        this.carriesCommand = carriesCommand;
    }

    /** A router for a bot without slash commands: comments are never work. */
    public EventRouter(Supplier<OptionalLong> appId, LongFunction<Optional<PullRequestOfCheck>> checkRunOwner) {
        this(appId, checkRunOwner, body -> false);
    }

    /** The pull request a stored check run belongs to. */
    public record PullRequestOfCheck(String repository, int number) {}

    public Routing route(String event, JsonNode payload) {
        String action = payload.path("action").asText("");
        return switch (event) {
            case "pull_request" -> pullRequest(action, payload);
            case SWEEP_EVENT -> pullRequestOf(payload);
            case "pull_request_review" -> REVIEW_ACTIONS.contains(action)
                    ? pullRequestOf(payload)
                    : new Ignored("pull_request_review action '" + action + "' changes no approval");
            case "check_run" -> checkRun(action, payload);
            case "check_suite" -> checkSuite(action, payload);
            case "issue_comment" -> issueComment(action, payload);
            case "installation" -> INSTALLATION_ACTIONS.contains(action)
                    ? installationWork(payload)
                    : new Ignored("installation action '" + action + "' needs nothing");
            case "installation_repositories" -> INSTALLATION_REPOSITORIES_ACTIONS.contains(action)
                    ? installationWork(payload)
                    : new Ignored("installation_repositories action '" + action + "' needs nothing");
            case "ping" -> new Ignored("ping: webhook is set up");
            default -> new Ignored("event '" + event + "' is not handled");
        };
    }

    /**
     * Whether a GitHub event with this name and action can cause work, judged without its payload
     * (an edit, a comment or a check run of ours may still turn out to need nothing). The
     * delivery reconciler asks this before it has GitHub redeliver a failed delivery.
     */
    public static boolean mayCauseWork(String event, String action) {
        return switch (event) {
            case "pull_request" -> REVIEWED_PR_ACTIONS.contains(action) || action.equals("edited") || action.equals("closed");
            case "pull_request_review" -> REVIEW_ACTIONS.contains(action);
            case "check_run" -> CHECK_RUN_ACTIONS.contains(action);
            case "check_suite" -> CHECK_SUITE_ACTIONS.contains(action);
            case "issue_comment" -> action.equals("created");
            case "installation" -> INSTALLATION_ACTIONS.contains(action);
            case "installation_repositories" -> INSTALLATION_REPOSITORIES_ACTIONS.contains(action);
            default -> false;
        };
    }

    /** Whether {@code event} is one of the bot's own, which must never be accepted from a webhook request. */
    public static boolean isInternal(String event) {
        return event.equals(SWEEP_EVENT);
    }

    /**
     * A pull request event is reviewed when it changes what is reviewed, or (an edit of the
     * description or title, which the policy's checklist reads) what the verdict depends on.
     */
    private Routing pullRequest(String action, JsonNode payload) {
        JsonNode changes = payload.path("changes");
        boolean edited = action.equals("edited") && (changes.has("base") || changes.has("body") || changes.has("title"));
        if (!REVIEWED_PR_ACTIONS.contains(action) && !edited && !action.equals("closed")) {
            return new Ignored(action.equals("edited")
                    ? "pull request edited without a change of base branch, title or description"
                    : "pull_request action '" + action + "' needs no review");
        }
        return pullRequestOf(payload);
    }

    private static Routing pullRequestOf(JsonNode payload) {
        JsonNode repository = payload.path("repository");
        int number = payload.path("pull_request").path("number").asInt(payload.path("number").asInt(0));
        if (!repository.path("id").canConvertToLong() || number <= 0) {
            return new Ignored("pull_request payload without repository id or number");
        }
        return single(repository, number, payload);
    }

    private Routing checkRun(String action, JsonNode payload) {
        JsonNode checkRun = payload.path("check_run");
        if (!CHECK_NAME.equals(checkRun.path("name").asText())) {
            return new Ignored("check run '" + checkRun.path("name").asText() + "' is not ours");
        }
        OptionalLong ours = appId.get();
        JsonNode app = checkRun.path("app").path("id");
        if (ours.isPresent() && app.canConvertToLong() && app.asLong() != ours.getAsLong()) {
            return new Ignored("check run of another App");
        }
        boolean rerun = CHECK_RUN_ACTIONS.contains(action) && (action.equals("rerequested")
                || Set.of(RERUN_ACTION, PROVE_ACTION).contains(payload.path("requested_action").path("identifier").asText()));
        if (!rerun) {
            return new Ignored("check_run action '" + action + "' needs no review");
        }
        JsonNode repository = payload.path("repository");
        for (JsonNode pr : checkRun.path("pull_requests")) {
            if (pr.path("number").asInt(0) > 0) {
                return single(repository, pr.path("number").asInt(), payload);
            }
        }
        // Pull requests from forks are not listed on the check run; the store remembers ours.
        return checkRunOwner.apply(checkRun.path("id").asLong())
                .<Routing>map(owner -> single(repository, owner.number(), payload))
                .orElseGet(() -> new Ignored("check run is not attached to a pull request we know"));
    }

    /**
     * A new comment on a pull request that carries a slash command, by a person. An edited comment
     * could rewrite history, so only created ones count; bots (this one included) are not obeyed.
     * The command runs on the pull request's key, in turn with its reviews.
     */
    private Routing issueComment(String action, JsonNode payload) {
        if (!action.equals("created")) {
            return new Ignored("issue_comment action '" + action + "': only new comments carry commands");
        }
        JsonNode issue = payload.path("issue");
        if (!issue.has("pull_request")) {
            return new Ignored("comment on an issue, not on a pull request");
        }
        JsonNode user = payload.path("comment").path("user");
        if (user.path("type").asText().equals("Bot") || user.path("login").asText().endsWith("[bot]")) {
            return new Ignored("comment by a bot");
        }
        if (!carriesCommand.test(payload.path("comment").path("body").asText(""))) {
            return new Ignored("comment carries no command");
        }
        JsonNode repository = payload.path("repository");
        int number = issue.path("number").asInt(0);
        if (!repository.path("id").canConvertToLong() || number <= 0) {
            return new Ignored("issue_comment payload without repository id or number");
        }
        return single(repository, number, payload);
    }

    private Routing checkSuite(String action, JsonNode payload) {
        if (!CHECK_SUITE_ACTIONS.contains(action)) {
            return new Ignored("check_suite action '" + action + "' needs no review");
        }
        JsonNode repository = payload.path("repository");
        if (!possibleName(repository)) {
            return impossibleName();
        }
        var items = new ArrayList<WorkItem>();
        JsonNode pulls = payload.path("check_suite").path("pull_requests");
        for (JsonNode pr : pulls) {
            int number = pr.path("number").asInt(0);
            if (number > 0) {
                String suffix = pulls.size() == 1 ? "" : ":pr-" + number;
                items.add(item(suffix, repository, number, payload));
            }
        }
        return items.isEmpty() ? new Ignored("check suite has no pull request") : new Queued(items);
    }

    private static Routing installationWork(JsonNode payload) {
        JsonNode id = payload.path("installation").path("id");
        if (!id.canConvertToLong()) {
            return new Ignored("installation payload without installation id");
        }
        return new Queued(List.of(new WorkItem("", WorkKeys.installation(id.asLong()),
                Optional.empty(), Optional.empty(), Optional.of(id.asLong()))));
    }

    private static Routing single(JsonNode repository, int number, JsonNode payload) {
        if (!possibleName(repository)) {
            return impossibleName();
        }
        return new Queued(List.of(item("", repository, number, payload)));
    }

    /** A name is optional (the work key holds the repository's id), but one GitHub could not have means the payload is not GitHub's. */
    private static boolean possibleName(JsonNode repository) {
        JsonNode name = repository.path("full_name");
        return !name.isTextual() || GitHubNames.possibleRepository(name.textValue());
    }

    private static Routing impossibleName() {
        return new Ignored("the payload names a repository GitHub could not have (full_name is not owner/name)");
    }

    private static WorkItem item(String suffix, JsonNode repository, int number, JsonNode payload) {
        JsonNode installation = payload.path("installation").path("id");
        return new WorkItem(suffix, WorkKeys.pullRequest(repository.path("id").asLong(), number),
                Optional.ofNullable(repository.path("full_name").textValue()).filter(name -> !name.isEmpty()),
                Optional.of(number),
                installation.canConvertToLong() ? Optional.of(installation.asLong()) : Optional.empty());
    }
}

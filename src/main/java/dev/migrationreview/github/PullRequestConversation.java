package dev.migrationreview.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The conversation of one pull request as slash commands need it: reactions on a comment, a reply,
 * and who people are (their repository role and team memberships). Calls go through the
 * installation's client, so they share its write pacing, rate-limit guard and HTTP cache.
 */
public final class PullRequestConversation {

    /** The reactions GitHub accepts on a comment that commands use. */
    public enum Reaction {
        EYES("eyes"), THUMBS_UP("+1"), CONFUSED("confused");

        private final String content;

        Reaction(String content) {
            this.content = content;
        }
    }

    private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\\[bot])?");
    private static final Pattern SLUG = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,99}");
    private static final Set<String> ACTIVE = Set.of("active");

    private final GitHubRest rest;
    private final String repository;
    private final int number;

    public PullRequestConversation(InstallationClient client, String repository, int number) {
        this.rest = client.rest();
        this.repository = repository;
        this.number = number;
    }

    public void react(long commentId, Reaction reaction) throws IOException {
        rest.post("/repos/" + repository + "/issues/comments/" + commentId + "/reactions",
                JsonNodeFactory.instance.objectNode().put("content", reaction.content));
    }

    /** Posts a comment on the pull request and returns its id. */
    public long reply(String body) throws IOException {
        return rest.post("/repos/" + repository + "/issues/" + number + "/comments",
                JsonNodeFactory.instance.objectNode().put("body", TextLimits.cut(body, TextLimits.OUTPUT_LIMIT, "\n\n…cut.")))
                .path("id").asLong();
    }

    /**
     * {@code role_name} and {@code permission} of {@code login} on the repository; empty when
     * GitHub does not know the user. Read fresh (revalidated) every time.
     */
    public Optional<Permission> permission(String login) throws IOException {
        if (!LOGIN.matcher(login).matches()) {
            return Optional.empty();
        }
        return rest.find("/repos/" + repository + "/collaborators/" + login + "/permission")
                .map(json -> new Permission(json.path("role_name").asText(""), json.path("permission").asText("none")));
    }

    /** What the permission API said. */
    public record Permission(String roleName, String permission) {}

    /** Whether {@code login} is an active member of {@code organisation}'s team {@code team}; pending invitations are not. */
    public boolean isTeamMember(String organisation, String team, String login) throws IOException {
        if (!LOGIN.matcher(login).matches() || !SLUG.matcher(organisation).matches() || !SLUG.matcher(team).matches()) {
            return false;
        }
        Optional<JsonNode> membership = rest.find("/orgs/" + organisation + "/teams/" + team + "/memberships/" + login);
        return membership.map(json -> ACTIVE.contains(json.path("state").asText())).orElse(false);
    }
}

package dev.migrationreview.command;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A new comment on a pull request, read from an {@code issue_comment} payload.
 *
 * @param repository        {@code owner/name}
 * @param pullRequestAuthor who opened the pull request (an issue's author never changes)
 */
public record CommentEvent(String repository, int number, long commentId, String author, String body,
                           String pullRequestAuthor) {

    /** The comment of a created {@code issue_comment} event on a pull request; empty for anything else. */
    public static Optional<CommentEvent> read(JsonNode payload) {
        JsonNode comment = payload.path("comment");
        JsonNode issue = payload.path("issue");
        if (!payload.path("action").asText().equals("created") || !issue.has("pull_request")
                || !comment.path("id").canConvertToLong() || issue.path("number").asInt(0) <= 0) {
            return Optional.empty();
        }
        String repository = payload.path("repository").path("full_name").asText("");
        String author = comment.path("user").path("login").asText("");
        if (repository.isEmpty() || author.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CommentEvent(repository, issue.path("number").asInt(), comment.path("id").asLong(), author,
                comment.path("body").asText(""), issue.path("user").path("login").asText("")));
    }
}

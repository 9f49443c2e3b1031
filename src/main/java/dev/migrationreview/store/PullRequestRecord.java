package dev.migrationreview.store;

import java.util.Optional;

/**
 * What the bot has published on one pull request.
 *
 * @param summaryCommentId empty when no summary comment exists (none was needed yet)
 * @param summaryHash      hash of the summary comment's body, so an unchanged body is not re-sent
 */
public record PullRequestRecord(
        String prKey,
        String repository,
        int pullNumber,
        Optional<String> lastReviewedHead,
        Optional<Long> summaryCommentId,
        Optional<String> summaryHash) {
}

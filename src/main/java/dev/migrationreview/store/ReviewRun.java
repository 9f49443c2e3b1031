package dev.migrationreview.store;

import java.util.Optional;

/**
 * One review of one head of a pull request and how far its publishing got.
 *
 * @param id             random and unguessable: it is also the details page's address
 * @param checkRequested a check run was asked for (it may exist on GitHub even if {@code checkRunId} is empty)
 * @param annotationsSent annotations already appended to the check run (GitHub keeps them)
 * @param summaryRequested a summary comment was sent (it may exist even if not yet recorded)
 * @param reviewRequested a pull request review was sent (it may exist even if not yet recorded as published)
 */
public record ReviewRun(
        String id,
        String deliveryId,
        String prKey,
        String repository,
        int pullNumber,
        String headSha,
        long createdAt,
        Optional<Long> finishedAt,
        State state,
        Optional<Long> checkRunId,
        boolean checkRequested,
        int annotationsSent,
        boolean checkCompleted,
        boolean summaryRequested,
        boolean summaryPublished,
        boolean reviewRequested,
        boolean reviewPublished,
        Optional<String> conclusion,
        Optional<String> title) {

    public enum State { RUNNING, COMPLETED, CANCELLED }

    /** A publishing step, recorded the moment it happens. */
    public enum Step {
        CHECK_REQUESTED("check_requested"),
        CHECK_COMPLETED("check_completed"),
        SUMMARY_REQUESTED("summary_requested"),
        SUMMARY_PUBLISHED("summary_published"),
        REVIEW_REQUESTED("review_requested"),
        REVIEW_PUBLISHED("review_published");

        final String column;

        Step(String column) {
            this.column = column;
        }
    }
}

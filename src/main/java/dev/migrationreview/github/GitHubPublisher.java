package dev.migrationreview.github;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.migrationreview.report.MarkdownRenderer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;
import org.kohsuke.github.GHCheckRun;
import org.kohsuke.github.GHCheckRunBuilder;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestReview;
import org.kohsuke.github.GHPullRequestReviewBuilder;
import org.kohsuke.github.GHPullRequestReviewComment;
import org.kohsuke.github.GHPullRequestReviewEvent;
import org.kohsuke.github.GHRepository;

/**
 * Publishes a review on a pull request: the {@code migration-review} check run, the summary comment
 * and the batched line-comment review. Each method is one step the caller records in its store,
 * and each creation has a finder so that an interrupted step is recognised instead of repeated.
 */
public final class GitHubPublisher {

    public static final String CHECK_NAME = "migration-review";
    public static final String RERUN_IDENTIFIER = "rerun";
    /** The button asking for the database proof; GitHub shows buttons only to people with write access. */
    public static final String PROVE_IDENTIFIER = "prove";
    /** GitHub accepts at most this many annotations per check run request. */
    public static final int ANNOTATIONS_PER_REQUEST = 50;
    private static final String REVIEW_MARKER = "<!-- migration-review:review %s -->";

    /** A comment the bot posted earlier. */
    public record ExistingComment(long id, String body) {}

    public long startCheckRun(GHRepository repository, String headSha, String runId, String detailsUrl) throws IOException {
        GHCheckRun run = repository.createCheckRun(CHECK_NAME, headSha)
                .withStatus(GHCheckRun.Status.IN_PROGRESS)
                .withExternalID(runId)
                .withDetailsURL(detailsUrl)
                .withStartedAt(new Date())
                .add(new GHCheckRunBuilder.Output("Reviewing migrations…",
                        "migration-review is reading the migrations this pull request changes."))
                .create();
        return run.getId();
    }

    /** The check run created for review run {@code runId}, if an interrupted attempt created it. */
    public Optional<Long> findCheckRun(GHRepository repository, String headSha, String runId) throws IOException {
        for (GHCheckRun run : repository.getCheckRuns(headSha, Map.of("check_name", CHECK_NAME))) {
            if (runId.equals(run.getExternalId())) {
                return Optional.of(run.getId());
            }
        }
        return Optional.empty();
    }

    /**
     * Sends the annotations in batches of 50 (GitHub appends them) and completes the check run
     * with the last batch, the conclusion and the Re-run button.
     *
     * @param alreadySent annotations an interrupted attempt already sent
     * @param progress    told how many annotations are sent after each batch
     */
    public void completeCheckRun(GHRepository repository, long checkRunId, CheckRunOutput output, int alreadySent,
                                 IntConsumer progress) throws IOException {
        List<CheckRunOutput.Annotation> remaining = output.annotations()
                .subList(Math.min(alreadySent, output.annotations().size()), output.annotations().size());
        int sent = alreadySent;
        while (remaining.size() > ANNOTATIONS_PER_REQUEST) {
            List<CheckRunOutput.Annotation> batch = remaining.subList(0, ANNOTATIONS_PER_REQUEST);
            repository.updateCheckRun(checkRunId).add(output(output, batch)).create();
            sent += batch.size();
            progress.accept(sent);
            remaining = remaining.subList(ANNOTATIONS_PER_REQUEST, remaining.size());
        }
        repository.updateCheckRun(checkRunId)
                .withStatus(GHCheckRun.Status.COMPLETED)
                .withConclusion(GHCheckRun.Conclusion.valueOf(output.conclusion().toUpperCase(Locale.ROOT)))
                .withCompletedAt(new Date())
                .add(output(output, remaining))
                .add(new GHCheckRunBuilder.Action("Re-run", "Review this pull request again", RERUN_IDENTIFIER))
                .add(new GHCheckRunBuilder.Action("Prove on PostgreSQL", "Run the migrations on a real PostgreSQL",
                        PROVE_IDENTIFIER))
                .create();
        progress.accept(sent + remaining.size());
    }

    private static GHCheckRunBuilder.Output output(CheckRunOutput output, List<CheckRunOutput.Annotation> batch) {
        var result = new GHCheckRunBuilder.Output(output.title(), output.summary());
        if (!output.text().isEmpty()) {
            result.withText(output.text());
        }
        for (CheckRunOutput.Annotation a : batch) {
            var annotation = new GHCheckRunBuilder.Annotation(a.path(), a.startLine(), a.endLine(),
                    GHCheckRun.AnnotationLevel.valueOf(a.level().toUpperCase(Locale.ROOT)), a.message())
                    .withTitle(a.title());
            a.rawDetails().ifPresent(annotation::withRawDetails);
            result.add(annotation);
        }
        return result;
    }

    /** The bot's summary comment, found by its hidden marker. */
    public Optional<ExistingComment> findSummaryComment(GHPullRequest pr) throws IOException {
        for (GHIssueComment comment : pr.listComments().withPageSize(100)) {
            String body = comment.getBody();
            if (body != null && body.contains(MarkdownRenderer.MARKER) && isBot(comment.getUserName())) {
                return Optional.of(new ExistingComment(comment.getId(), body));
            }
        }
        return Optional.empty();
    }

    public long createComment(GHPullRequest pr, String body) throws IOException {
        return pr.comment(body).getId();
    }

    /**
     * Replaces a comment's body by id (github-api can only edit a comment it fetched first, which
     * would cost a request). False when the comment no longer exists.
     */
    public boolean editComment(GitHubRest rest, String repository, long commentId, String body) throws IOException {
        try {
            rest.patch("/repos/" + repository + "/issues/comments/" + commentId,
                    JsonNodeFactory.instance.objectNode().put("body", body));
            return true;
        } catch (GitHubApiException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the review for run {@code runId} exists (an interrupted attempt may have posted it). */
    public boolean reviewExists(GHPullRequest pr, String runId) throws IOException {
        String marker = REVIEW_MARKER.formatted(runId);
        for (GHPullRequestReview review : pr.listReviews().withPageSize(100)) {
            if (review.getBody() != null && review.getBody().contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** Fingerprints of the line comments the bot posted on this pull request before. */
    public Set<String> postedFingerprints(GHPullRequest pr) throws IOException {
        var bodies = new ArrayList<String>();
        for (GHPullRequestReviewComment comment : pr.listReviewComments().withPageSize(100)) {
            if (comment.getBody() != null) {
                bodies.add(comment.getBody());
            }
        }
        return LineComments.fingerprintsIn(bodies);
    }

    /** One review (event COMMENT) on {@code headSha} carrying every line comment. */
    public void createReview(GHPullRequest pr, String headSha, String runId, String body,
                             List<LineComments.LineComment> comments) throws IOException {
        GHPullRequestReviewBuilder review = pr.createReview()
                .commitId(headSha)
                .event(GHPullRequestReviewEvent.COMMENT)
                .body(REVIEW_MARKER.formatted(runId) + "\n" + body);
        for (LineComments.LineComment comment : comments) {
            if (comment.startLine().isPresent()) {
                review.multiLineComment(comment.body(), comment.path(), comment.startLine().get(), comment.line());
            } else {
                review.singleLineComment(comment.body(), comment.path(), comment.line());
            }
        }
        review.create();
    }

    private static boolean isBot(String login) {
        return login != null && login.endsWith("[bot]");
    }
}

package dev.migrationreview.policy;

import dev.migrationreview.policy.PullRequest.Review;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Whose approval holds. Each reviewer's latest decision counts (comments change nothing; a change
 * request or a dismissal takes an approval back). An approval holds while the guarded files
 * (the migrations, and the configuration when the pull request edits it) have the same content
 * as on the commit it was given on: blobs are compared, not commits, so a rebase that leaves the
 * migrations alone keeps it and a push that changes one drops it. The author's own approval does
 * not count unless the config allows it.
 */
final class ApprovalLedger {

    /** A reviewer whose approval does not count (taken back, outdated, or their own), and why. */
    record Dropped(String login, String reason) {}

    private final List<String> approvers;
    private final List<Dropped> dropped;

    private ApprovalLedger(List<String> approvers, List<Dropped> dropped) {
        this.approvers = List.copyOf(approvers);
        this.dropped = List.copyOf(dropped);
    }

    /**
     * @param guarded each guarded path with its blob id at head
     */
    static ApprovalLedger of(PullRequest pr, Map<String, String> guarded, BlobHistory history, boolean authorMayApprove) {
        var latest = new LinkedHashMap<String, Review>();
        pr.reviews().stream()
                .filter(r -> r.state() != Review.State.COMMENTED)
                .sorted(Comparator.comparing(Review::submittedAt))
                .forEach(r -> latest.put(r.author().toLowerCase(Locale.ROOT), r));
        var approvers = new ArrayList<String>();
        var dropped = new ArrayList<Dropped>();
        var blobsAt = new HashMap<String, Map<String, Optional<String>>>();
        for (Review review : latest.values()) {
            Optional<String> why = switch (review.state()) {
                case CHANGES_REQUESTED -> Optional.of("requested changes");
                case DISMISSED -> Optional.of("the approval was dismissed");
                case APPROVED -> !authorMayApprove && review.author().equalsIgnoreCase(pr.author())
                        ? Optional.of("is the pull request's author (approvals.author_may_approve is off)")
                        : changedSince(review.commitSha(), pr.headSha(), guarded, history, blobsAt);
                case COMMENTED -> throw new IllegalStateException("comments were filtered out");
            };
            if (why.isEmpty()) {
                approvers.add(review.author());
            } else {
                dropped.add(new Dropped(review.author(), why.get()));
            }
        }
        return new ApprovalLedger(approvers, dropped);
    }

    private static Optional<String> changedSince(String commit, String head, Map<String, String> guarded, BlobHistory history,
                                                 Map<String, Map<String, Optional<String>>> blobsAt) {
        if (commit.equalsIgnoreCase(head)) {
            return Optional.empty();
        }
        Map<String, Optional<String>> then = blobsAt.computeIfAbsent(commit, c -> new HashMap<>());
        List<String> changed = guarded.entrySet().stream()
                .filter(e -> !then.computeIfAbsent(e.getKey(), path -> history.blob(commit, path))
                        .map(e.getValue()::equalsIgnoreCase).orElse(false))
                .map(Map.Entry::getKey).sorted().toList();
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("approved " + Shas.abbreviate(commit) + ", and " + String.join(", ", changed)
                + (changed.size() == 1 ? " has" : " have") + " changed since");
    }

    List<String> approvers() {
        return approvers;
    }

    List<Dropped> dropped() {
        return dropped;
    }
}

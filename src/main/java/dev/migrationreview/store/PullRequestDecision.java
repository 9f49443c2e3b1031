package dev.migrationreview.store;

import java.util.Map;
import java.util.Optional;

/**
 * An approval, override or hold someone gave on a pull request with a slash command.
 *
 * @param subject         what it is about: an area name (approval), {@code rule-id} or {@code rule-id path:line}
 *                        (override); empty for a hold
 * @param reason          the reason given (required for an override, optional otherwise; may be empty)
 * @param headSha         the head commit when the command ran
 * @param migrationBlobs  the migration files at that head, path to git blob id: the content the decision is bound to
 * @param withdrawnBy     who took it back (unapprove, unhold), when someone did
 */
public record PullRequestDecision(
        long id,
        String prKey,
        Kind kind,
        String actor,
        String subject,
        String reason,
        String headSha,
        Map<String, String> migrationBlobs,
        long commentId,
        long createdAt,
        Optional<String> withdrawnBy,
        Optional<Long> withdrawnAt) {

    public PullRequestDecision {
        migrationBlobs = Map.copyOf(migrationBlobs);
    }

    public enum Kind { APPROVAL, OVERRIDE, HOLD }

    /** A decision to record: who, what, why, on which content. */
    public record New(String prKey, Kind kind, String actor, String subject, String reason, String headSha,
                      Map<String, String> migrationBlobs, long commentId) {
        public New {
            migrationBlobs = Map.copyOf(migrationBlobs);
        }
    }
}

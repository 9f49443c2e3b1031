package dev.migrationreview.rule;

import java.util.List;
import java.util.Set;

/**
 * Findings the engine itself raises (rather than a rule over operations): files it could not read,
 * suppressions without a reason or that matched nothing, and a rule that failed.
 */
public final class EngineChecks {

    private EngineChecks() {}

    public static final RuleDoc UNREADABLE_FILE = new RuleDoc(
            "unreadable-file",
            "A migration file, or part of it, could not be read",
            Severity.WARNING, Set.of(), "every database", "none",
            "Binary content, invalid UTF-8 or a malformed changelog hides operations from review: "
                    + "whatever it does reaches production unreviewed.",
            "Keep migrations as UTF-8 text in the framework's documented format.",
            "-- (a file with invalid UTF-8 bytes)",
            "-- (the same file saved as UTF-8)");

    public static final RuleDoc SUPPRESSION_WITHOUT_REASON = new RuleDoc(
            "suppression-without-reason",
            "A migration-review:ignore comment gives no reason",
            Severity.WARNING, Set.of(), "every database", "none",
            "A suppression is a decision another reviewer must be able to check; without a reason "
                    + "nobody can tell a judged risk from a silenced one.",
            "Say why the finding does not apply after the rule id.",
            "-- migration-review:ignore create-index-non-concurrently\nCREATE INDEX idx_users_email ON users (email);",
            "-- migration-review:ignore create-index-non-concurrently table has 40 rows (feature flags)\n"
                    + "CREATE INDEX idx_flags_name ON flags (name);");

    public static final RuleDoc UNUSED_SUPPRESSION = new RuleDoc(
            "unused-suppression",
            "A migration-review:ignore comment suppresses nothing",
            Severity.NOTICE, Set.of(), "every database", "none",
            "A suppression that matches no finding is stale or misspelt, and may silence a real "
                    + "finding later when the statement below it changes.",
            "Remove the comment, or fix the rule id.",
            "-- migration-review:ignore drop-column not needed\nCREATE TABLE t (id bigint);",
            "CREATE TABLE t (id bigint);");

    public static final RuleDoc RULE_ERROR = new RuleDoc(
            "rule-error",
            "A rule failed on this statement",
            Severity.NOTICE, Set.of(), "every database", "none",
            "The statement was not fully checked because a rule failed on it; the rest of the change was.",
            "Report the statement to the migration-review maintainers.",
            "-- (any statement)", "-- (any statement)");

    public static List<RuleDoc> all() {
        return List.of(UNREADABLE_FILE, SUPPRESSION_WITHOUT_REASON, UNUSED_SUPPRESSION, RULE_ERROR);
    }
}

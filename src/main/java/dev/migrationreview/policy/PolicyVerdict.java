package dev.migrationreview.policy;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one evaluation a check run and summary comment show: the conclusion and why, every
 * finding (the engine's, adjusted by the policy, and the policy's own), who must approve what,
 * the checklist, and whether an agent wrote the change. Renderers display it; they never decide.
 *
 * @param reasons       one sentence per thing that keeps the conclusion from success, most serious first
 * @param findings      in file and line order
 * @param approvals     one row per area touched, plus senior reviewers, CODEOWNERS and config owners when they apply
 * @param unownedTables tables the change touches that no area owns
 * @param releaseId     present when the pull request changes migrations
 * @param notes         things the evaluation could not use (a missing statistics export, a bad CODEOWNERS line)
 */
public record PolicyVerdict(
        Conclusion conclusion,
        List<String> reasons,
        List<Finding> findings,
        List<AreaApproval> approvals,
        List<UnownedTable> unownedTables,
        List<ChecklistItem> checklist,
        AiAuthorship ai,
        Optional<ReleaseId> releaseId,
        List<ConfigError> configErrors,
        List<String> notes) {

    public PolicyVerdict {
        reasons = List.copyOf(reasons);
        findings = List.copyOf(findings);
        approvals = List.copyOf(approvals);
        unownedTables = List.copyOf(unownedTables);
        checklist = List.copyOf(checklist);
        configErrors = List.copyOf(configErrors);
        notes = List.copyOf(notes);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** A check run's conclusion, from the worst to the best. */
    public enum Conclusion {
        FAILURE, ACTION_REQUIRED, NEUTRAL, SUCCESS;

        /** The value GitHub's checks API takes. */
        public String checkRun() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Who must approve what for one area (or for senior review, CODEOWNERS, or the config).
     *
     * @param name        the area's name, "senior reviewers", "CODEOWNERS (db/)" or "configuration"
     * @param tables      the tables of this area the change touches
     * @param required    whether the area's approval is needed for this change
     * @param requirement why it is (or is not) needed, e.g. "drop: DROP COLUMN at db/1.sql line 3"
     * @param approvedBy  owners whose approval holds
     * @param dropped     owners whose approval no longer holds, each with why
     */
    public record AreaApproval(String name, Kind kind, List<String> owners, Optional<String> service,
                               Optional<String> profile, List<String> tables, boolean required, String requirement,
                               List<String> approvedBy, List<String> dropped) {

        public enum Kind { AREA, SENIOR_REVIEWERS, CODEOWNERS, CONFIG_OWNERS }

        public AreaApproval {
            owners = List.copyOf(owners);
            tables = List.copyOf(tables);
            approvedBy = List.copyOf(approvedBy);
            dropped = List.copyOf(dropped);
        }

        public boolean missing() {
            return required && approvedBy.isEmpty();
        }

        /** What is missing, e.g. "an approval from @alice or a member of @acme/dba". */
        public Optional<String> whatIsMissing() {
            if (!missing()) {
                return Optional.empty();
            }
            if (!owners.isEmpty()) {
                return Optional.of("an approval from " + OwnerMatcher.describe(owners));
            }
            return Optional.of(switch (kind) {
                case SENIOR_REVIEWERS -> "a senior reviewer's approval, but senior_reviewers is empty: add them to the config";
                case CONFIG_OWNERS -> "an approval from someone other than the author (no config owners are configured)";
                case AREA, CODEOWNERS -> "an approval, but no owners are configured";
            });
        }
    }

    /** A table no area owns, and where the change touches it. */
    public record UnownedTable(String table, String firstTouch) {}

    /**
     * One checklist item.
     *
     * @param detail what was found, e.g. "names the workflow billing events"
     * @param fix    how to satisfy the item, when it is missing or flagged
     */
    public record ChecklistItem(String id, Status status, String detail, Optional<String> fix) {

        public enum Status {
            SATISFIED,
            MISSING,
            /** Reported as findings, whose severity decides (the stages item). */
            FLAGGED,
            NOT_APPLICABLE
        }
    }
}

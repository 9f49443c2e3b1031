package dev.migrationreview.server;

import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.rule.Severity;

/** The check run's conclusion for a finished review. */
final class Conclusions {

    private Conclusions() {}

    /**
     * failure when an error was found; action_required when part of the change could not be
     * reviewed (GitHub lists only 3,000 files) so someone must look; neutral for warnings only;
     * success otherwise.
     */
    static String of(ReviewReport report, boolean incomplete) {
        var result = report.result();
        if (report.verdict().failed() || result.count(Severity.ERROR) > 0) {
            return "failure";
        }
        if (incomplete) {
            return "action_required";
        }
        return result.count(Severity.WARNING) > 0 ? "neutral" : "success";
    }
}

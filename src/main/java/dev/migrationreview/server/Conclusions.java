package dev.migrationreview.server;

import dev.migrationreview.policy.PolicyVerdict.Conclusion;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.rule.Severity;

/** The check run's conclusion for a finished review. */
final class Conclusions {

    private Conclusions() {}

    /**
     * The policy's conclusion when it was evaluated; otherwise failure when an error was found,
     * neutral for warnings only, success otherwise. Either way, action_required instead of a
     * passing conclusion when part of the change could not be reviewed (GitHub lists only 3,000
     * files), so someone must look.
     */
    static String of(ReviewReport report, boolean incomplete) {
        if (report.policy().isPresent()) {
            Conclusion conclusion = report.policy().get().conclusion();
            boolean passing = conclusion == Conclusion.SUCCESS || conclusion == Conclusion.NEUTRAL;
            return (incomplete && passing ? Conclusion.ACTION_REQUIRED : conclusion).checkRun();
        }
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

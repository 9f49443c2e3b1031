package dev.migrationreview.report;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.policy.PolicyVerdict;
import dev.migrationreview.proof.ProofReport;
import dev.migrationreview.review.ReviewResult;
import java.util.List;
import java.util.Optional;

/**
 * Everything a renderer shows: what was reviewed, what the engine found, the verdict taken on it,
 * and configuration mistakes (the review still ran without the broken settings).
 *
 * @param subject what was reviewed, e.g. "feature against main (merge base 1a2b3c)" or "3 files"
 * @param policy  the policy's verdict when one was evaluated (the App); its findings are then the result's
 * @param proof   the database proof when one ran; its findings are then among the result's
 */
public record ReviewReport(String subject, ReviewResult result, Verdict verdict, List<ConfigError> configProblems,
                           Optional<PolicyVerdict> policy, Optional<ProofReport> proof) {

    public ReviewReport {
        configProblems = List.copyOf(configProblems);
    }

    /** A report without a policy evaluation (the command line). */
    public ReviewReport(String subject, ReviewResult result, Verdict verdict, List<ConfigError> configProblems) {
        this(subject, result, verdict, configProblems, Optional.empty(), Optional.empty());
    }

    public ReviewReport(String subject, ReviewResult result, Verdict verdict, List<ConfigError> configProblems,
                        Optional<PolicyVerdict> policy) {
        this(subject, result, verdict, configProblems, policy, Optional.empty());
    }
}

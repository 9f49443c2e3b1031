package dev.migrationreview.report;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.review.ReviewResult;
import java.util.List;

/**
 * Everything a renderer shows: what was reviewed, what the engine found, the verdict taken on it,
 * and configuration mistakes (the review still ran without the broken settings).
 *
 * @param subject what was reviewed, e.g. "feature against main (merge base 1a2b3c)" or "3 files"
 */
public record ReviewReport(String subject, ReviewResult result, Verdict verdict, List<ConfigError> configProblems) {

    public ReviewReport {
        configProblems = List.copyOf(configProblems);
    }
}

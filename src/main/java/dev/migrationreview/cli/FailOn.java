package dev.migrationreview.cli;

import dev.migrationreview.report.Verdict;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Severity;
import java.util.Locale;
import java.util.Optional;

/** {@code --fail-on}: the least severe finding that fails the run. */
enum FailOn {
    ERROR(Optional.of(Severity.ERROR)),
    WARNING(Optional.of(Severity.WARNING)),
    NOTICE(Optional.of(Severity.NOTICE)),
    NEVER(Optional.empty());

    private final Optional<Severity> threshold;

    FailOn(Optional<Severity> threshold) {
        this.threshold = threshold;
    }

    Verdict verdict(ReviewResult result) {
        if (threshold.isEmpty()) {
            return new Verdict(Verdict.Outcome.PASS, "Findings never fail this run (--fail-on never).");
        }
        Severity least = threshold.get();
        long failing = result.findings().stream().filter(f -> f.severity().atLeast(least)).count();
        String level = least.label();
        return failing == 0
                ? new Verdict(Verdict.Outcome.PASS, "No findings at or above " + level + ".")
                : new Verdict(Verdict.Outcome.FAIL, failing + (failing == 1 ? " finding" : " findings")
                        + " at or above " + level + ".");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}

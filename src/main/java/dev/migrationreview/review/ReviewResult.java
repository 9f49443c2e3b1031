package dev.migrationreview.review;

import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.util.Comparator;
import java.util.List;

/** The engine's output: every migration file of the change and every finding, in file and line order. */
public record ReviewResult(List<FileReview> files, List<Finding> findings) {

    public static final Comparator<Finding> ORDER = Comparator.comparing(Finding::path)
            .thenComparingInt(Finding::startLine)
            .thenComparing(Finding::severity)
            .thenComparing(Finding::ruleId);

    public ReviewResult {
        files = List.copyOf(files);
        findings = findings.stream().sorted(ORDER).toList();
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    public boolean hasFindingsAtLeast(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
    }
}

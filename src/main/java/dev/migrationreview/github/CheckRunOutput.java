package dev.migrationreview.github;

import dev.migrationreview.report.Headline;
import dev.migrationreview.report.MarkdownRenderer;
import dev.migrationreview.report.ReviewReport;
import dev.migrationreview.rule.Finding;
import java.util.List;
import java.util.Optional;

/**
 * What the completed check run shows: conclusion, title, summary and text within GitHub's
 * 65,535-character limits (cut with a link to the details page), and one annotation per finding.
 *
 * @param conclusion success, neutral, failure or action_required
 */
public record CheckRunOutput(String conclusion, String title, String summary, String text, List<Annotation> annotations,
                             int omittedAnnotations) {

    /** Annotations beyond this many are left to the summary and the details page. */
    public static final int MAX_ANNOTATIONS = 250;

    public CheckRunOutput {
        annotations = List.copyOf(annotations);
    }

    /** One annotation on migration lines; {@code level} is notice, warning or failure. */
    public record Annotation(String path, int startLine, int endLine, String level, String message, String title,
                             Optional<String> rawDetails) {}

    /**
     * Builds the output of a finished review.
     *
     * @param notes sentences the reader must see (e.g. that GitHub listed only part of the files)
     */
    public static CheckRunOutput of(ReviewReport report, String conclusion, String detailsUrl, List<String> notes) {
        var result = report.result();
        String title = Headline.of(report);
        String fullReport = "Full report: " + detailsUrl;
        var summary = new StringBuilder(report.verdict().reason()).append("\n\n");
        notes.forEach(note -> summary.append("> ").append(note).append("\n\n"));
        List<Finding> findings = result.findings();
        int omitted = Math.max(0, findings.size() - MAX_ANNOTATIONS);
        if (omitted > 0) {
            summary.append(Headline.plural(omitted, "more finding")).append(" than GitHub shows as annotations here are on the details page.\n\n");
        }
        summary.append("[").append(fullReport).append("](").append(detailsUrl).append(")\n");
        String cutNote = "\n\n… cut to fit GitHub's limit. " + fullReport + "\n";
        String text = result.files().isEmpty() ? "" : new MarkdownRenderer().render(report);
        List<Annotation> annotations = findings.stream().limit(MAX_ANNOTATIONS).map(CheckRunOutput::annotation).toList();
        return new CheckRunOutput(conclusion, TextLimits.prefixWithin(title, 250),
                TextLimits.cut(summary.toString(), TextLimits.OUTPUT_LIMIT, cutNote),
                TextLimits.cut(text, TextLimits.OUTPUT_LIMIT, cutNote), annotations, omitted);
    }

    private static Annotation annotation(Finding finding) {
        String level = switch (finding.severity()) {
            case ERROR -> "failure";
            case WARNING -> "warning";
            case NOTICE, OFF -> "notice";
        };
        String message = finding.message() + finding.lock().map(lock -> "\nLock: " + lock).orElse("");
        int start = Math.max(1, finding.startLine());
        return new Annotation(finding.path(), start, Math.max(start, finding.endLine()), level,
                TextLimits.cut(message, TextLimits.ANNOTATION_LIMIT, "…"),
                TextLimits.prefixWithin(finding.ruleId(), TextLimits.ANNOTATION_TITLE_LIMIT),
                finding.fix().map(fix -> TextLimits.cut(fix.code(), TextLimits.ANNOTATION_LIMIT, "…")));
    }
}

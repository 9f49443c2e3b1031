package dev.migrationreview.report;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;

/**
 * A compact terminal report: one line per finding ({@code path:line severity rule message}) with
 * the lock and the safe fix indented below it, then a summary line. Colour is the caller's choice
 * (on when standard output is a terminal).
 */
public final class TextRenderer implements Renderer {

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String DIM = "\u001b[2m";

    private final boolean colour;

    public TextRenderer(boolean colour) {
        this.colour = colour;
    }

    @Override
    public String render(ReviewReport report) {
        var out = new StringBuilder();
        for (ConfigError problem : report.configProblems()) {
            out.append(paint(BOLD, problem.file() + ":" + problem.line())).append(' ')
                    .append(paint(colourOf(Severity.WARNING), "config")).append(' ')
                    .append(plain(problem.message())).append('\n');
        }
        for (Finding finding : report.result().findings()) {
            appendFinding(out, finding);
        }
        for (FileReview file : report.result().files()) {
            file.note().ifPresent(note -> out.append(paint(BOLD, file.file().path())).append(' ')
                    .append(paint(DIM, "not analysed")).append(' ').append(plain(note)).append('\n'));
            file.parsed().ifPresent(parsed -> parsed.notes().forEach(note -> out
                    .append(paint(BOLD, file.file().path() + ":" + note.line())).append(' ')
                    .append(paint(DIM, "note")).append(' ').append(plain(note.message())).append('\n')));
        }
        var result = report.result();
        out.append(paint(report.verdict().failed() ? colourOf(Severity.ERROR) : "\u001b[32m",
                        report.verdict().failed() ? "FAIL" : "PASS"))
                .append(' ').append(Wording.plural(result.files().size(), "migration file"))
                .append(" reviewed (").append(plain(report.subject())).append("): ")
                .append(Wording.findingCounts(result)).append(". ").append(report.verdict().reason()).append('\n');
        return out.toString();
    }

    private void appendFinding(StringBuilder out, Finding finding) {
        out.append(paint(BOLD, finding.path() + ":" + finding.startLine())).append(' ')
                .append(paint(colourOf(finding.severity()), finding.severity().label())).append(' ')
                .append(paint(DIM, finding.ruleId())).append(' ')
                .append(plain(finding.message())).append('\n');
        finding.lock().ifPresent(lock -> out.append("    lock: ").append(plain(lock)).append('\n'));
        finding.fix().ifPresent(fix -> {
            out.append("    fix:\n");
            fix.code().strip().lines().forEach(line -> out.append("      ").append(plain(line)).append('\n'));
        });
    }

    private static String colourOf(Severity severity) {
        return switch (severity) {
            case ERROR -> "\u001b[31m";
            case WARNING -> "\u001b[33m";
            case NOTICE, OFF -> "\u001b[36m";
        };
    }

    private String paint(String style, String text) {
        return colour ? style + plain(text) + RESET : plain(text);
    }

    /** Text from a migration (identifiers, quoted SQL) must not smuggle escape sequences into the terminal. */
    private static String plain(String text) {
        var out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) && c != '\n' && c != '\t' ? '?' : c));
        return out.toString();
    }
}

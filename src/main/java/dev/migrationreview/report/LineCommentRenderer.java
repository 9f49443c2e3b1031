package dev.migrationreview.report;

import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;

/**
 * The body of a pull request line comment for one finding. When the comment spans exactly the
 * statement a fix replaces, the fix is a GitHub suggestion block (one click applies it);
 * otherwise it is shown as SQL to adapt.
 */
public final class LineCommentRenderer {

    public String render(Finding finding, boolean asSuggestion) {
        var out = new StringBuilder();
        out.append(switch (finding.severity()) {
            case ERROR -> "❌";
            case WARNING -> "⚠️";
            case NOTICE, OFF -> "ℹ️";
        }).append(" **").append(finding.severity() == Severity.OFF ? "notice" : finding.severity().label())
                .append("** · ").append(Markdown.code(finding.ruleId())).append("\n\n")
                .append(Markdown.text(finding.message())).append('\n');
        finding.lock().ifPresent(lock -> out.append("\nLock: ").append(Markdown.text(lock)).append('\n'));
        finding.fix().ifPresent(fix -> {
            if (asSuggestion && fix.replacesStatement()) {
                out.append("\nSafe version:\n\n").append(Markdown.block("suggestion", fix.code()));
            } else {
                out.append(fix.replacesStatement() ? "\nSafe version:\n\n" : "\nSafe alternative:\n\n")
                        .append(Markdown.block("sql", fix.code()));
            }
        });
        return out.toString();
    }
}

package dev.migrationreview.report;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * The pull request summary comment: a hidden marker (so the App finds and updates its own comment),
 * the verdict, a table of migration files, findings grouped by file with the lock and the safe fix,
 * and the files recognised but not analysed. Stays under GitHub's comment size limit by leaving out
 * the last findings with a note saying how many.
 */
public final class MarkdownRenderer implements Renderer {

    public static final String MARKER = "<!-- migration-review -->";
    public static final int GITHUB_COMMENT_LIMIT = 65_535;
    static final int MAX_TABLE_ROWS = 100;
    /** Room kept for the note that says what was left out. */
    private static final int TRUNCATION_NOTE_ROOM = 400;

    private final int limit;

    public MarkdownRenderer() {
        this(GITHUB_COMMENT_LIMIT);
    }

    /** A renderer that stays within {@code limit} characters, leaving room for a section the caller appends. */
    public MarkdownRenderer(int limit) {
        this.limit = limit;
    }

    /** A piece of the body and how many findings it shows, so a cut can say what it left out. */
    private record Block(String text, int findings) {}

    @Override
    public String render(ReviewReport report) {
        var out = new StringBuilder(head(report));
        report.policy().ifPresent(policy -> out.append(PolicySection.render(policy)));
        report.proof().ifPresent(proof -> out.append(ProofMarkdown.render(proof)));
        List<Block> blocks = body(report.result());
        int shown = 0;
        for (Block block : blocks) {
            if (out.length() + block.text().length() > limit - TRUNCATION_NOTE_ROOM) {
                break;
            }
            out.append(block.text());
            shown++;
        }
        if (shown < blocks.size()) {
            int omittedFindings = blocks.subList(shown, blocks.size()).stream().mapToInt(Block::findings).sum();
            out.append("\n---\n_This comment is cut short to fit GitHub's limit of ").append(GITHUB_COMMENT_LIMIT)
                    .append(" characters: ").append(Wording.plural(omittedFindings, "more finding"))
                    .append(" not shown. Run `migration-review review` locally, or see the check run, for the full list._\n");
        }
        return out.toString();
    }

    private static String head(ReviewReport report) {
        ReviewResult result = report.result();
        var out = new StringBuilder(MARKER).append('\n');
        out.append(report.verdict().failed() ? "### ❌ Migration review: changes needed\n\n" : "### ✅ Migration review: passed\n\n");
        out.append("**").append(Wording.findingCounts(result)).append("** in ")
                .append(Wording.plural(result.files().size(), "migration file")).append(" (")
                .append(Markdown.text(report.subject())).append(").");
        // With a policy, its section below lists every reason; the line would only repeat them.
        if (report.policy().isEmpty()) {
            out.append(' ').append(Markdown.text(report.verdict().reason()));
        }
        out.append('\n');
        for (ConfigError problem : report.configProblems()) {
            out.append("\n> ⚠️ Configuration ").append(Markdown.code(problem.file())).append(" line ").append(problem.line())
                    .append(": ").append(Markdown.text(problem.message()))
                    .append(" (the review ran without this setting)\n");
        }
        return out.toString();
    }

    private static List<Block> body(ReviewResult result) {
        var blocks = new ArrayList<Block>();
        if (!result.files().isEmpty()) {
            blocks.add(new Block(fileTable(result.files()), 0));
        }
        var byFile = new LinkedHashMap<String, List<Finding>>();
        result.findings().forEach(f -> byFile.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(f));
        byFile.forEach((path, findings) -> {
            blocks.add(new Block("\n#### " + Markdown.code(path) + "\n", 0));
            findings.forEach(finding -> blocks.add(new Block(finding(finding), 1)));
        });
        List<FileReview> withNotes = result.files().stream()
                .filter(f -> f.parsed().map(p -> !p.notes().isEmpty()).orElse(false)).toList();
        if (!withNotes.isEmpty()) {
            blocks.add(new Block("\n#### Notes\n\n", 0));
            withNotes.forEach(file -> file.parsed().orElseThrow().notes().forEach(note -> blocks.add(new Block(
                    "- " + Markdown.code(file.file().path()) + " line " + note.line() + ": " + Markdown.text(note.message()) + "\n", 0))));
        }
        List<FileReview> notAnalysed = result.files().stream().filter(f -> f.note().isPresent()).toList();
        if (!notAnalysed.isEmpty()) {
            blocks.add(new Block("\n#### Recognised but not analysed\n\n| File | Framework | Reason |\n|---|---|---|\n", 0));
            notAnalysed.forEach(file -> blocks.add(new Block("| " + Markdown.code(Markdown.cell(file.file().path())) + " | "
                    + file.file().framework().displayName() + " | "
                    + Markdown.cell(Markdown.text(file.note().orElseThrow())) + " |\n", 0)));
        }
        return blocks;
    }

    private static String fileTable(List<FileReview> files) {
        var out = new StringBuilder("\n| File | Framework | Dialect | Statements | Unparsed |\n|---|---|---|---:|---:|\n");
        for (FileReview file : files.subList(0, Math.min(files.size(), MAX_TABLE_ROWS))) {
            out.append("| ").append(Markdown.code(Markdown.cell(file.file().path())))
                    .append(" | ").append(file.file().framework().displayName())
                    .append(" | ").append(file.file().dialect().label())
                    .append(" | ").append(file.note().isPresent() ? "–" : String.valueOf(file.statementCount()))
                    .append(" | ").append(file.note().isPresent() ? "–" : String.valueOf(file.unparsedCount()))
                    .append(" |\n");
        }
        if (files.size() > MAX_TABLE_ROWS) {
            out.append("\n_…and ").append(Wording.plural(files.size() - MAX_TABLE_ROWS, "more file")).append("._\n");
        }
        return out.toString();
    }

    private static String finding(Finding finding) {
        var out = new StringBuilder("\n").append(icon(finding.severity())).append(" **").append(finding.severity().label())
                .append("** · ").append(lines(finding)).append(" · ").append(Markdown.code(finding.ruleId())).append("  \n")
                .append(Markdown.text(finding.message())).append('\n');
        finding.lock().ifPresent(lock -> out.append("\nLock: ").append(Markdown.text(lock)).append('\n'));
        finding.fix().ifPresent(fix -> out.append(fix.replacesStatement() ? "\nSafe version:\n\n" : "\nSafe alternative:\n\n")
                .append(Markdown.block("sql", fix.code())));
        return out.toString();
    }

    private static String lines(Finding finding) {
        return finding.endLine() > finding.startLine()
                ? "lines " + finding.startLine() + "–" + finding.endLine()
                : "line " + finding.startLine();
    }

    private static String icon(Severity severity) {
        return switch (severity) {
            case ERROR -> "❌";
            case WARNING -> "⚠️";
            case NOTICE, OFF -> "ℹ️";
        };
    }
}

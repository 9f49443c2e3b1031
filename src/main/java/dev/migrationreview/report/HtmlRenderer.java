package dev.migrationreview.report;

import dev.migrationreview.config.ConfigError;
import dev.migrationreview.proof.PlanComparison;
import dev.migrationreview.proof.ProofReport;
import dev.migrationreview.proof.RollbackResult;
import dev.migrationreview.proof.StatementTrace;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full review as one self-contained HTML page (the App's details page, linked from the check
 * run): every finding with its source lines, lock and safe alternative, without GitHub's size
 * limits. No scripts and no external resources; every piece of repository text is escaped.
 */
public final class HtmlRenderer implements Renderer {

    /** Lines of source shown around a finding at most; longer statements are cut with a note. */
    static final int MAX_SOURCE_LINES = 40;
    /**
     * Characters of one source line shown at most. Every finding on a line shows it again, so a
     * megabyte line with thousands of statements on it would otherwise make a page of gigabytes.
     */
    static final int MAX_LINE_CHARACTERS = 400;

    private static final String STYLE = """
            body{font:14px/1.5 -apple-system,BlinkMacSystemFont,"Segoe UI",Helvetica,Arial,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
            main{max-width:1100px;margin:0 auto;padding:24px}
            header{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:16px 20px;margin-bottom:16px}
            h1{font-size:20px;margin:0 0 8px} h2{font-size:16px;margin:24px 0 8px} h3{font-size:15px;margin:0}
            .verdict-fail{color:#cf222e} .verdict-pass{color:#1a7f37}
            table{border-collapse:collapse;width:100%;background:#fff} th,td{border:1px solid #d0d7de;padding:6px 10px;text-align:left}
            td.num{text-align:right}
            .finding{background:#fff;border:1px solid #d0d7de;border-left-width:4px;border-radius:6px;padding:12px 16px;margin:8px 0}
            .finding.error{border-left-color:#cf222e} .finding.warning{border-left-color:#bf8700} .finding.notice{border-left-color:#0969da}
            .badge{display:inline-block;font-size:12px;font-weight:600;border-radius:12px;padding:0 8px;color:#fff}
            .badge.error{background:#cf222e} .badge.warning{background:#9a6700} .badge.notice{background:#0969da}
            pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:8px 12px;overflow-x:auto;font-size:12px}
            code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
            .problem{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:8px 12px;margin:8px 0}
            """;

    @Override
    public String render(ReviewReport report) {
        ReviewResult result = report.result();
        var out = new StringBuilder(8192 + result.findings().size() * 600);
        out.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Migration review: ").append(escape(report.subject())).append("</title>")
                .append("<style>").append(STYLE).append("</style></head><body><main>\n");
        header(report, out);
        for (ConfigError problem : report.configProblems()) {
            out.append("<div class=\"problem\">Configuration <code>").append(escape(problem.file())).append("</code> line ")
                    .append(problem.line()).append(": ").append(escape(problem.message()))
                    .append(" (the review ran without this setting)</div>\n");
        }
        files(result.files(), out);
        report.proof().ifPresent(proof -> proof(proof, out));
        findings(result, out);
        out.append("</main></body></html>\n");
        return out.toString();
    }

    private static void header(ReviewReport report, StringBuilder out) {
        boolean failed = report.verdict().failed();
        out.append("<header><h1 class=\"").append(failed ? "verdict-fail" : "verdict-pass").append("\">")
                .append(failed ? "Migration review: changes needed" : "Migration review: passed").append("</h1>")
                .append("<p><strong id=\"counts\">").append(escape(Wording.findingCounts(report.result())))
                .append("</strong> in ").append(escape(Wording.plural(report.result().files().size(), "migration file")))
                .append(" · ").append(escape(report.subject())).append("</p><p>")
                .append(escape(report.verdict().reason())).append("</p></header>\n");
    }

    /** Every statement the proof ran, with the locks it took on existing tables, rewrites and errors. */
    private static void proof(ProofReport proof, StringBuilder out) {
        out.append("<h2 id=\"proof\">Database proof</h2>\n<p>").append(escape(proof.server())).append(", ")
                .append(proof.elapsed().toMillis()).append(" ms</p>\n");
        proof.failure().ifPresent(f -> out.append("<div class=\"problem\">").append(escape(f)).append("</div>\n"));
        out.append("<table><thead><tr><th>Where</th><th>Locks on existing tables</th><th>Blocks</th><th>Held</th>")
                .append("<th>Rewrites</th><th>Error</th></tr></thead><tbody>\n");
        for (StatementTrace t : proof.statements()) {
            out.append("<tr><td><code>").append(escape(t.path() + ":" + t.line())).append("</code></td><td>")
                    .append(escape(t.dangerousLocksText()))
                    .append("</td><td>").append(escape(String.join(", ", t.blockedStatements())))
                    .append("</td><td class=\"num\">").append(t.dangerousLocks().isEmpty() ? "" : t.heldFor().toMillis() + " ms")
                    .append("</td><td>").append(escape(String.join(", ", t.rewritten())))
                    .append("</td><td>").append(escape(t.error().orElse(""))).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
        for (RollbackResult r : proof.rollbacks()) {
            out.append("<p>Rollback <code>").append(escape(r.rollbackPath())).append("</code>: ")
                    .append(escape(r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))).append("</p>\n");
            if (!r.differences().isEmpty()) {
                out.append("<pre>").append(escape(String.join("\n", r.differences()))).append("</pre>\n");
            }
        }
        for (PlanComparison plan : proof.plans()) {
            out.append("<p>Query <code>").append(escape(plan.query().name())).append("</code>: ")
                    .append(escape(plan.regressed() ? "regressed: " + String.join("; ", plan.regressions()) : "plan holds"))
                    .append("</p>\n");
        }
    }

    private static void files(List<FileReview> files, StringBuilder out) {
        if (files.isEmpty()) {
            out.append("<p>This change has no migration files.</p>\n");
            return;
        }
        out.append("<h2>Migration files</h2>\n<table><thead><tr><th>File</th><th>Framework</th><th>Dialect</th>")
                .append("<th>Statements</th><th>Unparsed</th><th>Note</th></tr></thead><tbody>\n");
        for (FileReview file : files) {
            boolean analysed = file.note().isEmpty();
            out.append("<tr><td><code>").append(escape(file.file().path())).append("</code></td><td>")
                    .append(escape(file.file().framework().displayName())).append("</td><td>")
                    .append(escape(file.file().dialect().label())).append("</td><td class=\"num\">")
                    .append(analysed ? String.valueOf(file.statementCount()) : "–").append("</td><td class=\"num\">")
                    .append(analysed ? String.valueOf(file.unparsedCount()) : "–").append("</td><td>")
                    .append(escape(file.note().orElse(""))).append("</td></tr>\n");
        }
        out.append("</tbody></table>\n");
    }

    private static void findings(ReviewResult result, StringBuilder out) {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        for (FileReview file : result.files()) {
            sources.put(file.file().path(), lines(file.file().source().content()));
        }
        var byFile = new LinkedHashMap<String, List<Finding>>();
        result.findings().forEach(f -> byFile.computeIfAbsent(f.path(), p -> new ArrayList<>()).add(f));
        if (byFile.isEmpty()) {
            return;
        }
        out.append("<h2>Findings</h2>\n");
        byFile.forEach((path, findings) -> {
            out.append("<section class=\"file\"><h3><code>").append(escape(path)).append("</code></h3>\n");
            for (Finding finding : findings) {
                finding(finding, sources.getOrDefault(path, List.of()), out);
            }
            out.append("</section>\n");
        });
    }

    private static void finding(Finding finding, List<String> source, StringBuilder out) {
        String level = finding.severity() == Severity.OFF ? "notice" : finding.severity().label();
        out.append("<div class=\"finding ").append(level).append("\" data-rule=\"").append(escape(finding.ruleId()))
                .append("\"><p><span class=\"badge ").append(level).append("\">").append(level).append("</span> ")
                .append(finding.endLine() > finding.startLine()
                        ? "lines " + finding.startLine() + "–" + finding.endLine()
                        : "line " + finding.startLine())
                .append(" · <code>").append(escape(finding.ruleId())).append("</code></p>\n<p class=\"message\">")
                .append(escape(finding.message())).append("</p>\n");
        if (finding.startLine() >= 1 && finding.startLine() <= source.size()) {
            int end = Math.min(Math.min(finding.endLine(), source.size()), finding.startLine() + MAX_SOURCE_LINES - 1);
            out.append("<pre class=\"source\"><code>");
            for (int line = finding.startLine(); line <= end; line++) {
                out.append(String.format("%5d  ", line)).append(escape(shortened(source.get(line - 1)))).append('\n');
            }
            if (end < finding.endLine()) {
                out.append("       … ").append(finding.endLine() - end).append(" more lines\n");
            }
            out.append("</code></pre>\n");
        }
        finding.lock().ifPresent(lock -> out.append("<p>Lock: ").append(escape(lock)).append("</p>\n"));
        finding.fix().ifPresent(fix -> out.append("<p>").append(fix.replacesStatement() ? "Safe version:" : "Safe alternative:")
                .append("</p><pre class=\"fix\"><code>").append(escape(fix.code().strip())).append("</code></pre>\n"));
        out.append("</div>\n");
    }

    private static String shortened(String line) {
        if (line.length() <= MAX_LINE_CHARACTERS) {
            return line;
        }
        int cut = Character.isHighSurrogate(line.charAt(MAX_LINE_CHARACTERS - 1)) ? MAX_LINE_CHARACTERS - 1 : MAX_LINE_CHARACTERS;
        return line.substring(0, cut) + " … " + (line.length() - cut) + " more characters";
    }

    private static List<String> lines(byte[] content) {
        return List.of(new String(content, StandardCharsets.UTF_8).split("\r?\n", -1));
    }

    /** Text as HTML character data or attribute value. */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

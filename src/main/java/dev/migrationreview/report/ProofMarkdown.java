package dev.migrationreview.report;

import dev.migrationreview.proof.PlanComparison;
import dev.migrationreview.proof.ProofReport;
import dev.migrationreview.proof.RollbackResult;
import dev.migrationreview.proof.StatementTrace;

/**
 * A database proof as Markdown: a compact lock table (one row per statement that locked or
 * rewrote an existing table, or failed), then rollbacks and query plans. It shows the report; the
 * findings it implies come from {@link dev.migrationreview.proof.ProofChecks}.
 */
public final class ProofMarkdown {

    private static final int SQL_PREVIEW = 80;

    private ProofMarkdown() {}

    public static String render(ProofReport report) {
        var out = new StringBuilder();
        out.append("### Database proof\n\n");
        out.append("Applied to a throwaway ").append(Markdown.cell(report.server())).append(" database in ")
                .append(report.elapsed().toMillis()).append(" ms.\n\n");
        report.failure().ifPresent(f -> out.append("> **The proof did not finish:** ").append(Markdown.text(f)).append("\n\n"));
        locks(report, out);
        rollbacks(report, out);
        plans(report, out);
        if (!report.notProved().isEmpty()) {
            out.append("Not proved:\n");
            report.notProved().forEach(n -> out.append("- ").append(Markdown.text(n)).append('\n'));
            out.append('\n');
        }
        return out.toString();
    }

    private static void locks(ProofReport report, StringBuilder out) {
        var notable = report.statements().stream()
                .filter(t -> t.failed() || !t.dangerousLocks().isEmpty() || !t.rewritten().isEmpty()).toList();
        out.append(report.statements().size()).append(" statements ran; ").append(notable.size())
                .append(notable.size() == 1 ? " needs" : " need").append(" attention.\n\n");
        if (notable.isEmpty()) {
            return;
        }
        out.append("| where | statement | locks on existing tables | blocks | held | rewrite |\n");
        out.append("|---|---|---|---|---|---|\n");
        for (StatementTrace t : notable) {
            String locks = t.error().map(e -> "failed: " + e)
                    .orElseGet(t::dangerousLocksText);
            String blocks = String.join(", ", t.blockedStatements());
            out.append("| ").append(Markdown.cell(t.path() + ":" + t.line()))
                    .append(" | ").append(Markdown.code(preview(t.sql())))
                    .append(" | ").append(Markdown.cell(locks))
                    .append(" | ").append(blocks)
                    .append(" | ").append(t.dangerousLocks().isEmpty() ? "" : t.heldFor().toMillis() + " ms")
                    .append(" | ").append(Markdown.cell(String.join(", ", t.rewritten())))
                    .append(" |\n");
        }
        out.append('\n');
    }

    private static void rollbacks(ProofReport report, StringBuilder out) {
        for (RollbackResult r : report.rollbacks()) {
            String verdict = switch (r.status()) {
                case RESTORED -> "restores the schema (up, down, up)";
                case NOT_RESTORED -> "does **not** restore the schema";
                case FAILED -> "**failed**";
            };
            out.append("- Rollback ").append(Markdown.code(r.rollbackPath())).append(" of ").append(Markdown.code(r.path()))
                    .append(": ").append(verdict).append('\n');
            if (!r.differences().isEmpty()) {
                out.append(Markdown.block("diff", String.join("\n", r.differences())));
            }
            r.error().ifPresent(e -> out.append("  ").append(Markdown.text(e)).append('\n'));
        }
        if (!report.rollbacks().isEmpty()) {
            out.append('\n');
        }
    }

    private static void plans(ProofReport report, StringBuilder out) {
        for (PlanComparison plan : report.plans()) {
            out.append("- Query ").append(Markdown.code(plan.query().name())).append(" (").append(Markdown.text(plan.query().workflow()))
                    .append("): ").append(plan.regressed() ? "**regressed**: " + Markdown.text(String.join("; ", plan.regressions()))
                            : "plan holds").append('\n');
            if (plan.regressed()) {
                plan.before().ifPresent(p -> out.append("<details><summary>plan before</summary>\n\n")
                        .append(Markdown.block("json", p.json())).append("</details>\n"));
                plan.after().ifPresent(p -> out.append("<details><summary>plan after</summary>\n\n")
                        .append(Markdown.block("json", p.json())).append("</details>\n"));
            }
        }
        if (!report.plans().isEmpty()) {
            out.append('\n');
        }
    }

    private static String preview(String sql) {
        String oneLine = sql.strip().replaceAll("\\s+", " ");
        return oneLine.length() <= SQL_PREVIEW ? oneLine : oneLine.substring(0, SQL_PREVIEW - 1) + "…";
    }
}

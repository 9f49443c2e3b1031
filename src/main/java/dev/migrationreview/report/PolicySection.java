package dev.migrationreview.report;

import dev.migrationreview.policy.PolicyVerdict;
import dev.migrationreview.policy.PolicyVerdict.AreaApproval;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem;
import dev.migrationreview.policy.PolicyVerdict.UnownedTable;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy's verdict in Markdown, for the summary comment and the check run: the conclusion and
 * every reason, whether an agent wrote the change, the release id, one table row per area (owners,
 * whether their approval is required and why, who approved, what is missing), unowned tables and
 * the checklist with how to fix what is missing. It shows the verdict; it decides nothing.
 */
public final class PolicySection {

    static final int MAX_ROWS = 50;

    private PolicySection() {}

    public static String render(PolicyVerdict verdict) {
        var out = new StringBuilder("\n#### Policy: ").append(conclusion(verdict.conclusion())).append("\n\n");
        verdict.reasons().forEach(reason -> out.append("- ").append(Markdown.text(reason)).append('\n'));
        if (!verdict.reasons().isEmpty()) {
            out.append('\n');
        }
        out.append("Findings: ").append(counts(verdict)).append('\n');
        if (verdict.ai().detected()) {
            out.append("\n🤖 **AI-authored**: ").append(Markdown.text(String.join("; ", verdict.ai().signals())))
                    .append(". The stricter bar for agents applies.\n");
        }
        verdict.releaseId().ifPresent(id -> out.append("\nRelease id: ").append(Markdown.code(id.value()))
                .append(" (reference ").append(Markdown.code(id.stablePart()))
                .append(" in the deploy notes; tag the rollout's logs, metrics and traces with it)\n"));
        approvals(verdict.approvals(), out);
        unowned(verdict.unownedTables(), out);
        checklist(verdict.checklist(), out);
        if (!verdict.notes().isEmpty()) {
            out.append("\n<details><summary>Notes</summary>\n\n");
            verdict.notes().forEach(note -> out.append("- ").append(Markdown.text(note)).append('\n'));
            out.append("\n</details>\n");
        }
        return out.toString();
    }

    private static String conclusion(PolicyVerdict.Conclusion conclusion) {
        return switch (conclusion) {
            case SUCCESS -> "✅ success";
            case NEUTRAL -> "⚠️ neutral";
            case ACTION_REQUIRED -> "⏳ action required";
            case FAILURE -> "❌ failure";
        };
    }

    private static String counts(PolicyVerdict verdict) {
        var parts = new ArrayList<String>();
        for (Severity severity : new Severity[] {Severity.ERROR, Severity.WARNING, Severity.NOTICE}) {
            parts.add(Wording.plural(verdict.count(severity), severity.label()));
        }
        return String.join(", ", parts);
    }

    private static void approvals(List<AreaApproval> approvals, StringBuilder out) {
        if (approvals.isEmpty()) {
            return;
        }
        out.append("\n| Area | Owners | Required | Approved by | Missing |\n|---|---|---|---|---|\n");
        for (AreaApproval area : approvals.subList(0, Math.min(MAX_ROWS, approvals.size()))) {
            var name = new StringBuilder(Markdown.cell(Markdown.text(area.name())));
            var about = new ArrayList<String>();
            area.service().ifPresent(about::add);
            area.profile().ifPresent(about::add);
            if (!about.isEmpty()) {
                name.append(" (").append(Markdown.cell(Markdown.text(String.join(", ", about)))).append(')');
            }
            if (!area.tables().isEmpty()) {
                name.append("<br>").append(Markdown.cell(String.join(", ", area.tables().stream().map(Markdown::code).toList())));
            }
            String owners = area.owners().isEmpty() ? "–" : String.join(", ", area.owners().stream().map(PolicySection::owner).toList());
            String required = (area.required() ? "**yes**: " : "no: ") + Markdown.cell(Markdown.text(area.requirement()));
            var approved = new StringBuilder(area.approvedBy().isEmpty() ? "–"
                    : String.join(", ", area.approvedBy().stream().map(login -> "@" + login).toList()));
            area.dropped().forEach(d -> approved.append("<br>~~").append(Markdown.cell(Markdown.text(d))).append("~~"));
            String missing = area.whatIsMissing().map(m -> "❌ " + Markdown.cell(Markdown.text(m))).orElse("✅");
            out.append("| ").append(name).append(" | ").append(Markdown.cell(owners)).append(" | ").append(required)
                    .append(" | ").append(approved).append(" | ").append(missing).append(" |\n");
        }
        if (approvals.size() > MAX_ROWS) {
            out.append("\n_…and ").append(Wording.plural(approvals.size() - MAX_ROWS, "more area")).append("._\n");
        }
    }

    private static String owner(String owner) {
        return owner.startsWith("@") || owner.contains("@") ? owner : "@" + owner;
    }

    private static void unowned(List<UnownedTable> tables, StringBuilder out) {
        if (tables.isEmpty()) {
            return;
        }
        out.append("\nTables no area owns: ");
        out.append(String.join(", ", tables.stream().limit(MAX_ROWS)
                .map(t -> Markdown.code(t.table()) + " (" + Markdown.text(t.firstTouch()) + ")").toList()));
        if (tables.size() > MAX_ROWS) {
            out.append(" and ").append(tables.size() - MAX_ROWS).append(" more");
        }
        out.append('\n');
    }

    private static void checklist(List<ChecklistItem> items, StringBuilder out) {
        if (items.isEmpty()) {
            return;
        }
        out.append("\n**Checklist**\n\n");
        for (ChecklistItem item : items) {
            out.append(switch (item.status()) {
                case SATISFIED -> "- [x] " + Markdown.code(item.id());
                case NOT_APPLICABLE -> "- [x] " + Markdown.code(item.id()) + " (not needed)";
                case MISSING -> "- [ ] " + Markdown.code(item.id()) + " **missing**";
                case FLAGGED -> "- [ ] " + Markdown.code(item.id()) + " **flagged**";
            }).append(": ").append(Markdown.text(item.detail()));
            item.fix().ifPresent(fix -> out.append(" — ").append(Markdown.text(fix)));
            out.append('\n');
        }
    }
}

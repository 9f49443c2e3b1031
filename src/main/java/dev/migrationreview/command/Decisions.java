package dev.migrationreview.command;

import dev.migrationreview.policy.PolicyVerdict;
import dev.migrationreview.policy.PullRequest;
import dev.migrationreview.policy.PullRequest.Review;
import dev.migrationreview.report.Markdown;
import dev.migrationreview.review.ReviewResult;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import dev.migrationreview.store.PullRequestDecision;
import dev.migrationreview.store.PullRequestDecision.Kind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The approvals, overrides and holds in force on one head of a pull request, and those that
 * lapsed because the migrations changed since they were given (like a review approval, a
 * decision is bound to the content it saw). Applied to a review: an overridden finding no longer
 * fails the check, an approval counts as the person's review, and a hold keeps the check failing.
 */
public final class Decisions {

    /** The summary comment keeps most of GitHub's 65,535 characters for the findings. */
    static final int MAX_SECTION = 12_000;

    /** A decision that no longer holds, and why. */
    public record Lapsed(PullRequestDecision decision, String why) {}

    private final List<PullRequestDecision> inForce;
    private final List<Lapsed> lapsed;

    private Decisions(List<PullRequestDecision> inForce, List<Lapsed> lapsed) {
        this.inForce = List.copyOf(inForce);
        this.lapsed = List.copyOf(lapsed);
    }

    /**
     * Sorts the decisions not withdrawn into those in force and those outdated.
     *
     * @param migrationBlobs the migration files at the head being reviewed (see {@link MigrationBlobs})
     */
    public static Decisions judge(List<PullRequestDecision> active, Map<String, String> migrationBlobs) {
        var inForce = new ArrayList<PullRequestDecision>();
        var lapsed = new ArrayList<Lapsed>();
        for (PullRequestDecision decision : active) {
            List<String> changed = changedFiles(decision.migrationBlobs(), migrationBlobs);
            if (changed.isEmpty()) {
                inForce.add(decision);
            } else {
                lapsed.add(new Lapsed(decision, "given on " + shortSha(decision.headSha()) + "; since then "
                        + String.join(", ", changed) + (changed.size() == 1 ? " has" : " have") + " changed"));
            }
        }
        return new Decisions(inForce, lapsed);
    }

    private static List<String> changedFiles(Map<String, String> then, Map<String, String> now) {
        var paths = new TreeSet<String>(then.keySet());
        paths.addAll(now.keySet());
        return paths.stream().filter(p -> !Optional.ofNullable(then.get(p)).equals(Optional.ofNullable(now.get(p)))).toList();
    }

    public List<PullRequestDecision> inForce(Kind kind) {
        return inForce.stream().filter(d -> d.kind() == kind).toList();
    }

    public List<Lapsed> lapsed() {
        return lapsed;
    }

    public boolean isEmpty() {
        return inForce.isEmpty() && lapsed.isEmpty();
    }

    /** The engine's findings with the overridden ones accepted: notices that say who accepted them and why. */
    public ReviewResult accept(ReviewResult result) {
        List<PullRequestDecision> overrides = inForce(Kind.OVERRIDE);
        if (overrides.isEmpty()) {
            return result;
        }
        var findings = new ArrayList<Finding>();
        for (Finding finding : result.findings()) {
            Optional<PullRequestDecision> override = overrides.stream().filter(o -> covers(o.subject(), finding)).findFirst();
            if (override.isPresent() && finding.severity() != Severity.NOTICE && finding.severity() != Severity.OFF) {
                findings.add(new Finding(finding.ruleId(), Severity.NOTICE, finding.path(), finding.startLine(), finding.endLine(),
                        finding.message() + " (Overridden by @" + override.get().actor() + ": " + override.get().reason() + ")",
                        finding.lock(), finding.fix()));
            } else {
                findings.add(finding);
            }
        }
        return new ReviewResult(result.files(), findings);
    }

    /**
     * The pull request with the approvals in force added as approving reviews of its head, so the
     * policy counts them like any review: the owner matching, the author rule, and a later change
     * request of the same person taking it back. The content check is done: they match the head.
     */
    public PullRequest withApprovals(PullRequest pr) {
        List<PullRequestDecision> approvals = inForce(Kind.APPROVAL);
        if (approvals.isEmpty()) {
            return pr;
        }
        var reviews = new ArrayList<>(pr.reviews());
        for (PullRequestDecision approval : approvals) {
            reviews.add(new Review(approval.actor(), Review.State.APPROVED, pr.headSha(),
                    Instant.ofEpochMilli(approval.createdAt())));
        }
        return new PullRequest(pr.repository(), pr.number(), pr.title(), pr.body(), pr.author(), pr.labels(), pr.commits(),
                pr.headSha(), pr.changedPaths(), pr.headBlobs(), pr.head(), pr.base(), reviews);
    }

    /** The policy's verdict, failing with the holders named first when a hold is in force. */
    public PolicyVerdict held(PolicyVerdict verdict) {
        List<PullRequestDecision> holds = inForce(Kind.HOLD);
        if (holds.isEmpty()) {
            return verdict;
        }
        var reasons = new ArrayList<String>();
        reasons.add("on hold by " + String.join(", ", holds.stream().map(d -> "@" + d.actor()).distinct().toList()));
        reasons.addAll(verdict.reasons());
        return new PolicyVerdict(PolicyVerdict.Conclusion.FAILURE, reasons, verdict.findings(), verdict.approvals(),
                verdict.unownedTables(), verdict.checklist(), verdict.ai(), verdict.releaseId(), verdict.configErrors(),
                verdict.notes());
    }

    /** Whether an override's subject ({@code rule-id} or {@code rule-id path:line}) covers a finding. */
    static boolean covers(String subject, Finding finding) {
        String[] parts = subject.split(" ", 2);
        if (!parts[0].equals(finding.ruleId())) {
            return false;
        }
        if (parts.length == 1) {
            return true;
        }
        int colon = parts[1].lastIndexOf(':');
        String path = parts[1].substring(0, colon);
        int line = Integer.parseInt(parts[1].substring(colon + 1));
        return finding.path().equals(path) && line >= finding.startLine() && line <= Math.max(finding.startLine(), finding.endLine());
    }

    /** One line per decision, for the check run's summary. */
    public List<String> notes() {
        var notes = new ArrayList<String>();
        for (PullRequestDecision d : inForce) {
            notes.add(describe(d, false));
        }
        for (Lapsed l : lapsed) {
            notes.add("Lapsed: " + describe(l.decision(), false) + " (" + l.why() + ")");
        }
        return notes;
    }

    /** A section for the summary comment; empty when there are no decisions. */
    public String markdown() {
        if (isEmpty()) {
            return "";
        }
        var items = new ArrayList<String>();
        for (PullRequestDecision d : inForce) {
            items.add("- " + icon(d.kind()) + " " + describe(d, true) + "\n");
        }
        for (Lapsed l : lapsed) {
            items.add("- ~~" + describe(l.decision(), true) + "~~ lapsed: " + Markdown.text(l.why()) + "\n");
        }
        var out = new StringBuilder("\n#### Decisions\n\n");
        int shown = 0;
        while (shown < items.size() && out.length() + items.get(shown).length() <= MAX_SECTION) {
            out.append(items.get(shown++));
        }
        if (shown < items.size()) {
            out.append("- …and ").append(items.size() - shown).append(" more, left out to fit GitHub's comment limit\n");
        }
        return out.toString();
    }

    private static String icon(Kind kind) {
        return switch (kind) {
            case APPROVAL -> "✅";
            case OVERRIDE -> "☑️";
            case HOLD -> "⛔";
        };
    }

    private static String describe(PullRequestDecision d, boolean markdown) {
        String subject = markdown ? Markdown.code(d.subject()) : d.subject();
        String what = switch (d.kind()) {
            case APPROVAL -> "Area " + subject + " approved";
            case OVERRIDE -> "Findings of " + subject + " overridden";
            case HOLD -> "On hold";
        };
        String reason = d.reason().isEmpty() ? "" : ": " + (markdown ? Markdown.text(d.reason()) : d.reason());
        return what + " by @" + d.actor() + " at " + shortSha(d.headSha()) + reason;
    }

    static String shortSha(String sha) {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}

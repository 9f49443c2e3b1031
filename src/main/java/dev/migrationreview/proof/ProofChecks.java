package dev.migrationreview.proof;

import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.ProofRuleDocs;
import dev.migrationreview.rule.RuleDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a proof observed, turned into findings like any rule's (their docs are {@link ProofRuleDocs}). */
public final class ProofChecks {

    private ProofChecks() {}

    /** The findings a proof report implies; plan regressions and proof failures are anchored to the first migration. */
    public static List<Finding> findings(ProofReport report, String firstMigrationPath) {
        var findings = new ArrayList<Finding>();
        for (StatementTrace trace : report.statements()) {
            trace.error().ifPresent(error -> findings.add(finding(ProofRuleDocs.STATEMENT_FAILED, trace.path(), trace.line(),
                    "PostgreSQL refused this statement: " + error)));
            List<HeldLock> dangerous = trace.dangerousLocks();
            if (!dangerous.isEmpty()) {
                String locks = dangerous.stream().map(l -> l.describe() + " (blocks "
                        + String.join(", ", l.blocks()) + ")").collect(Collectors.joining("; "));
                findings.add(finding(ProofRuleDocs.DANGEROUS_LOCK, trace.path(), trace.line(),
                        "Took " + locks + ", held for " + trace.heldFor().toMillis() + " ms on the proof database."));
            }
            if (!trace.rewritten().isEmpty()) {
                findings.add(finding(ProofRuleDocs.TABLE_REWRITE, trace.path(), trace.line(),
                        "Rewrote " + String.join(", ", trace.rewritten()) + " (new relation files) in "
                                + trace.elapsed().toMillis() + " ms."));
            }
        }
        for (RollbackResult rollback : report.rollbacks()) {
            if (rollback.status() == RollbackResult.Status.FAILED) {
                findings.add(finding(ProofRuleDocs.ROLLBACK, rollback.path(), 1,
                        "The rollback in " + rollback.rollbackPath() + " failed: " + rollback.error().orElse("")));
            } else if (rollback.status() == RollbackResult.Status.NOT_RESTORED) {
                findings.add(finding(ProofRuleDocs.ROLLBACK, rollback.path(), 1,
                        "After up and down the schema differs from before up:\n" + String.join("\n", rollback.differences())
                                + rollback.error().map(e -> "\n" + e).orElse("")));
            }
        }
        for (PlanComparison plan : report.plans()) {
            if (plan.regressed()) {
                findings.add(finding(ProofRuleDocs.PLAN_REGRESSION, firstMigrationPath, 1, "Query '" + plan.query().name() + "' ("
                        + plan.query().workflow() + "): " + String.join("; ", plan.regressions())));
            }
        }
        return findings;
    }

    private static Finding finding(RuleDoc doc, String path, int line, String message) {
        Optional<String> lock = doc.lock().equals("none") ? Optional.empty() : Optional.of(doc.lock());
        return new Finding(doc.id(), doc.defaultSeverity(), path, line, line, message, lock, Optional.empty());
    }
}

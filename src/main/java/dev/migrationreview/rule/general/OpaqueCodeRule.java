package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** Code whose effect no static rule can see: a DO block, a stored procedure, RunPython, a Java migration. */
public final class OpaqueCodeRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "opaque-code",
            "The migration runs code whose effect cannot be judged statically",
            Severity.NOTICE, Set.of(), "every database and version",
            "whatever the code does: unknown until it runs",
            "Procedural code (a DO block, CALL, Django RunPython, a Flyway Java migration) can take any lock, "
                    + "rewrite or update every row, or loop for hours; the review sees none of it, so a clean "
                    + "report says nothing about this part.",
            "Prefer plain DDL and batched data changes the rules can read. Where code is needed, review it by hand "
                    + "and ask for a database proof (`/migration-review plan` or `migration-review prove`) to see "
                    + "what it locks.",
            "DO $$\nBEGIN\n  ALTER TABLE users ADD COLUMN nickname text;\nEND\n$$;",
            "ALTER TABLE users ADD COLUMN nickname text;");

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (site.operation() instanceof Operation.OpaqueCode opaque) {
            out.report(site.statement(), "This runs code the review cannot see into (" + opaque.description()
                    + "): its locks, rewrites and data changes are unknown. Review it by hand, and prove it on a real "
                    + "database (`migration-review prove`, or `/migration-review plan` on the pull request).");
        }
    }
}

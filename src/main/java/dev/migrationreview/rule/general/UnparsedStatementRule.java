package dev.migrationreview.rule.general;

import dev.migrationreview.operation.Operation;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.Set;

/** A statement no parser understood: no rule could check it, so a human must. */
public final class UnparsedStatementRule implements Rule {

    static final RuleDoc DOC = new RuleDoc(
            "unparsed-statement",
            "A statement could not be parsed, so no rule checked it",
            Severity.WARNING, Set.of(), "every database and version",
            "none",
            "Whatever the statement does (rewrite a table, take a lock, drop data) reaches production without "
                    + "review; a clean report would be false comfort. The rest of the file is still reviewed.",
            "Review the statement by hand. If it is valid SQL the parser does not know, report it to the "
                    + "migration-review maintainers; suppress the finding with a reason once reviewed.",
            "-- a column without a name: no parser reads it, so no rule checks it\nALTER TABLE users ADD COLUMN;",
            "ALTER TABLE users ADD COLUMN nickname text;");

    private static final int MAX_SHOWN = 120;

    @Override
    public RuleDoc doc() {
        return DOC;
    }

    @Override
    public void check(OperationSite site, FindingSink out) {
        if (site.operation() instanceof Operation.Unparsed unparsed) {
            String reason = unparsed.reason().isBlank() ? "no parser recognised it" : unparsed.reason();
            out.report(site.statement(), "Not understood (" + reason + "), so no rule checked this "
                    + "statement: " + firstLine(site.statement().text()) + ". Review it by hand; the rest of the "
                    + "file was reviewed.");
        }
    }

    private static String firstLine(String text) {
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() <= MAX_SHOWN ? line : line.substring(0, MAX_SHOWN) + "…";
    }
}

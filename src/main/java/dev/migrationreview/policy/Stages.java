package dev.migrationreview.policy;

import dev.migrationreview.config.Glob;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem.Status;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code stages} checklist item: the schema change, the backfill of existing rows and the
 * application's cutover ship separately. A migration with DDL and a backfill, or a pull request
 * that changes migrations and application code together, is flagged at the configured severity.
 * Where the engine already reported the mix ({@code ddl-and-backfill-together}) that finding is
 * raised to the item's severity rather than repeated.
 */
final class Stages {

    static final String ID = "stages";
    /** Source files of common languages, when the config names no application code of its own. */
    static final List<String> DEFAULT_APPLICATION_CODE = List.of(
            "*.{java,kt,kts,scala,groovy,clj,rb,py,go,rs,js,jsx,mjs,cjs,ts,tsx,php,cs,fs,vb,ex,exs,erl,swift,dart,lua,pl,c,cc,cpp,h,hpp,m}");
    /** Tests and schema dumps change with migrations without being a cutover. */
    private static final Pattern NOT_APPLICATION = Pattern.compile(
            "(^|.*/)(tests?|spec|specs|__tests__|testdata|fixtures)/.*|.*(Test|Tests|Spec|IT)\\.[a-z]+|.*[._-](test|spec)\\.[a-z]+"
                    + "|(^|.*/)test_[^/]*\\.py|(^|.*/)db/(schema\\.rb|structure\\.sql)");

    record Outcome(ChecklistItem item, List<Finding> findings) {}

    private Stages() {}

    static Outcome check(Severity severity, List<String> applicationCode, SchemaChange change, List<String> changedPaths,
                         List<Finding> findings) {
        var result = new ArrayList<>(findings);
        var flagged = new ArrayList<String>();
        for (var migration : change.migrations()) {
            String path = migration.file().path();
            List<SchemaChange.Step> steps = change.steps().stream().filter(s -> s.path().equals(path)).toList();
            Optional<SchemaChange.Step> ddl = steps.stream().filter(Stages::isDdl).findFirst();
            if (ddl.isEmpty()) {
                continue;
            }
            for (SchemaChange.Step backfill : steps.stream().filter(Stages::isBackfill).toList()) {
                flagged.add(backfill.where());
                flagMix(severity, ddl.get(), backfill, result);
            }
        }
        List<String> application = applicationPaths(applicationCode, change, changedPaths);
        if (!application.isEmpty() && !change.isEmpty()) {
            flagged.add("application code changed with the migrations");
            String first = change.migrationPaths().getFirst();
            String listed = String.join(", ", application.subList(0, Math.min(3, application.size())))
                    + (application.size() > 3 ? " and " + (application.size() - 3) + " more" : "");
            result.add(new Finding(PolicyFindings.MIGRATIONS_WITH_APPLICATION_CODE, severity, first, 1, 1,
                    "This pull request changes migrations together with application code (" + listed + "). Ship the "
                            + "schema change first, then the code that uses it, so each can be deployed and rolled back on its "
                            + "own and the old code keeps working while the migration runs.", Optional.empty(), Optional.empty()));
        }
        ChecklistItem item = flagged.isEmpty()
                ? new ChecklistItem(ID, Status.SATISFIED, "schema change, backfill and application code ship separately", Optional.empty())
                : new ChecklistItem(ID, Status.FLAGGED, String.join("; ", flagged), Optional.of(
                        "Move backfills into their own migration (run after the schema change, in batches) and application "
                                + "code into its own pull request."));
        return new Outcome(item, result);
    }

    private static void flagMix(Severity severity, SchemaChange.Step ddl, SchemaChange.Step backfill, List<Finding> findings) {
        for (int i = 0; i < findings.size(); i++) {
            Finding f = findings.get(i);
            if (f.ruleId().equals(PolicyFindings.DDL_AND_BACKFILL_RULE) && f.path().equals(backfill.path())
                    && f.startLine() == backfill.statement().startLine()) {
                findings.set(i, f.withSeverity(PolicyFindings.worse(f.severity(), severity)));
                return;
            }
        }
        var operation = (Operation.DataChange) backfill.operation();
        findings.add(PolicyFindings.at(PolicyFindings.MIXED_STAGES, severity, backfill,
                "This migration changes the schema (line " + ddl.statement().startLine() + ") and also runs "
                        + operation.kind() + " over existing rows of " + operation.table() + ". Keep the backfill in a "
                        + "migration (or job) of its own: it then runs after the schema change is live, in batches, and a "
                        + "failure of one does not undo the other."));
    }

    private static boolean isDdl(SchemaChange.Step step) {
        return step.additivity().changesSchema() && !(step.operation() instanceof Operation.DataChange)
                && !(step.operation() instanceof Operation.Query);
    }

    private static boolean isBackfill(SchemaChange.Step step) {
        return step.operation() instanceof Operation.DataChange change && change.kind() != Operation.DataChange.Kind.INSERT
                && !step.newTable();
    }

    private static List<String> applicationPaths(List<String> globs, SchemaChange change, List<String> changedPaths) {
        List<Glob> application = (globs.isEmpty() ? DEFAULT_APPLICATION_CODE : globs).stream().map(Glob::compile).toList();
        Set<String> migrations = new HashSet<>(change.migrationPaths());
        change.downFiles().forEach(f -> migrations.add(f.file().path()));
        return changedPaths.stream()
                .filter(p -> !migrations.contains(p) && !NOT_APPLICATION.matcher(p).matches())
                .filter(p -> application.stream().anyMatch(g -> g.matches(p)))
                .sorted().toList();
    }
}

package dev.migrationreview.policy;

import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.operation.TableRef;
import dev.migrationreview.rule.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Findings about locks and rewrites, seen against the tables they hit: on a table of a hot area
 * they are raised one level (a lock there is felt at once), and where a table's size is known the
 * message says it. A finding locks or rewrites when its rule states the lock it takes (the
 * engine copies {@code RuleDoc.lock} into the finding; rules that take none say "none").
 */
final class HotTables {

    private HotTables() {}

    static boolean locksOrRewrites(Finding finding) {
        return finding.lock().filter(lock -> !lock.isBlank() && !lock.strip().toLowerCase(Locale.ROOT).startsWith("none"))
                .isPresent();
    }

    static List<Finding> adjust(List<Finding> findings, SchemaChange change, Ownership ownership, TableSizes sizes) {
        var result = new ArrayList<Finding>(findings.size());
        for (Finding finding : findings) {
            result.add(locksOrRewrites(finding) ? adjust(finding, change, ownership, sizes) : finding);
        }
        return result;
    }

    private static Finding adjust(Finding finding, SchemaChange change, Ownership ownership, TableSizes sizes) {
        List<TableRef> tables = change.at(finding.path(), finding.startLine(), finding.endLine()).stream()
                .filter(step -> !step.newTable())
                .flatMap(step -> step.operation().tables().stream()).distinct().toList();
        // The notes go first: rule messages often end by pointing at their fix ("...in a later migration:").
        var notes = new StringBuilder();
        var severity = finding.severity();
        Optional<TableRef> hot = tables.stream().filter(t -> ownership.ofTable(t).filter(a -> a.profile() == Profile.HOT).isPresent())
                .findFirst();
        if (hot.isPresent()) {
            var raised = PolicyFindings.raised(severity);
            notes.append(hot.get()).append(" is a hot table (area ").append(ownership.ofTable(hot.get()).orElseThrow().name())
                    .append("): a lock there is felt at once").append(raised == severity ? "" : ", so this is raised to " + raised.label())
                    .append(". ");
            severity = raised;
        }
        for (TableRef table : tables) {
            sizes.of(table).ifPresent(size -> notes.append(table).append(" holds ").append(size.describe()).append(". "));
        }
        String message = notes + finding.message();
        return new Finding(finding.ruleId(), severity, finding.path(), finding.startLine(), finding.endLine(),
                message, finding.lock(), finding.fix());
    }
}

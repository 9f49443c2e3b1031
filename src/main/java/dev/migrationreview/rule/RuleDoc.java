package dev.migrationreview.rule;

import dev.migrationreview.discovery.DatabaseKind;
import java.util.Set;

/**
 * Everything a rule's page says: the docs under docs/rules, {@code explain}, and the App's
 * explain command are rendered from this.
 *
 * @param databases   where the rule applies; empty means every database
 * @param appliesTo   free text on versions, e.g. "PostgreSQL before 11"
 * @param lock        the lock the flagged operation takes, e.g. "ACCESS EXCLUSIVE on the table"
 * @param why         why that hurts in production
 * @param safeAlternative the safe way, in prose
 * @param bad         example SQL the rule flags
 * @param good        the safe version of {@code bad}
 */
public record RuleDoc(
        String id,
        String summary,
        Severity defaultSeverity,
        Set<DatabaseKind> databases,
        String appliesTo,
        String lock,
        String why,
        String safeAlternative,
        String bad,
        String good) {

    public RuleDoc {
        databases = Set.copyOf(databases);
    }
}

package dev.migrationreview.rule.general;

import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleContext;

/** Whether a rule speaks about the database a migration targets, from the databases its doc lists. */
public final class RuleScope {

    private RuleScope() {}

    /** True when the rule's doc lists no databases (it applies everywhere) or lists the migration's. */
    public static boolean applies(Rule rule, RuleContext context) {
        var databases = rule.doc().databases();
        return databases.isEmpty() || databases.contains(context.dialect().kind());
    }
}

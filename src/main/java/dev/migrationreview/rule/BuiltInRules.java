package dev.migrationreview.rule;

import java.util.List;

/** The list of built-in rules; each lives in its own file under rule.postgres, rule.mysql or rule.general. */
final class BuiltInRules {

    private BuiltInRules() {}

    static List<Rule> all() {
        return List.of();
    }
}

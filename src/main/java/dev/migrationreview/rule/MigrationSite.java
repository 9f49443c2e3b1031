package dev.migrationreview.rule;

import dev.migrationreview.frontend.ParsedMigration;

import java.util.List;

/**
 * A migration after all of its operations ran through the rules, with the change's context at its
 * end and its forward operations in run order, each with the context as it stood before it ran.
 */
public record MigrationSite(ParsedMigration migration, RuleContext context, List<OperationSite> operations) {
    public MigrationSite {
        operations = List.copyOf(operations);
    }
}

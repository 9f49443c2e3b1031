package dev.migrationreview.rule;

import dev.migrationreview.frontend.ParsedMigration;

/** A migration after all of its operations ran through the rules, with the change's context at its end. */
public record MigrationSite(ParsedMigration migration, RuleContext context) {}

package dev.migrationreview.rule;

import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;

/** An operation where it stands: its statement, its migration, and the change around it. */
public record OperationSite(Operation operation, Statement statement, ParsedMigration migration, RuleContext context) {}

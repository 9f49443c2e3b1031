package dev.migrationreview.frontend;

import java.util.Optional;

/**
 * A {@code -- migration-review:ignore <rule-id> <reason>} comment (or {@code ignore-file}).
 * A line suppression applies to the first statement starting after {@code line}.
 */
public record Suppression(String ruleId, Optional<String> reason, int line, boolean wholeFile) {}

package dev.migrationreview.rule;

import java.util.Optional;

/**
 * One thing a reviewer must know about a migration: what is dangerous, the lock it takes, and
 * the safe way. Lines are 1-based and inclusive.
 */
public record Finding(
        String ruleId,
        Severity severity,
        String path,
        int startLine,
        int endLine,
        String message,
        Optional<String> lock,
        Optional<Fix> fix) {

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, path, startLine, endLine, message, lock, fix);
    }
}

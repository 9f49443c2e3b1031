package dev.migrationreview.rule;

import dev.migrationreview.frontend.Statement;
import java.util.Optional;

/**
 * Where a rule reports. The engine fills in the rule id, severity (after configuration), file
 * and lock, and applies suppressions, so rules only say what is wrong and how to fix it.
 */
public interface FindingSink {

    void report(Statement at, String message, Optional<Fix> fix);

    default void report(Statement at, String message) {
        report(at, message, Optional.empty());
    }

    default void report(Statement at, String message, Fix fix) {
        report(at, message, Optional.of(fix));
    }
}

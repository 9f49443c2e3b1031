package dev.migrationreview.frontend;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A {@code -- migration-review:ignore <rule-id> <reason>} comment (or {@code ignore-file}).
 * A line suppression applies to the first statement starting after {@code line}. A block
 * suppression ({@code lastLine} present: strong_migrations' {@code safety_assured { ... }}) applies
 * to every statement starting on lines {@code line..lastLine}. The rule id {@link #ALL_RULES}
 * suppresses every rule, and only when it gives a reason.
 */
public record Suppression(String ruleId, Optional<String> reason, int line, boolean wholeFile, OptionalInt lastLine) {

    /** Suppresses findings of every rule (a framework's own "I know this is unsafe" block). */
    public static final String ALL_RULES = "*";

    public Suppression(String ruleId, Optional<String> reason, int line, boolean wholeFile) {
        this(ruleId, reason, line, wholeFile, OptionalInt.empty());
    }

    /** A suppression of every statement starting on {@code firstLine..lastLine}. */
    public static Suppression block(String ruleId, Optional<String> reason, int firstLine, int lastLine) {
        return new Suppression(ruleId, reason, firstLine, false, OptionalInt.of(lastLine));
    }

    /** Whether findings of {@code rule} may be silenced by it: its own rule, or every rule when it says why. */
    public boolean silences(String rule) {
        return ruleId.equals(rule) || ruleId.equals(ALL_RULES) && reason.isPresent();
    }
}

package dev.migrationreview.frontend;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

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

    private static final Pattern DIRECTIVE =
            Pattern.compile("^\\s*migration-review:(ignore|ignore-file)\\s+([A-Za-z0-9_.-]+)(?:\\s+(.*?))?\\s*$", Pattern.DOTALL);

    public Suppression(String ruleId, Optional<String> reason, int line, boolean wholeFile) {
        this(ruleId, reason, line, wholeFile, OptionalInt.empty());
    }

    /** A suppression of every statement starting on {@code firstLine..lastLine}. */
    public static Suppression block(String ruleId, Optional<String> reason, int firstLine, int lastLine) {
        return new Suppression(ruleId, reason, firstLine, false, OptionalInt.of(lastLine));
    }

    /**
     * Reads the body of a comment in any syntax (the text inside {@code <!-- -->}, after {@code #} or
     * {@code --}); empty when the comment is not a suppression.
     */
    public static Optional<Suppression> fromComment(String body, int line) {
        var matcher = DIRECTIVE.matcher(body);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String reason = matcher.group(3) == null ? "" : matcher.group(3).strip().replaceAll("\\s+", " ");
        return Optional.of(new Suppression(matcher.group(2), reason.isEmpty() ? Optional.empty() : Optional.of(reason),
                line, matcher.group(1).equals("ignore-file")));
    }

    /** Whether findings of {@code rule} may be silenced by it: its own rule, or every rule when it says why. */
    public boolean silences(String rule) {
        return ruleId.equals(rule) || ruleId.equals(ALL_RULES) && reason.isPresent();
    }
}

package dev.migrationreview.config;

/** A glob pattern that cannot be compiled; {@link #index()} points at the offending character. */
public final class InvalidGlobException extends IllegalArgumentException {

    private final String pattern;
    private final int index;
    private final String reason;

    InvalidGlobException(String pattern, int index, String reason) {
        super("invalid glob '" + pattern + "': " + reason + " at position " + (index + 1));
        this.pattern = pattern;
        this.index = index;
        this.reason = reason;
    }

    public String pattern() {
        return pattern;
    }

    /** Zero-based position in the pattern. */
    public int index() {
        return index;
    }

    /** What is wrong, without the pattern (for messages that show the pattern elsewhere). */
    public String reason() {
        return reason;
    }
}

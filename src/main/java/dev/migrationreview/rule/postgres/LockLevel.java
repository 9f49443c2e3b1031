package dev.migrationreview.rule.postgres;

import java.util.Locale;
import java.util.Optional;

/**
 * PostgreSQL's table-level lock modes, weakest first, with the conflict table of the manual
 * ("Explicit Locking"). What matters to a migration is what a mode makes ordinary traffic wait
 * for: {@link #ROW_EXCLUSIVE} is what INSERT/UPDATE/DELETE take, {@link #ACCESS_SHARE} what SELECT takes.
 */
public enum LockLevel {
    ACCESS_SHARE,
    ROW_SHARE,
    ROW_EXCLUSIVE,
    SHARE_UPDATE_EXCLUSIVE,
    SHARE,
    SHARE_ROW_EXCLUSIVE,
    EXCLUSIVE,
    ACCESS_EXCLUSIVE;

    /** The mode as SQL spells it, e.g. {@code ACCESS EXCLUSIVE}. */
    public String sql() {
        return name().replace('_', ' ');
    }

    /** The mode as {@code pg_locks.mode} shows it, e.g. {@code AccessExclusiveLock}. */
    public String pgLocksMode() {
        var out = new StringBuilder();
        for (String word : name().split("_")) {
            out.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return out.append("Lock").toString();
    }

    /** Whether a transaction holding this mode makes one asking for {@code other} wait. */
    public boolean conflictsWith(LockLevel other) {
        int a = Math.max(ordinal(), other.ordinal());
        int b = Math.min(ordinal(), other.ordinal());
        // The manual's conflict table is symmetric: read the row of the stronger mode.
        return switch (values()[a]) {
            case ACCESS_SHARE, ROW_SHARE -> false;
            case ROW_EXCLUSIVE -> false;
            case SHARE_UPDATE_EXCLUSIVE -> b == SHARE_UPDATE_EXCLUSIVE.ordinal();
            case SHARE -> b == ROW_EXCLUSIVE.ordinal() || b == SHARE_UPDATE_EXCLUSIVE.ordinal();
            case SHARE_ROW_EXCLUSIVE -> b >= ROW_EXCLUSIVE.ordinal();
            case EXCLUSIVE -> b >= ROW_SHARE.ordinal();
            case ACCESS_EXCLUSIVE -> true;
        };
    }

    /** True when plain SELECTs wait for this lock: only ACCESS EXCLUSIVE. */
    public boolean blocksReads() {
        return conflictsWith(ACCESS_SHARE);
    }

    /** True when INSERT, UPDATE and DELETE wait for this lock. */
    public boolean blocksWrites() {
        return conflictsWith(ROW_EXCLUSIVE);
    }

    /** What ordinary traffic suffers while the lock is held, for messages. */
    public String blocks() {
        if (blocksReads()) {
            return "blocks all reads and writes";
        }
        return blocksWrites() ? "blocks writes (reads continue)" : "blocks neither reads nor writes";
    }

    public LockLevel max(LockLevel other) {
        return ordinal() >= other.ordinal() ? this : other;
    }

    /** Parses a LOCK TABLE mode ("SHARE ROW EXCLUSIVE", "access exclusive"); empty when unknown. */
    public static Optional<LockLevel> parse(String mode) {
        String n = mode.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+MODE$", "").replaceAll("\\s+", "_");
        for (LockLevel level : values()) {
            if (level.name().equals(n)) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }
}

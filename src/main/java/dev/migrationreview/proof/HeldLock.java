package dev.migrationreview.proof;

import java.util.List;

/**
 * A relation lock a statement's backend held, as pg_locks reports it (mode names such as
 * AccessExclusiveLock). Dangerous locks conflict with ordinary reads or writes of a table that
 * existed before the change.
 */
public record HeldLock(String relation, String mode, boolean preExisting) {

    /** The ordinary statements this lock mode blocks while it is held, from PostgreSQL's conflict table. */
    public List<String> blocks() {
        return switch (mode) {
            case "AccessExclusiveLock" -> List.of("SELECT", "INSERT", "UPDATE", "DELETE");
            case "ExclusiveLock", "ShareRowExclusiveLock", "ShareLock" -> List.of("INSERT", "UPDATE", "DELETE");
            default -> List.of();
        };
    }

    /** The lock in the words reports use, e.g. {@code ShareLock on public.users}. */
    public String describe() {
        return mode + " on " + relation;
    }

    public boolean dangerous() {
        return preExisting && !blocks().isEmpty();
    }
}

package dev.migrationreview.proof;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one statement did on the proof database.
 *
 * @param newLocks  relation locks first taken by this statement (earlier ones of the same
 *                  transaction are listed on the statement that took them)
 * @param observed  false when the statement had to run outside a transaction (CREATE INDEX
 *                  CONCURRENTLY, VACUUM): its locks are released before they can be read
 * @param heldFor   from the statement's start to the end of its transaction: how long its locks blocked others
 * @param rewritten relations whose files were replaced (a full table or index rewrite)
 */
public record StatementTrace(
        String path,
        int line,
        String sql,
        List<HeldLock> newLocks,
        boolean observed,
        Duration elapsed,
        Duration heldFor,
        List<String> rewritten,
        Optional<String> error) {

    public StatementTrace {
        newLocks = List.copyOf(newLocks);
        rewritten = List.copyOf(rewritten);
    }

    public boolean failed() {
        return error.isPresent();
    }

    public List<HeldLock> dangerousLocks() {
        return newLocks.stream().filter(HeldLock::dangerous).toList();
    }

    /** The dangerous locks in the words reports use, comma-separated. */
    public String dangerousLocksText() {
        return dangerousLocks().stream().map(HeldLock::describe).collect(java.util.stream.Collectors.joining(", "));
    }

    /** The ordinary statements the dangerous locks block, each once. */
    public List<String> blockedStatements() {
        return dangerousLocks().stream().flatMap(l -> l.blocks().stream()).distinct().toList();
    }

    StatementTrace heldUntil(Duration held) {
        return new StatementTrace(path, line, sql, newLocks, observed, elapsed, held, rewritten, error);
    }
}

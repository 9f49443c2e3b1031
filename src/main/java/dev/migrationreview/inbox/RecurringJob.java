package dev.migrationreview.inbox;

import java.time.Duration;
import java.util.Objects;

/**
 * Work the queue runs every {@code every} on one replica at a time (whichever picks it up), such
 * as healing sweeps. A run that throws is logged and the job runs again at its next time.
 *
 * @param name unique among jobs; the queue's row for the job is keyed by it
 */
public record RecurringJob(String name, Duration every, Runnable run) {

    public RecurringJob {
        Objects.requireNonNull(run, "run");
        if (!name.matches("[a-z][a-z0-9-]{0,60}")) {
            throw new IllegalArgumentException("job names are short kebab-case words: " + name);
        }
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a recurring job needs a positive interval");
        }
    }
}

package dev.migrationreview.inbox;

import java.time.Duration;

/**
 * How the workers run.
 *
 * @param instanceId   names this process in leases; a restart with the same id reclaims its work at once
 * @param lease        how long a worker owns a key without renewing it (a dead process loses it after this)
 * @param pollInterval how often idle workers look for due retries when nothing wakes them
 */
public record WorkerSettings(int workers, String instanceId, Duration lease, Duration pollInterval, RetryPolicy retry) {

    public WorkerSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker is needed");
        }
        if (instanceId.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
    }

    public static WorkerSettings defaults(String instanceId) {
        return new WorkerSettings(4, instanceId, Duration.ofSeconds(60), Duration.ofSeconds(1), RetryPolicy.defaults());
    }
}

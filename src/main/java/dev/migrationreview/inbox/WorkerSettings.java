package dev.migrationreview.inbox;

import java.time.Duration;

/**
 * How the queue's workers run.
 *
 * @param workers        work keys (pull requests) worked on at the same time by this process
 * @param instanceId     names this process in the queue (who picked what); unique per running replica
 * @param takeOverAfter  how long a replica may stay silent before the work it picked counts as
 *                       abandoned and another replica takes it over (it reports in four times in this span)
 * @param pollInterval   how often the queue looks for due work scheduled by other replicas or for later
 */
public record WorkerSettings(int workers, String instanceId, Duration takeOverAfter, Duration pollInterval, RetryPolicy retry) {

    public WorkerSettings {
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker is needed");
        }
        if (instanceId.isBlank()) {
            throw new IllegalArgumentException("instance id must not be blank");
        }
        if (takeOverAfter.toMillis() < 400) {
            throw new IllegalArgumentException("take-over time must be at least 400 ms");
        }
    }
}

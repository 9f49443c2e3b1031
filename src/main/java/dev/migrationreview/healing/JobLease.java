package dev.migrationreview.healing;

import dev.migrationreview.store.HealingJobs;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Runs one job at a time across replicas and admin requests: a run holds the job's lease in the store. */
final class JobLease {

    private JobLease() {}

    /**
     * Runs {@code work} with the job's lease, passing the run's owner name; empty when another
     * run holds the lease. The lease lasts {@code lease} at most, so a replica that dies mid-run
     * blocks the job only that long.
     */
    static <T> Optional<T> run(HealingJobs jobs, String job, Duration lease, Function<String, T> work) {
        String owner = job + "-" + UUID.randomUUID();
        if (!jobs.tryClaim(job, owner, lease.toMillis())) {
            return Optional.empty();
        }
        try {
            return Optional.of(work.apply(owner));
        } finally {
            jobs.release(job, owner);
        }
    }
}

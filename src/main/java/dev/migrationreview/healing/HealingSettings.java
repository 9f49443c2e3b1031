package dev.migrationreview.healing;

import java.time.Duration;

/**
 * How often the healing jobs run on their own (a zero interval: only when the admin endpoint asks)
 * and their limits. A scheduled job first runs when the server starts.
 *
 * @param reconcileEvery the delivery reconciler's interval; GitHub keeps deliveries three days, so
 *                       anything up to a day loses nothing
 * @param sweepEvery     the open pull request sweep's interval
 */
public record HealingSettings(Duration reconcileEvery, Duration sweepEvery, DeliveryReconciler.Settings reconciler,
                              OpenPullRequestSweep.Settings sweep) {

    public HealingSettings {
        if (reconcileEvery.isNegative() || sweepEvery.isNegative()) {
            throw new IllegalArgumentException("healing intervals must not be negative (zero turns a job off)");
        }
        if (reconcileEvery.compareTo(DeliveryReconciler.GITHUB_RETENTION.minusDays(1)) > 0) {
            throw new IllegalArgumentException("the reconciler must run at least every two days: GitHub keeps deliveries three");
        }
    }

    /** The reconciler every 5 minutes, the sweep every 15, with their default limits. */
    public static HealingSettings defaults() {
        return every(Duration.ofMinutes(5), Duration.ofMinutes(15));
    }

    /** Neither job scheduled; both still run on demand. */
    public static HealingSettings off() {
        return every(Duration.ZERO, Duration.ZERO);
    }

    public static HealingSettings every(Duration reconcileEvery, Duration sweepEvery) {
        return new HealingSettings(reconcileEvery, sweepEvery, DeliveryReconciler.Settings.defaults(),
                OpenPullRequestSweep.Settings.defaults());
    }
}

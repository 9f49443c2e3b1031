/**
 * Healing what GitHub failed to deliver: {@link dev.migrationreview.healing.DeliveryReconciler}
 * has GitHub redeliver the App's failed webhook deliveries, and
 * {@link dev.migrationreview.healing.OpenPullRequestSweep} queues a review for open pull requests
 * whose check is missing for their head. Both are plain jobs run on a schedule (one replica per
 * tick) or from the admin endpoints; a lease in the store keeps two runs of one job apart.
 */
package dev.migrationreview.healing;

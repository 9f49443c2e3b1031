package dev.migrationreview.healing;

import dev.migrationreview.github.GitHubAccess;
import dev.migrationreview.inbox.Inbox;
import dev.migrationreview.inbox.RecurringJob;
import dev.migrationreview.store.Store;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The two healing jobs of a server: as recurring jobs for the queue (one replica per tick), and
 * to run at once from the admin endpoints. Without App credentials (local mode) they do nothing:
 * there are no deliveries to list and no installations to sweep.
 */
public final class Healing {

    private final GitHubAccess github;
    private final HealingSettings settings;
    private final DeliveryReconciler reconciler;
    private final OpenPullRequestSweep sweep;

    public Healing(GitHubAccess github, Store store, Inbox inbox, HealingSettings settings, Clock clock) {
        this.github = github;
        this.settings = settings;
        this.reconciler = new DeliveryReconciler(github, store, settings.reconciler(), clock);
        this.sweep = new OpenPullRequestSweep(github, store, inbox, settings.sweep(), clock);
    }

    /** The jobs to schedule; a job whose interval is zero is left out. */
    public List<RecurringJob> recurringJobs() {
        var jobs = new ArrayList<RecurringJob>();
        if (!settings.reconcileEvery().isZero()) {
            jobs.add(new RecurringJob(DeliveryReconciler.JOB, settings.reconcileEvery(), this::reconcile));
        }
        if (!settings.sweepEvery().isZero()) {
            jobs.add(new RecurringJob(OpenPullRequestSweep.JOB, settings.sweepEvery(), this::sweep));
        }
        return jobs;
    }

    /** Whether the jobs can run: they need the App's credentials. */
    public boolean available() {
        return github.hasApp();
    }

    /** A reconciler run now; empty without App credentials or while another run is under way. */
    public Optional<DeliveryReconciler.Summary> reconcile() {
        return available() ? reconciler.run() : Optional.empty();
    }

    /** A sweep run now; empty without App credentials or while another run is under way. */
    public Optional<OpenPullRequestSweep.Summary> sweep() {
        return available() ? sweep.run() : Optional.empty();
    }
}

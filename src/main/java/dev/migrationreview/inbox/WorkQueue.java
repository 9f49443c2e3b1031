package dev.migrationreview.inbox;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.migrationreview.store.Deliveries;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.StoredDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The job queue behind the durable inbox, on db-scheduler in the store's database, so that any
 * number of replicas share it. Each work key (a pull request, an installation) is one db-scheduler
 * execution named after the key: the library lets one replica at a time pick it, keeps it alive
 * with heartbeats, and revives it on another replica when its picker dies. A run reclaims what a
 * dead picker left running, lets the handler coalesce and process the key's pending deliveries,
 * records the result (done, retried later with backoff, or parked with the reason) and, while
 * deliveries remain, reschedules the key for when the next is due.
 */
public final class WorkQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkQueue.class);
    static final String WORK_TASK = "work-key";
    private static final String RESUME_JOB = "resume-queued-work";
    /** Deliveries one run handles back to back before giving the key's turn back to the queue. */
    private static final int RUNS_PER_TURN = 16;
    private static final int MISSED_HEARTBEATS = 4;

    private final Deliveries deliveries;
    private final WorkHandler handler;
    private final WorkerSettings settings;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final Timer workTimer;
    private final CustomTask<Void> workTask;
    private final Scheduler scheduler;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicReference<StatusCounts> counts = new AtomicReference<>(new StatusCounts(Map.of(), 0));
    /** Keys waiting to be scheduled; a burst for one pull request is scheduled once. */
    private final Set<String> toSchedule = new LinkedHashSet<>();
    private final Thread scheduling = Thread.ofPlatform().daemon().name("work-key-scheduling").unstarted(this::scheduleWaitingKeys);

    public WorkQueue(DataSource database, Deliveries deliveries, WorkHandler handler, WorkerSettings settings,
                     List<RecurringJob> jobs, MeterRegistry metrics, Clock clock) {
        this.deliveries = deliveries;
        this.handler = handler;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.workTimer = Timer.builder("migration_review_work_duration").description("time to process one work item")
                .publishPercentiles(0.5, 0.99).register(metrics);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Gauge.builder("migration_review_deliveries", () -> statusCount(status))
                    .description("stored deliveries by status").tag("status", status.name().toLowerCase(Locale.ROOT))
                    .register(metrics);
        }
        this.workTask = Tasks.custom(WORK_TASK, Void.class)
                .onDeadExecutionRevive()
                // Only a store failure escapes a run (the handler's own failures are recorded on the delivery).
                .onFailureReschedule(FixedDelay.of(settings.pollInterval().multipliedBy(5)))
                .execute(this::runTurn);
        var recurring = new ArrayList<RecurringTask<Void>>();
        // A safety net: a delivery stored by a process that died before scheduling its key, or one
        // that arrived while its key's run was finishing, gets its execution here.
        recurring.add(recurringTask(new RecurringJob(RESUME_JOB, settings.pollInterval().multipliedBy(5), this::resumeQueuedWork)));
        jobs.forEach(job -> recurring.add(recurringTask(job)));
        var known = new ArrayList<Task<?>>(List.of(workTask));
        Duration heartbeat = settings.takeOverAfter().dividedBy(MISSED_HEARTBEATS);
        this.scheduler = Scheduler.create(database, known)
                .startTasks(recurring)
                .schedulerName(new SchedulerName.Fixed(settings.instanceId()))
                .threads(settings.workers())
                .pollingInterval(settings.pollInterval())
                .heartbeatInterval(heartbeat)
                .missedHeartbeatsLimit(MISSED_HEARTBEATS)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
    }

    private static RecurringTask<Void> recurringTask(RecurringJob job) {
        return Tasks.recurring(job.name(), FixedDelay.of(job.every())).execute((instance, context) -> {
            try {
                job.run().run();
            } catch (RuntimeException e) {
                LOG.error("recurring job {} failed: {}", job.name(), e.toString(), e);
            }
        });
    }

    /** Starts picking up work, including what other replicas (or this one before a restart) left. */
    public void start() {
        if (running.compareAndSet(false, true)) {
            scheduler.start();
            scheduling.start();
        }
    }

    public boolean isRunning() {
        return running.get() && scheduler.getSchedulerState().isStarted() && !scheduler.getSchedulerState().isShuttingDown();
    }

    /**
     * Makes sure the key's pending deliveries get a run, soon and off the caller's thread: a
     * webhook is acknowledged once its delivery is stored, without waiting for the job queue's
     * queries (a burst of deliveries for one pull request is scheduled once). Should this process
     * die first, the queue's safety net schedules the stored delivery on another replica.
     */
    public void enqueue(String workKey) {
        synchronized (toSchedule) {
            if (toSchedule.add(workKey)) {
                toSchedule.notifyAll();
            }
        }
    }

    private void scheduleWaitingKeys() {
        while (running.get()) {
            List<String> keys;
            synchronized (toSchedule) {
                while (toSchedule.isEmpty() && running.get()) {
                    try {
                        toSchedule.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                keys = List.copyOf(toSchedule);
                toSchedule.clear();
            }
            for (String key : keys) {
                try {
                    scheduleNow(key);
                } catch (RuntimeException e) {
                    LOG.warn("scheduling {} failed ({}); the queue's safety net runs its stored work shortly", key, e.toString());
                }
            }
        }
    }

    /**
     * Schedules the key's execution now, or brings a waiting one (a retry's backoff) forward. A
     * key being worked on right now reschedules itself when its run ends and finds the new delivery.
     */
    private void scheduleNow(String workKey) {
        TaskInstance<Void> instance = workTask.instance(workKey);
        Instant now = clock.instant();
        if (scheduler.scheduleIfNotExists(instance, now)) {
            return;
        }
        scheduler.getScheduledExecution(instance).filter(waiting -> !waiting.isPicked() && waiting.getExecutionTime().isAfter(now))
                .ifPresent(waiting -> {
                    try {
                        scheduler.reschedule(instance, now);
                    } catch (TaskInstanceException e) {
                        // Picked or finished in the meantime: its run sees the new delivery.
                        LOG.debug("{} changed while being brought forward: {}", workKey, e.getMessage());
                    }
                });
    }

    private CompletionHandler<Void> runTurn(TaskInstance<Void> instance, ExecutionContext context) {
        String key = instance.getId();
        int reclaimed = deliveries.reclaimRunning(key);
        if (reclaimed > 0) {
            LOG.info("resuming {} deliveries of {} left running by a replica that stopped", reclaimed, key);
        }
        boolean handledOne = true;
        for (int turn = 0; handledOne && turn < RUNS_PER_TURN && running.get(); turn++) {
            handledOne = runDueDelivery(key);
        }
        return (complete, operations) -> deliveries.nextDueAt(key).ifPresentOrElse(
                at -> operations.reschedule(complete, Instant.ofEpochMilli(at)),
                operations::remove);
    }

    /** Handles the key's due deliveries once; false when none was due. */
    private boolean runDueDelivery(String key) {
        List<StoredDelivery> pending = deliveries.pending(key);
        long now = clock.millis();
        if (pending.stream().noneMatch(d -> d.nextAttemptAt() <= now)) {
            return false;
        }
        WorkHandler.WorkPlan plan = handler.plan(pending);
        StoredDelivery delivery = plan.run();
        deliveries.start(delivery.seq(), plan.coalesced().stream().map(StoredDelivery::seq).toList(), settings.instanceId());
        if (!plan.coalesced().isEmpty()) {
            count("coalesced", plan.coalesced().size());
        }
        int attempt = delivery.attempts() + 1;
        putLogContext(delivery);
        long started = System.nanoTime();
        String result = "done";
        try {
            if (settings.retry().exhausted(delivery.attempts())) {
                // Every earlier attempt ended with its process: the delivery itself may be what kills it.
                result = "parked";
                park(delivery, "abandoned " + delivery.attempts() + " times by a replica that stopped while working on it");
                return true;
            }
            byte[] payload = deliveries.payload(delivery.seq());
            String outcome = handler.handle(delivery, payload, new WorkHandler.WorkContext() {
                @Override
                public boolean superseded() {
                    return deliveries.hasNewerPending(key, delivery.seq());
                }

                @Override
                public List<StoredDelivery> coalesced() {
                    return plan.coalesced();
                }
            });
            deliveries.finish(delivery.seq(), outcome);
            LOG.info("delivery {} processed: {}", delivery.deliveryId(), outcome);
        } catch (WorkFailure.Permanent e) {
            result = "parked";
            park(delivery, describe(e));
        } catch (WorkFailure.RetryAt e) {
            result = retryOrPark(delivery, attempt, describe(e), Math.max(e.notBeforeMillis(), clock.millis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = retryOrPark(delivery, attempt, "interrupted", clock.millis());
        } catch (Exception | StackOverflowError e) {
            result = retryOrPark(delivery, attempt, describe(e), clock.millis() + settings.retry().delayAfter(attempt).toMillis());
        } finally {
            workTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            count(result, 1);
            MDC.clear();
        }
        return true;
    }

    private void count(String result, int amount) {
        Counter.builder("migration_review_deliveries_processed").tag("result", result).register(metrics).increment(amount);
    }

    private String retryOrPark(StoredDelivery delivery, int attempt, String reason, long nextAttemptAt) {
        if (settings.retry().exhausted(attempt)) {
            park(delivery, "failed " + attempt + " times; last error: " + reason);
            return "parked";
        }
        deliveries.retryLater(delivery.seq(), reason, nextAttemptAt);
        LOG.warn("delivery {} failed (attempt {} of {}), retrying in {} ms: {}", delivery.deliveryId(), attempt,
                settings.retry().maxAttempts(), nextAttemptAt - clock.millis(), reason);
        return "retry";
    }

    private void park(StoredDelivery delivery, String reason) {
        deliveries.park(delivery.seq(), reason);
        LOG.error("delivery {} parked: {}", delivery.deliveryId(), reason);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private void resumeQueuedWork() {
        for (String key : deliveries.dueWorkKeys(500)) {
            scheduler.scheduleIfNotExists(workTask.instance(key), clock.instant());
        }
    }

    private static void putLogContext(StoredDelivery delivery) {
        MDC.put("delivery_id", delivery.deliveryId());
        MDC.put("event", delivery.event() + "." + delivery.action());
        delivery.repository().ifPresent(repository -> MDC.put("repository", repository));
        delivery.pullNumber().ifPresent(number -> MDC.put("pr_number", Integer.toString(number)));
    }

    private record StatusCounts(Map<DeliveryStatus, Long> byStatus, long takenAt) {}

    private double statusCount(DeliveryStatus status) {
        StatusCounts current = counts.get();
        // One scrape reads every status: count once per second at most.
        if (clock.millis() - current.takenAt() > 1000) {
            try {
                current = new StatusCounts(deliveries.countByStatus(), clock.millis());
                counts.set(current);
            } catch (RuntimeException e) {
                LOG.warn("cannot count deliveries for metrics: {}", e.getMessage());
            }
        }
        return current.byStatus().getOrDefault(status, 0L);
    }

    /**
     * Stops picking up work and waits a little for runs in progress. A run still going after that
     * stays picked in the store: it is taken over once this replica stops reporting in.
     */
    @Override
    public void close() {
        if (running.compareAndSet(true, false)) {
            scheduling.interrupt();
            scheduler.stop();
        }
    }
}

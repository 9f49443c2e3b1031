package dev.migrationreview.inbox;

import dev.migrationreview.store.Deliveries;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.StoredDelivery;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Workers that drain the durable inbox: each takes the lease on a due work key (so one pull request
 * is worked on by one worker at a time), lets the handler coalesce and process its deliveries,
 * and records the result: done, retried later with backoff, or parked with the reason.
 */
public final class WorkerPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final Deliveries deliveries;
    private final WorkHandler handler;
    private final WorkerSettings settings;
    private final Clock clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();
    private final MeterRegistry metrics;
    private final Timer workTimer;
    private final AtomicReference<StatusCounts> counts = new AtomicReference<>(new StatusCounts(Map.of(), 0));

    public WorkerPool(Deliveries deliveries, WorkHandler handler, WorkerSettings settings, MeterRegistry metrics, Clock clock) {
        this.deliveries = deliveries;
        this.handler = handler;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.workTimer = Timer.builder("migration_review_work_duration").description("time to process one work item")
                .publishPercentiles(0.5, 0.99).register(metrics);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            Gauge.builder("migration_review_deliveries", () -> statusCount(status))
                    .description("stored deliveries by status").tag("status", status.name().toLowerCase(java.util.Locale.ROOT))
                    .register(metrics);
        }
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

    /** Reclaims this instance's unfinished work from before a restart, then starts the workers. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        int recovered = deliveries.recoverAfterRestart(settings.instanceId());
        if (recovered > 0) {
            LOG.info("resuming {} deliveries left running by a previous process", recovered);
        }
        for (int i = 0; i < settings.workers(); i++) {
            String worker = "worker-" + i;
            // Platform threads: a review is CPU work, and virtual threads are never preempted, so
            // reviews on them would keep webhook requests (virtual threads) from being answered.
            threads.add(Thread.ofPlatform().daemon().name("migration-review-" + worker).start(() -> loop(worker)));
        }
        wake();
    }

    public boolean isRunning() {
        return running.get() && threads.stream().anyMatch(Thread::isAlive);
    }

    /** Tells idle workers that there is new work. */
    public void wake() {
        if (wakeUps.availablePermits() < settings.workers()) {
            wakeUps.release();
        }
    }

    private void loop(String worker) {
        while (running.get()) {
            try {
                boolean didWork = false;
                for (String key : deliveries.dueWorkKeys(settings.workers() * 4)) {
                    if (!running.get()) {
                        return;
                    }
                    if (deliveries.tryLease(key, settings.instanceId(), worker, settings.lease().toMillis())) {
                        didWork = true;
                        try {
                            runKey(key, worker);
                        } finally {
                            deliveries.releaseLease(key, settings.instanceId(), worker);
                        }
                        break;
                    }
                }
                if (!didWork) {
                    idle();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // The store is unreachable or a bug: never let the worker die; try again shortly.
                LOG.error("worker {} failed: {}", worker, e.toString(), e);
                sleepQuietly(settings.pollInterval().toMillis());
            }
        }
    }

    private void idle() throws InterruptedException {
        long wait = settings.pollInterval().toMillis();
        var nextDue = deliveries.nextDueAt();
        if (nextDue.isPresent()) {
            wait = Math.max(1, Math.min(wait, nextDue.get() - clock.millis()));
        }
        if (wakeUps.tryAcquire(wait, TimeUnit.MILLISECONDS)) {
            wakeUps.drainPermits();
        }
    }

    private void runKey(String key, String worker) {
        List<StoredDelivery> pending = deliveries.pending(key);
        long now = clock.millis();
        // The key was due when listed; another worker may have handled it since and scheduled a retry.
        if (pending.stream().noneMatch(d -> d.nextAttemptAt() <= now)) {
            return;
        }
        WorkHandler.WorkPlan plan = handler.plan(pending);
        StoredDelivery delivery = plan.run();
        deliveries.start(delivery.seq(), plan.coalesced().stream().map(StoredDelivery::seq).toList(), settings.instanceId());
        if (!plan.coalesced().isEmpty()) {
            Counter.builder("migration_review_deliveries_processed").tag("result", "coalesced").register(metrics)
                    .increment(plan.coalesced().size());
        }
        int attempt = delivery.attempts() + 1;
        var finished = new CountDownLatch(1);
        Thread.ofVirtual().start(() -> renewWhileRunning(key, worker, finished));
        try {
            putLogContext(delivery);
            long started = System.nanoTime();
            String result = "done";
            try {
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
                result = retryOrPark(delivery, attempt, describe(e),
                        clock.millis() + settings.retry().delayAfter(attempt).toMillis());
            } finally {
                workTimer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                Counter.builder("migration_review_deliveries_processed").tag("result", result).register(metrics).increment();
            }
        } finally {
            // Counted down, not interrupted: an interrupt during a store call could break the store's file.
            finished.countDown();
            MDC.clear();
        }
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

    private void renewWhileRunning(String key, String worker, CountDownLatch finished) {
        long every = Math.max(10, settings.lease().toMillis() / 3);
        while (true) {
            try {
                if (finished.await(every, TimeUnit.MILLISECONDS)) {
                    return;
                }
                if (!deliveries.renewLease(key, settings.instanceId(), worker, settings.lease().toMillis())) {
                    LOG.warn("lost the lease on {} while working on it", key);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("cannot renew the lease on {}: {}", key, e.getMessage());
            }
        }
    }

    private static void putLogContext(StoredDelivery delivery) {
        MDC.put("delivery_id", delivery.deliveryId());
        MDC.put("event", delivery.event() + "." + delivery.action());
        delivery.repository().ifPresent(repository -> MDC.put("repository", repository));
        delivery.pullNumber().ifPresent(number -> MDC.put("pr_number", Integer.toString(number)));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the workers; work in progress stays in the store as running and is resumed by the next start. */
    @Override
    public void close() {
        if (!running.compareAndSet(true, false)) {
            return;
        }
        wakeUps.release(settings.workers());
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}

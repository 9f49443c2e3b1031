package dev.migrationreview.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.store.Deliveries;
import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.NewDelivery;
import dev.migrationreview.store.Store;
import dev.migrationreview.store.StoredDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workers over a real (embedded) store, with handlers that fail, stall or count on purpose. */
class WorkerPoolTest {

    @TempDir
    Path folder;
    Store store;
    WorkerPool pool;

    @BeforeEach
    void open() {
        store = Store.open(Store.embedded(folder), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        if (pool != null) {
            pool.close();
        }
        store.close();
    }

    static NewDelivery delivery(String id, String key) {
        return new NewDelivery(id, "pull_request", "synchronize", key, Optional.empty(), Optional.empty(), Optional.empty(),
                id.getBytes());
    }

    void start(WorkHandler handler, int workers, int maxAttempts) {
        pool = new WorkerPool(store.deliveries(), handler, new WorkerSettings(workers, "test", Duration.ofSeconds(5),
                Duration.ofMillis(20), new RetryPolicy(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(100))),
                new SimpleMeterRegistry(), Clock.systemUTC());
        pool.start();
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    DeliveryStatus status(String id) {
        return store.deliveries().find(id).orElseThrow().status();
    }

    /** Handles the newest pending delivery of a key and folds the older ones in, like the App does. */
    abstract static class NewestWins implements WorkHandler {
        @Override
        public WorkPlan plan(List<StoredDelivery> pending) {
            return new WorkPlan(pending.getLast(), pending.subList(0, pending.size() - 1));
        }
    }

    @Test
    void aFailingDeliveryIsRetriedWithBackoffUntilItSucceeds() throws Exception {
        var attempts = new CopyOnWriteArrayList<Long>();
        start(new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws IOException {
                attempts.add(System.nanoTime());
                if (attempts.size() < 3) {
                    throw new IOException("GitHub answered 502");
                }
                return "done at attempt " + attempts.size();
            }
        }, 2, 5);
        store.deliveries().accept(delivery("flaky", "pr:1#1"));
        pool.wake();
        await("the delivery succeeds", () -> status("flaky") == DeliveryStatus.DONE);
        StoredDelivery done = store.deliveries().find("flaky").orElseThrow();
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(done.outcome()).hasValue("done at attempt 3");
        assertThat(done.lastError()).hasValue("GitHub answered 502");
        assertThat(attempts.get(2) - attempts.get(1)).as("the second wait is longer than the first")
                .isGreaterThan(Duration.ofMillis(25).toNanos());
    }

    @Test
    void aDeliveryThatKeepsFailingIsParkedNotDropped() throws Exception {
        start(new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws IOException {
                throw new IOException("connection refused");
            }
        }, 1, 3);
        store.deliveries().accept(delivery("doomed", "pr:1#1"));
        pool.wake();
        await("the delivery is parked", () -> status("doomed") == DeliveryStatus.PARKED);
        assertThat(store.deliveries().find("doomed").orElseThrow().lastError().orElseThrow())
                .isEqualTo("failed 3 times; last error: connection refused");
    }

    @Test
    void aPermanentFailureParksAtOnceAndARateLimitWaitsForItsReset() throws Exception {
        var calls = new ConcurrentHashMap<String, AtomicInteger>();
        long[] retryAt = new long[1];
        start(new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws Exception {
                int call = calls.computeIfAbsent(delivery.deliveryId(), id -> new AtomicInteger()).incrementAndGet();
                if (delivery.deliveryId().equals("forbidden")) {
                    throw new WorkFailure.Permanent("GitHub answered 403: Resource not accessible by integration", null);
                }
                if (call == 1) {
                    retryAt[0] = System.currentTimeMillis() + 300;
                    throw new WorkFailure.RetryAt("rate limit", retryAt[0], null);
                }
                assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(retryAt[0]);
                return "done";
            }
        }, 2, 5);
        store.deliveries().accept(delivery("forbidden", "pr:1#1"));
        store.deliveries().accept(delivery("limited", "pr:2#1"));
        pool.wake();
        await("both are handled", () -> status("forbidden") == DeliveryStatus.PARKED && status("limited") == DeliveryStatus.DONE);
        assertThat(calls.get("forbidden").get()).isEqualTo(1);
        assertThat(calls.get("limited").get()).isEqualTo(2);
    }

    @Test
    void aBurstForOneKeyIsCoalescedAndKeysRunOneAtATime() throws Exception {
        var running = new ConcurrentHashMap<String, AtomicInteger>();
        var overlaps = new AtomicInteger();
        var handled = new CopyOnWriteArrayList<String>();
        start(new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws InterruptedException {
                if (running.computeIfAbsent(delivery.workKey(), k -> new AtomicInteger()).incrementAndGet() > 1) {
                    overlaps.incrementAndGet();
                }
                Thread.sleep(150);
                running.get(delivery.workKey()).decrementAndGet();
                handled.add(delivery.deliveryId());
                return "done";
            }
        }, 4, 3);
        Deliveries deliveries = store.deliveries();
        deliveries.accept(delivery("k1-a", "pr:1#1"));
        pool.wake();
        await("the first is running", () -> status("k1-a") == DeliveryStatus.RUNNING);
        for (String id : List.of("k1-b", "k1-c", "k1-d")) {
            deliveries.accept(delivery(id, "pr:1#1"));
        }
        deliveries.accept(delivery("k2-a", "pr:2#1"));
        pool.wake();
        await("everything is handled", () -> List.of("k1-d", "k2-a").stream()
                .allMatch(id -> status(id) == DeliveryStatus.DONE));
        assertThat(overlaps.get()).isZero();
        assertThat(handled).containsExactlyInAnyOrder("k1-a", "k1-d", "k2-a");
        assertThat(List.of("k1-b", "k1-c")).allSatisfy(id -> {
            assertThat(status(id)).isEqualTo(DeliveryStatus.COALESCED);
            assertThat(store.deliveries().find(id).orElseThrow().coalescedInto()).hasValue("k1-d");
        });
    }

    @Test
    void workLeftRunningByAStoppedPoolIsResumedByTheNextStart() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        var attempts = new AtomicInteger();
        WorkHandler stuckOnce = new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws InterruptedException {
                if (attempts.incrementAndGet() == 1) {
                    release.await();
                }
                return "done";
            }
        };
        start(stuckOnce, 1, 3);
        store.deliveries().accept(delivery("interrupted", "pr:1#1"));
        pool.wake();
        await("it runs", () -> status("interrupted") == DeliveryStatus.RUNNING);
        pool.close();
        assertThat(status("interrupted")).as("an interrupted attempt goes back to the queue")
                .isIn(DeliveryStatus.PENDING, DeliveryStatus.RUNNING);
        start(stuckOnce, 1, 3);
        await("it is resumed", () -> status("interrupted") == DeliveryStatus.DONE);
        assertThat(attempts.get()).isEqualTo(2);
    }
}

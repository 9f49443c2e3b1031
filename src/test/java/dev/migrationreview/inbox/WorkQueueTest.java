package dev.migrationreview.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.store.DeliveryStatus;
import dev.migrationreview.store.NewDelivery;
import dev.migrationreview.store.Store;
import dev.migrationreview.store.StoredDelivery;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
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

/** The queue over a real (embedded) store, with handlers that fail, stall or count on purpose. */
class WorkQueueTest {

    @TempDir
    Path folder;
    Store store;
    final List<WorkQueue> queues = new ArrayList<>();

    @BeforeEach
    void open() {
        store = Store.open(Store.embedded(folder), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        queues.forEach(WorkQueue::close);
        store.close();
    }

    static NewDelivery delivery(String id, String key) {
        return new NewDelivery(id, "pull_request", "synchronize", key, Optional.empty(), Optional.empty(), Optional.empty(),
                id.getBytes());
    }

    WorkQueue start(WorkHandler handler, int workers, int maxAttempts) {
        return start("test", handler, workers, maxAttempts);
    }

    WorkQueue start(String instance, WorkHandler handler, int workers, int maxAttempts) {
        var queue = new WorkQueue(store.dataSource(), store.deliveries(), handler, new WorkerSettings(workers, instance,
                Duration.ofMillis(800), Duration.ofMillis(50), new RetryPolicy(maxAttempts, Duration.ofMillis(20), Duration.ofMillis(100))),
                List.of(), new SimpleMeterRegistry(), Clock.systemUTC());
        queues.add(queue);
        queue.start();
        return queue;
    }

    /** Stores a delivery and queues its key, as the inbox does. */
    void accept(WorkQueue queue, String id, String key) {
        store.deliveries().accept(delivery(id, key));
        queue.enqueue(key);
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
        WorkQueue queue = start(new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws IOException {
                attempts.add(System.nanoTime());
                if (attempts.size() < 3) {
                    throw new IOException("GitHub answered 502");
                }
                return "done at attempt " + attempts.size();
            }
        }, 2, 5);
        accept(queue, "flaky", "pr:1#1");
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
        WorkQueue queue = start(new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws IOException {
                throw new IOException("connection refused");
            }
        }, 1, 3);
        accept(queue, "doomed", "pr:1#1");
        await("the delivery is parked", () -> status("doomed") == DeliveryStatus.PARKED);
        assertThat(store.deliveries().find("doomed").orElseThrow().lastError().orElseThrow())
                .isEqualTo("failed 3 times; last error: connection refused");
    }

    @Test
    void aPermanentFailureParksAtOnceAndARateLimitWaitsForItsReset() throws Exception {
        var calls = new ConcurrentHashMap<String, AtomicInteger>();
        long[] retryAt = new long[1];
        WorkQueue queue = start(new NewestWins() {
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
        accept(queue, "forbidden", "pr:1#1");
        accept(queue, "limited", "pr:2#1");
        await("both are handled", () -> status("forbidden") == DeliveryStatus.PARKED && status("limited") == DeliveryStatus.DONE);
        assertThat(calls.get("forbidden").get()).isEqualTo(1);
        assertThat(calls.get("limited").get()).isEqualTo(2);
    }

    @Test
    void aBurstForOneKeyIsCoalescedAndKeysRunOneAtATime() throws Exception {
        var running = new ConcurrentHashMap<String, AtomicInteger>();
        var overlaps = new AtomicInteger();
        var handled = new CopyOnWriteArrayList<String>();
        WorkQueue queue = start(new NewestWins() {
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
        accept(queue, "k1-a", "pr:1#1");
        await("the first is running", () -> status("k1-a") == DeliveryStatus.RUNNING);
        for (String id : List.of("k1-b", "k1-c", "k1-d")) {
            accept(queue, id, "pr:1#1");
        }
        accept(queue, "k2-a", "pr:2#1");
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
    void workAReplicaPickedBeforeItDiedIsTakenOverByAnother() throws Exception {
        // What a replica killed in the middle of a review leaves behind: the delivery running and the
        // key's execution picked by it, its last heartbeat long ago.
        store.deliveries().accept(delivery("orphan", "pr:1#1"));
        store.deliveries().start(store.deliveries().find("orphan").orElseThrow().seq(), List.of(), "dead-replica");
        try (var connection = store.dataSource().getConnection();
             var insert = connection.prepareStatement("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, "
                     + "picked, picked_by, last_heartbeat, consecutive_failures, version, priority) "
                     + "VALUES (?, ?, ?, TRUE, 'dead-replica', ?, 0, 1, 0)")) {
            var longAgo = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600));
            insert.setString(1, WorkQueue.WORK_TASK);
            insert.setString(2, "pr:1#1");
            insert.setTimestamp(3, longAgo);
            insert.setTimestamp(4, longAgo);
            insert.executeUpdate();
        }
        var handled = new CopyOnWriteArrayList<String>();
        start("survivor", new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) {
                handled.add(delivery.deliveryId());
                return "taken over";
            }
        }, 1, 3);
        await("the survivor takes it over", () -> status("orphan") == DeliveryStatus.DONE);
        StoredDelivery done = store.deliveries().find("orphan").orElseThrow();
        assertThat(done.attempts()).as("the dead replica's attempt and the survivor's").isEqualTo(2);
        assertThat(done.outcome()).hasValue("taken over");
        assertThat(handled).containsExactly("orphan");
    }

    @Test
    void aDeliveryThatTookItsReplicaDownEveryTimeIsParked() throws Exception {
        store.deliveries().accept(delivery("poison", "pr:1#1"));
        for (int crash = 0; crash < 3; crash++) {
            store.deliveries().start(store.deliveries().find("poison").orElseThrow().seq(), List.of(), "replica-" + crash);
            store.deliveries().reclaimRunning("pr:1#1");
        }
        var handled = new AtomicInteger();
        WorkQueue queue = start(new NewestWins() {
            public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) {
                handled.incrementAndGet();
                return "done";
            }
        }, 1, 3);
        queue.enqueue("pr:1#1");
        await("it is parked", () -> status("poison") == DeliveryStatus.PARKED);
        assertThat(handled.get()).isZero();
        assertThat(store.deliveries().find("poison").orElseThrow().lastError().orElseThrow())
                .contains("abandoned 3 times");
    }

    @Test
    void twoReplicasOnOneStoreWorkOnAKeyOneAtATimeAndLoseNothing() throws Exception {
        var running = new ConcurrentHashMap<String, AtomicInteger>();
        var overlaps = new AtomicInteger();
        var handledBy = new ConcurrentHashMap<String, String>();
        List<WorkQueue> replicas = new ArrayList<>();
        for (String name : List.of("replica-a", "replica-b")) {
            replicas.add(start(name, new NewestWins() {
                public String handle(StoredDelivery delivery, byte[] payload, WorkContext context) throws InterruptedException {
                    if (running.computeIfAbsent(delivery.workKey(), k -> new AtomicInteger()).incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    Thread.sleep(5);
                    running.get(delivery.workKey()).decrementAndGet();
                    handledBy.put(delivery.deliveryId(), name);
                    return "done by " + name;
                }
            }, 2, 3));
        }
        int keys = 20;
        int pushes = 5;
        for (int push = 0; push < pushes; push++) {
            for (int key = 0; key < keys; key++) {
                accept(replicas.get((key + push) % 2), "k" + key + "-" + push, "pr:1#" + key);
            }
        }
        await("every key's newest delivery is done", () -> java.util.stream.IntStream.range(0, keys)
                .allMatch(key -> status("k" + key + "-" + (pushes - 1)) == DeliveryStatus.DONE));
        assertThat(overlaps.get()).as("one run per key at a time, across replicas").isZero();
        assertThat(store.deliveries().countByStatus()).as("every delivery done or folded into a later one")
                .containsEntry(DeliveryStatus.PENDING, 0L).containsEntry(DeliveryStatus.RUNNING, 0L)
                .containsEntry(DeliveryStatus.PARKED, 0L);
        assertThat(new java.util.HashSet<>(handledBy.values())).as("both replicas took work")
                .containsExactlyInAnyOrder("replica-a", "replica-b");
    }
}

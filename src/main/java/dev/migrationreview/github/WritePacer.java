package dev.migrationreview.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends one installation's write requests one at a time from this process, each at least
 * {@code interval} after the previous one ended here and in a slot of the shared {@link WriteSlots}
 * (so replicas space their writes too): GitHub's advice for staying clear of secondary rate limits.
 */
final class WritePacer implements Interceptor {

    private static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE");
    private static final long LATE_TOLERANCE_MILLIS = 10;
    /** On a machine too busy to wake anyone on time, waiting for yet another slot would not help. */
    private static final int MAX_RETAKES = 3;

    private final long installationId;
    private final WriteSlots slots;
    private final long intervalMillis;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long lastWriteEnded = Long.MIN_VALUE;

    WritePacer(long installationId, WriteSlots slots, Duration interval, Clock clock) {
        this.installationId = installationId;
        this.slots = slots;
        this.intervalMillis = interval.toMillis();
        this.clock = clock;
    }

    /**
     * Takes the next slot and sleeps until it starts. This process's last write is part of the
     * reservation: a slot taken earlier and then waited past would let another replica write
     * too soon after this one.
     */
    private long reserve() throws InterruptedException {
        long notBefore = lastWriteEnded == Long.MIN_VALUE ? 0 : lastWriteEnded + intervalMillis;
        long start = slots.reserve(installationId, intervalMillis, notBefore);
        long wait = start - clock.millis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return start;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (!WRITES.contains(chain.request().method())) {
            return chain.proceed(chain.request());
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to write to GitHub");
        }
        try {
            long start = reserve();
            // Woken late (a busy machine, a long pause in this process): another replica may be
            // sending in the next slot already, so this write takes a later one.
            for (int retake = 0; retake < MAX_RETAKES && clock.millis() > start + LATE_TOLERANCE_MILLIS; retake++) {
                start = reserve();
            }
            return chain.proceed(chain.request());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing writes to GitHub");
        } finally {
            lastWriteEnded = clock.millis();
            lock.unlock();
        }
    }
}

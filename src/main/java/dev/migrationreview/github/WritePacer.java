package dev.migrationreview.github;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * Sends one installation's write requests one at a time, each at least {@code interval} after the
 * previous one finished: GitHub's advice for staying clear of secondary rate limits.
 */
final class WritePacer implements Interceptor {

    private static final Set<String> WRITES = Set.of("POST", "PATCH", "PUT", "DELETE");

    private final long intervalNanos;
    private final ReentrantLock lock = new ReentrantLock(true);
    private long lastWriteEnded = Long.MIN_VALUE;

    WritePacer(Duration interval) {
        this.intervalNanos = interval.toNanos();
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
            if (lastWriteEnded != Long.MIN_VALUE) {
                long wait = lastWriteEnded + intervalNanos - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
            }
            return chain.proceed(chain.request());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while pacing writes to GitHub");
        } finally {
            lastWriteEnded = System.nanoTime();
            lock.unlock();
        }
    }
}

package dev.migrationreview.inbox;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits {@code base * 2^(n-1)} (at most {@code cap}),
 * give or take a fifth so that deliveries failing together do not retry together.
 *
 * @param maxAttempts attempts before a delivery is parked
 */
public record RetryPolicy(int maxAttempts, Duration base, Duration cap) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < base <= cap");
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofSeconds(5), Duration.ofMinutes(15));
    }

    /** The wait after failed attempt number {@code attempt} (1-based). */
    public Duration delayAfter(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        long millis = Math.min(cap.toMillis(), base.toMillis() * (1L << doublings));
        long jitter = millis / 5;
        long jittered = millis + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter + 1));
        return Duration.ofMillis(Math.min(cap.toMillis(), Math.max(1, jittered)));
    }

    public boolean exhausted(int attempts) {
        return attempts >= maxAttempts;
    }
}

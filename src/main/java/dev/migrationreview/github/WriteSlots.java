package dev.migrationreview.github;

import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who may write to GitHub for an installation, and when. Replicas on one store share one ledger,
 * so that an installation's writes are spaced and paused across all of them; a single process
 * can keep it in memory.
 */
public interface WriteSlots {

    /**
     * Takes the installation's next write slot, not before {@code notBeforeMillis}, and returns
     * when that write may start (epoch milliseconds). The next slot is an interval after it.
     */
    long reserve(long installationId, long intervalMillis, long notBeforeMillis);

    /** Holds back the installation's writes until {@code untilMillis}, after GitHub said to. */
    void pauseUntil(long installationId, long untilMillis);

    /** Slots kept by this process alone. */
    static WriteSlots inMemory(Clock clock) {
        return new WriteSlots() {
            private final ConcurrentHashMap<Long, long[]> slots = new ConcurrentHashMap<>();

            @Override
            public long reserve(long installationId, long intervalMillis, long notBeforeMillis) {
                long[] taken = new long[1];
                slots.compute(installationId, (id, state) -> {
                    long[] current = state == null ? new long[2] : state;
                    taken[0] = Math.max(Math.max(clock.millis(), notBeforeMillis), Math.max(current[0], current[1]));
                    return new long[] {taken[0] + intervalMillis, current[1]};
                });
                return taken[0];
            }

            @Override
            public void pauseUntil(long installationId, long untilMillis) {
                slots.merge(installationId, new long[] {0, untilMillis},
                        (current, pause) -> new long[] {current[0], Math.max(current[1], pause[1])});
            }
        };
    }
}

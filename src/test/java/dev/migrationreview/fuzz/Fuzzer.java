package dev.migrationreview.fuzz;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** A fuzzer: runs numbered cases against one target, and checks the target once the cases are done. */
public interface Fuzzer extends AutoCloseable {

    /** The name the command line and the report use: {@code webhook}, {@code engine}. */
    String name();

    /** The kinds of cases it makes, as the report counts them. */
    List<String> categories();

    /** Runs one case, recording its category as tried and any failure with the case's reproducer. */
    void run(FuzzCase fuzzCase, FuzzTally tally);

    /** Checks that only make sense once every case ran (the target is still healthy, nothing is stuck). */
    default void checkAfterRun(FuzzTally tally) {}

    /** Whether later cases would tell nothing more (e.g. abandoned hung cases hold the CPU). */
    default boolean exhausted() {
        return false;
    }

    @Override
    default void close() {}

    /**
     * Runs cases 0, 1, 2, ... until {@code maxCases} ran or {@code time} passed, whichever comes
     * first, then the after-run checks.
     */
    static void runCases(Fuzzer fuzzer, long seed, List<String> categories, long maxCases, Duration time, FuzzTally tally) {
        long started = System.nanoTime();
        long deadline = started + time.toNanos();
        long lastProgress = started;
        for (long number = 0; number < maxCases && System.nanoTime() < deadline && !fuzzer.exhausted(); number++) {
            fuzzer.run(new FuzzCase(fuzzer.name(), seed, number, categories), tally);
            if (System.nanoTime() - lastProgress > Duration.ofSeconds(15).toNanos()) {
                lastProgress = System.nanoTime();
                System.err.printf(Locale.ROOT, "%s: %,d cases, %d distinct failures so far%n", fuzzer.name(), number + 1,
                        tally.failures().size());
            }
        }
        fuzzer.checkAfterRun(tally);
        tally.took(fuzzer.name(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** Runs one case again, as its reproducer says, and the after-run checks. */
    static void replay(Fuzzer fuzzer, long seed, List<String> categories, long number, FuzzTally tally) {
        long started = System.nanoTime();
        fuzzer.run(new FuzzCase(fuzzer.name(), seed, number, categories), tally);
        fuzzer.checkAfterRun(tally);
        tally.took(fuzzer.name(), Duration.ofNanos(System.nanoTime() - started));
    }
}

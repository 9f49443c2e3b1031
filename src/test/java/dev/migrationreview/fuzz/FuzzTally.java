package dev.migrationreview.fuzz;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a fuzz run tried and what went wrong, by fuzzer and category. Failures with the same
 * category and summary are one row with a count and the first case's reproducer, so a bug hit a
 * thousand times reads as one bug.
 */
public final class FuzzTally {

    /** One kind of failure: where it was first seen and how often. */
    public record Failure(String fuzzer, String category, String summary, String detail, FuzzCase firstCase, int count) {

        Failure again() {
            return new Failure(fuzzer, category, summary, detail, firstCase, count + 1);
        }
    }

    private final Map<String, Map<String, Long>> tried = new LinkedHashMap<>();
    private final Map<String, Failure> failures = new LinkedHashMap<>();
    private final Map<String, Duration> durations = new LinkedHashMap<>();
    private final Map<String, List<String>> notes = new LinkedHashMap<>();

    public synchronized void tried(String fuzzer, String category) {
        tried.computeIfAbsent(fuzzer, f -> new TreeMap<>()).merge(category, 1L, Long::sum);
    }

    /** A failure of one case; {@code summary} names the kind of failure, {@code detail} helps reproduce it. */
    public synchronized void failed(FuzzCase fuzzCase, String category, String summary, String detail) {
        String key = fuzzCase.fuzzer() + "\u0000" + category + "\u0000" + summary;
        failures.merge(key, new Failure(fuzzCase.fuzzer(), category, summary, detail, fuzzCase, 1), (old, added) -> old.again());
    }

    /** A failure of a check made after the cases (the server's health, the queue), not of one case. */
    public synchronized void failedAfterRun(String fuzzer, String check, String detail) {
        failed(new FuzzCase(fuzzer, 0, -1, java.util.List.of()), "after-run", check, detail);
    }

    public synchronized void took(String fuzzer, Duration duration) {
        durations.merge(fuzzer, duration, Duration::plus);
    }

    /** A line for the fuzzer's part of the report: what was checked after the run, what could not be checked. */
    public synchronized void note(String fuzzer, String line) {
        notes.computeIfAbsent(fuzzer, f -> new ArrayList<>()).add(line);
    }

    public synchronized long cases(String fuzzer) {
        return tried.getOrDefault(fuzzer, Map.of()).values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized Map<String, Long> casesByCategory(String fuzzer) {
        return Map.copyOf(tried.getOrDefault(fuzzer, Map.of()));
    }

    public synchronized List<Failure> failures() {
        return List.copyOf(failures.values());
    }

    public synchronized String report() {
        var out = new StringBuilder();
        for (var entry : tried.entrySet()) {
            String fuzzer = entry.getKey();
            long total = entry.getValue().values().stream().mapToLong(Long::longValue).sum();
            Duration took = durations.getOrDefault(fuzzer, Duration.ZERO);
            out.append(String.format(Locale.ROOT, "%s fuzzer: %,d cases in %.1f s (%.1f cases/s)%n", fuzzer, total,
                    took.toMillis() / 1000.0, total / Math.max(0.001, took.toMillis() / 1000.0)));
            entry.getValue().forEach((category, count) -> out.append(String.format(Locale.ROOT, "  %-28s %,9d%n", category, count)));
            notes.getOrDefault(fuzzer, List.of()).forEach(note -> out.append("  ").append(note).append('\n'));
        }
        int failed = failures.values().stream().mapToInt(Failure::count).sum();
        out.append(String.format(Locale.ROOT, "failures: %d (%d distinct)%n", failed, failures.size()));
        for (Failure failure : failures.values()) {
            out.append(String.format(Locale.ROOT, "  FAIL %s/%s: %s (x%d)%n    reproduce: %s%n", failure.fuzzer(),
                    failure.category(), failure.summary(), failure.count(), failure.firstCase().reproducer()));
            failure.detail().lines().limit(12).forEach(line -> out.append("    | ").append(line).append('\n'));
        }
        return out.toString();
    }
}

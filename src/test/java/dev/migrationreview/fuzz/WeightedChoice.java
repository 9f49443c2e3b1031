package dev.migrationreview.fuzz;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Named choices drawn at random in proportion to their weights, optionally among some names only. */
public final class WeightedChoice<T> {

    private record Weighted<T>(int weight, T value) {}

    private final Map<String, Weighted<T>> choices = new LinkedHashMap<>();

    public WeightedChoice<T> add(String name, int weight, T value) {
        choices.put(name, new Weighted<>(weight, value));
        return this;
    }

    public List<String> names() {
        return List.copyOf(choices.keySet());
    }

    /** A name and its value; among {@code only} when that is not empty. */
    public Map.Entry<String, T> pick(Random random, List<String> only) {
        var candidates = choices.entrySet().stream().filter(c -> only.isEmpty() || only.contains(c.getKey())).toList();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("no category among " + only + "; there are " + names());
        }
        int pick = random.nextInt(candidates.stream().mapToInt(c -> c.getValue().weight()).sum());
        for (var candidate : candidates) {
            pick -= candidate.getValue().weight();
            if (pick < 0) {
                return Map.entry(candidate.getKey(), candidate.getValue().value());
            }
        }
        throw new AssertionError("weights add up");
    }
}

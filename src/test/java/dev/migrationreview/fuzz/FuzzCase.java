package dev.migrationreview.fuzz;

import java.util.List;
import java.util.Random;

/**
 * One case of a fuzz run: its randomness comes from the seed, its number and the categories it
 * draws from alone, so a failing case is replayed on its own with {@code --seed S --case N}
 * (and {@code --category C} when the run was limited to some), whatever ran before it.
 *
 * @param number     the case's number in the run; -1 for checks made after the cases
 * @param categories the categories the case draws from; empty: all of the fuzzer's
 */
public record FuzzCase(String fuzzer, long seed, long number, List<String> categories) {

    public FuzzCase {
        categories = List.copyOf(categories);
    }

    public Random random() {
        // Mixing the number through a large odd constant keeps neighbouring cases' streams apart.
        return new Random(seed ^ (number + 1) * 0x9E3779B97F4A7C15L);
    }

    public String reproducer() {
        String only = categories.stream().map(c -> " --category " + c).reduce("", String::concat);
        return number < 0
                ? "FuzzMain " + fuzzer + " --seed " + seed + only + " (a check after the cases)"
                : "FuzzMain " + fuzzer + " --seed " + seed + " --case " + number + only;
    }
}

package dev.migrationreview.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Answers that hold for a while (team memberships, other repositories' configuration), kept up to
 * a capacity with the least recently used dropped first. A question that fails is not remembered.
 */
public final class ExpiringAnswers<K, V> {

    private record Answer<V>(V value, Instant expires) {}

    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;
    private final Map<K, Answer<V>> answers;

    public ExpiringAnswers(Duration lifetime, int capacity, Clock clock) {
        if (capacity < 1 || lifetime.isNegative()) {
            throw new IllegalArgumentException("capacity must be positive and lifetime not negative");
        }
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
        this.answers = new LinkedHashMap<>(16, 0.75f, true);
    }

    /** The remembered answer to {@code question}, or {@code ask}'s, which is then remembered. */
    public V get(K question, Supplier<V> ask) {
        Instant now = clock.instant();
        synchronized (answers) {
            Answer<V> known = answers.get(question);
            if (known != null && now.isBefore(known.expires())) {
                return known.value();
            }
        }
        V value = ask.get();
        synchronized (answers) {
            answers.put(question, new Answer<>(value, now.plus(lifetime)));
            if (answers.size() > capacity) {
                answers.remove(answers.keySet().iterator().next());
            }
        }
        return value;
    }
}

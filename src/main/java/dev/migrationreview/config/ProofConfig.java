package dev.migrationreview.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code proof:} section of the configuration: when to prove, against which server, from
 * which base state, and which queries must keep their plans.
 *
 * @param serverUrl     a JDBC URL of a server named explicitly for proofs (a staging server with a
 *                      sanitised snapshot); empty means the embedded PostgreSQL the bot starts itself
 * @param baseSchema    repository path of a schema dump or seed script applied before the base migrations
 * @param volume        synthetic rows per existing table, so locks and plans reflect size, filled in this order
 * @param costFactor    a plan whose total cost grows past this factor is a regression
 */
public record ProofConfig(
        Mode mode,
        Optional<String> serverUrl,
        Optional<String> baseSchema,
        Map<String, Long> volume,
        List<CriticalQuery> criticalQueries,
        double costFactor,
        Duration statementTimeout,
        Duration lockTimeout,
        Duration wallClock) {

    public enum Mode { ALWAYS, ON_REQUEST, NEVER }

    public ProofConfig {
        // Insertion order matters: parents are filled before the tables that reference them.
        volume = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(volume));
        criticalQueries = List.copyOf(criticalQueries);
    }

    public static ProofConfig defaults() {
        return new ProofConfig(Mode.ON_REQUEST, Optional.empty(), Optional.empty(), Map.of(), List.of(), 2.0,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

    /** A query that a business workflow depends on; its plan must not regress. */
    public record CriticalQuery(String workflow, String name, String sql) {}
}

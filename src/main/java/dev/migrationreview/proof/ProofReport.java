package dev.migrationreview.proof;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything a proof observed. {@code failure} is set when the proof itself could not finish
 * (base state broken, server unavailable, wall-clock cap): what was observed until then is kept.
 */
public record ProofReport(
        String server,
        Duration elapsed,
        List<StatementTrace> statements,
        List<RollbackResult> rollbacks,
        List<PlanComparison> plans,
        List<String> notProved,
        Optional<String> failure) {

    public ProofReport {
        statements = List.copyOf(statements);
        rollbacks = List.copyOf(rollbacks);
        plans = List.copyOf(plans);
        notProved = List.copyOf(notProved);
    }

    public static ProofReport failed(String server, Duration elapsed, String why) {
        return new ProofReport(server, elapsed, List.of(), List.of(), List.of(), List.of(), Optional.of(why));
    }
}

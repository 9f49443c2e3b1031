package dev.migrationreview.proof;

import dev.migrationreview.config.ProofConfig;
import java.util.List;
import java.util.Optional;

/** A critical query's plan before and after the change, and why the later one is worse (empty when it is not). */
public record PlanComparison(ProofConfig.CriticalQuery query, Optional<QueryPlan> before, Optional<QueryPlan> after,
                             List<String> regressions) {

    public PlanComparison {
        regressions = List.copyOf(regressions);
    }

    public boolean regressed() {
        return !regressions.isEmpty();
    }
}

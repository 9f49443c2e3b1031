package dev.migrationreview.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProofSectionsTest {

    private final ConfigLoader loader = ConfigLoader.acceptingAnyRuleId();

    @Test
    void readsEveryProofSetting() {
        ConfigResult result = loader.load(".github/migration-review.yml", """
                proof:
                  mode: always
                  server_url: jdbc:postgresql://staging-db:5432/snapshot
                  base_schema: db/structure.sql
                  volume: {customers: 1000, orders: 5000}
                  critical_queries:
                    - {workflow: checkout, name: orders of a customer, sql: "SELECT * FROM orders WHERE customer_id = 1"}
                  cost_factor: 1.5
                  statement_timeout: 45s
                  lock_timeout: 500ms
                  wall_clock: 3min
                """);

        assertThat(result.errors()).isEmpty();
        ProofConfig proof = result.proof();
        assertThat(proof.mode()).isEqualTo(ProofConfig.Mode.ALWAYS);
        assertThat(proof.serverUrl()).contains("jdbc:postgresql://staging-db:5432/snapshot");
        assertThat(proof.baseSchema()).contains("db/structure.sql");
        assertThat(proof.volume()).containsExactly(java.util.Map.entry("customers", 1000L), java.util.Map.entry("orders", 5000L));
        assertThat(proof.criticalQueries()).singleElement().satisfies(q -> {
            assertThat(q.workflow()).isEqualTo("checkout");
            assertThat(q.name()).isEqualTo("orders of a customer");
        });
        assertThat(proof.costFactor()).isEqualTo(1.5);
        assertThat(proof.statementTimeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(proof.lockTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(proof.wallClock()).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void withoutTheSectionProofsRunOnRequest() {
        assertThat(loader.load(".github/migration-review.yml", "rules: {}\n").proof()).isEqualTo(ProofConfig.defaults());
    }

    @Test
    void badValuesAreReportedWithTheirLines() {
        ConfigResult result = loader.load(".github/migration-review.yml", """
                proof:
                  mode: sometimes
                  server_url: mysql://db
                  cost_factor: 0.5
                  lock_timeout: soon
                  critical_queries:
                    - {workflow: checkout}
                """);

        assertThat(result.errors()).extracting(ConfigError::toString)
                .anySatisfy(e -> assertThat(e).contains(":2:").contains("always, on-request or never"))
                .anySatisfy(e -> assertThat(e).contains(":3:").contains("jdbc:postgresql://"))
                .anySatisfy(e -> assertThat(e).contains(":4:").contains("at least 1"))
                .anySatisfy(e -> assertThat(e).contains(":5:").contains("500ms, 30s or 5min"))
                .anySatisfy(e -> assertThat(e).contains(":7:").contains("'name' and its 'sql'"));
        assertThat(result.proof()).isEqualTo(ProofConfig.defaults());
    }
}

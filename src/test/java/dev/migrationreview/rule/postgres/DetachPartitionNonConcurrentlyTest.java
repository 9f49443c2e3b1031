package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static dev.migrationreview.rule.RuleTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class DetachPartitionNonConcurrentlyTest {

    private final DetachPartitionNonConcurrently rule = new DetachPartitionNonConcurrently();

    @Test
    void onFourteenAndLaterDetachConcurrently() {
        assertThat(findingsNoTransaction(rule, "ALTER TABLE measurements DETACH PARTITION public.measurements_2019;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).contains("ACCESS EXCLUSIVE on measurements");
                    assertThat(f.fix()).contains(new Fix(
                            "ALTER TABLE measurements DETACH PARTITION public.measurements_2019 CONCURRENTLY;", true));
                });
    }

    @Test
    void beforeFourteenOnlyALockTimeoutHelps() {
        assertThat(findings(rule, postgres(13), "ALTER TABLE measurements DETACH PARTITION measurements_2019;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).contains("PostgreSQL 13 has no DETACH PARTITION CONCURRENTLY");
                    assertThat(f.fix().orElseThrow().code()).startsWith("SET lock_timeout");
                });
    }

    @Test
    void concurrentDetachAndNewTablesAreFine() {
        assertThat(findingsNoTransaction(rule, "ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE m (at date) PARTITION BY RANGE (at);\nALTER TABLE m DETACH PARTITION m_2019;"))
                .isEmpty();
    }
}

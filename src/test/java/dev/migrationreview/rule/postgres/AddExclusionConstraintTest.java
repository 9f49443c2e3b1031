package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddExclusionConstraintTest {

    private final AddExclusionConstraint rule = new AddExclusionConstraint();

    @Test
    void warnsThatThereIsNoConcurrentPath() {
        assertThat(findings(rule, "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);"))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).contains("no concurrent way");
                    assertThat(f.fix().orElseThrow().code()).isEqualTo("""
                            -- in a maintenance window:
                            SET lock_timeout = '5s';
                            SET statement_timeout = '15min';
                            ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);""");
                });
    }

    @Test
    void newTablesAreFine() {
        assertThat(findings(rule, "CREATE TABLE bookings (room int, during tstzrange);",
                "ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);")).isEmpty();
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Fix;
import org.junit.jupiter.api.Test;

class AddCheckValidatedTest {

    private final AddCheckValidated rule = new AddCheckValidated();

    @Test
    void flagsCheckOnExistingTable() {
        var found = findingsNoTransaction(rule, "ALTER TABLE orders\n  ADD CONSTRAINT orders_total_positive CHECK (total >= 0);");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.startLine()).isEqualTo(1);
            assertThat(f.endLine()).isEqualTo(2);
            assertThat(f.message()).contains("ACCESS EXCLUSIVE");
            assertThat(f.fix()).contains(new Fix("ALTER TABLE orders\n  ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\n"
                    + "ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;", true));
        });
    }

    @Test
    void aStatementWithSeveralClausesGetsTheConstraintWrittenOut() {
        var found = findings(rule, "ALTER TABLE orders ADD COLUMN note text, ADD CHECK (total >= 0);");
        assertThat(found).singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().code()).startsWith(
                "ALTER TABLE orders ADD CONSTRAINT orders_check CHECK (total >= 0) NOT VALID;\n"));
    }

    @Test
    void aCheckOnANewColumnIsVerifiedAgainstEveryRowToo() {
        var found = findings(rule, "ALTER TABLE orders ADD COLUMN quantity int DEFAULT 1 CHECK (quantity > 0);");
        assertThat(found).singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().code()).isEqualTo(
                "ALTER TABLE orders ADD COLUMN quantity integer DEFAULT 1;\n"
                        + "ALTER TABLE orders ADD CONSTRAINT orders_quantity_check CHECK (quantity > 0) NOT VALID;\n"
                        + "-- then, in a separate migration (its own transaction):\n"
                        + "ALTER TABLE orders VALIDATE CONSTRAINT orders_quantity_check;"));
    }

    @Test
    void notValidChecksAndNewTablesAreFine() {
        assertThat(findings(rule, "ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0) NOT VALID;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE orders (total int);", "ALTER TABLE orders ADD CONSTRAINT c CHECK (total >= 0);")).isEmpty();
    }
}

package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColumnTypeChangeTest {

    private final ColumnTypeChange rule = new ColumnTypeChange();

    @Test
    void intToBigintRewritesAndTheFixExpandsAndContracts() {
        assertThat(findings(rule, "ALTER TABLE orders ALTER COLUMN quantity TYPE bigint;")).singleElement().satisfies(f -> {
            assertThat(f.message()).contains("rewrites orders and rebuilds its indexes under ACCESS EXCLUSIVE")
                    .doesNotContain("catalog-only");
            assertThat(f.fix().orElseThrow().code()).isEqualTo("""
                    ALTER TABLE orders ADD COLUMN quantity_new bigint;
                    -- keep quantity_new in sync on writes (trigger or application), then backfill in batches:
                    UPDATE orders SET quantity_new = quantity::bigint WHERE <primary key range of one batch>;
                    -- then, in one short transaction:
                    ALTER TABLE orders RENAME COLUMN quantity TO quantity_old;
                    ALTER TABLE orders RENAME COLUMN quantity_new TO quantity;""");
        });
    }

    @Test
    void whenTheOldTypeIsUnknownSaysWhichOldTypesWouldBeInstant() {
        assertThat(findings(rule, "ALTER TABLE users ALTER COLUMN name TYPE varchar(200);")).singleElement().satisfies(f ->
                assertThat(f.message()).contains("Only if the column is currently character varying(n <= 200) is this a catalog-only change"));
        assertThat(findings(rule, "ALTER TABLE users ALTER COLUMN seen_at TYPE timestamptz;")).singleElement().satisfies(f ->
                assertThat(f.message()).contains("only when the session time zone is UTC"));
    }

    @Test
    void widensKnownFromEarlierInTheChangeAreCatalogOnly() {
        String addColumns = "ALTER TABLE users ADD COLUMN name varchar(100), ADD COLUMN price numeric(10,2), ADD COLUMN code char(3), "
                + "ADD COLUMN net cidr;";
        assertThat(findings(rule, addColumns, """
                ALTER TABLE users ALTER COLUMN name TYPE varchar(200);
                ALTER TABLE users ALTER COLUMN name TYPE text;
                ALTER TABLE users ALTER COLUMN price TYPE numeric(12,2);
                ALTER TABLE users ALTER COLUMN net TYPE inet;
                """)).isEmpty();
        assertThat(findings(rule, addColumns, """
                ALTER TABLE users ALTER COLUMN name TYPE varchar(50);
                ALTER TABLE users ALTER COLUMN price TYPE numeric(12,4);
                ALTER TABLE users ALTER COLUMN code TYPE text;
                ALTER TABLE users ALTER COLUMN name TYPE varchar(500) USING upper(name);
                """)).extracting(f -> f.startLine()).containsExactly(1, 2, 3, 4);
    }

    @Test
    void newTablesAndMysqlAreFine() {
        assertThat(findings(rule, "CREATE TABLE t (a int);\nALTER TABLE t ALTER COLUMN a TYPE bigint;")).isEmpty();
        assertThat(findings(rule, mysql(), "ALTER TABLE t MODIFY a bigint;")).isEmpty();
    }
}

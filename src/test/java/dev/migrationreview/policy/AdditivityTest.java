package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ConfigResult;
import dev.migrationreview.config.ReviewConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdditivityTest {

    /** The additivity of each operation of a PostgreSQL migration, as "kind reason". */
    private static List<String> of(String sql) {
        var pr = new SimulatedPullRequest().changes("db/migrations/000001_change.up.sql", sql);
        return SchemaChange.of(pr.review(new ConfigResult.Loaded(ReviewConfig.defaults()))).steps().stream()
                .map(s -> s.additivity().kind() + s.additivity().reason().map(r -> " " + r).orElse("")).toList();
    }

    @Test
    void addingIsAdditive() {
        assertThat(of("""
                CREATE TABLE payments (id bigint PRIMARY KEY);
                ALTER TABLE invoices ADD COLUMN note text;
                CREATE INDEX CONCURRENTLY ix_invoices_note ON invoices (note);
                ALTER TABLE invoices ALTER COLUMN note SET DEFAULT '';
                ALTER TABLE invoices ALTER COLUMN total DROP NOT NULL;
                CREATE TYPE mood AS ENUM ('ok');
                ALTER TYPE mood ADD VALUE 'great';
                INSERT INTO plans (name) VALUES ('free');
                CREATE VIEW open_invoices AS SELECT * FROM invoices;
                """)).containsOnly("ADDITIVE");
    }

    @Test
    void takingAwayIsNotAdditiveAndSaysWhatKind() {
        assertThat(of("""
                ALTER TABLE invoices DROP COLUMN legacy;
                ALTER TABLE invoices RENAME COLUMN total TO amount;
                ALTER TABLE invoices ALTER COLUMN amount TYPE bigint;
                ALTER TABLE invoices ALTER COLUMN amount SET NOT NULL;
                ALTER TABLE invoices ADD CONSTRAINT ck_amount CHECK (amount >= 0) NOT VALID;
                ALTER TABLE invoices VALIDATE CONSTRAINT ck_amount;
                CREATE UNIQUE INDEX CONCURRENTLY ux_invoices_number ON invoices (number);
                UPDATE invoices SET amount = 0 WHERE amount IS NULL;
                ALTER TABLE invoices ALTER COLUMN note DROP DEFAULT;
                DROP INDEX CONCURRENTLY ix_old;
                DROP TABLE legacy_invoices;
                DROP VIEW open_invoices;
                DO $$ BEGIN PERFORM 1; END $$;
                """)).containsExactly("NON_ADDITIVE drop", "NON_ADDITIVE rename", "NON_ADDITIVE type change",
                "NON_ADDITIVE constraint tightening", "NON_ADDITIVE constraint tightening", "NON_ADDITIVE constraint tightening",
                "NON_ADDITIVE constraint tightening", "NON_ADDITIVE data rewrite", "NON_ADDITIVE drop", "NON_ADDITIVE drop",
                "NON_ADDITIVE drop", "NON_ADDITIVE drop", "NON_ADDITIVE unknown effect");
    }

    @Test
    void anythingDoneToATableCreatedInTheSameChangeIsAdditive() {
        assertThat(of("""
                CREATE TABLE payments (id bigint, amount int);
                ALTER TABLE payments ALTER COLUMN amount SET NOT NULL;
                ALTER TABLE payments RENAME COLUMN amount TO cents;
                """)).containsOnly("ADDITIVE");
    }

    @Test
    void sessionSettingsAndMaintenanceChangeNoSchema() {
        assertThat(of("""
                SET lock_timeout = '2s';
                BEGIN;
                VACUUM invoices;
                SELECT 1;
                COMMIT;
                """)).containsOnly("NO_SCHEMA_CHANGE");
    }
}

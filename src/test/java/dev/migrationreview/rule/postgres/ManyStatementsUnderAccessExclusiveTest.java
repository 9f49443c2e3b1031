package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManyStatementsUnderAccessExclusiveTest {

    private final ManyStatementsUnderAccessExclusive rule = new ManyStatementsUnderAccessExclusive();

    /** Found by the engine fuzzer: what the transaction held was listed again for every statement (40,000 tables: 17 s). */
    @Test
    void aTransactionOverTensOfThousandsOfTablesCostsLinearTime() {
        var tables = new StringBuilder();
        for (int i = 0; i < 80_000; i++) {
            tables.append("ALTER TABLE t").append(i).append(" ADD COLUMN c int;\n");
        }
        long started = System.nanoTime();

        assertThat(findings(rule, tables.toString())).hasSize(1);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
    }

    @Test
    void slowWorkWhileAnotherStatementHoldsAccessExclusive() {
        var found = findings(rule, """
                ALTER TABLE users ADD COLUMN plan text;
                CREATE INDEX idx_orders_user ON orders (user_id);
                ALTER TABLE accounts ADD COLUMN x int;
                """);
        assertThat(found).as("once per transaction").singleElement().satisfies(f -> {
            assertThat(f.startLine()).isEqualTo(2);
            assertThat(f.message()).contains("ACCESS EXCLUSIVE on users at line 1")
                    .contains("an index build over the whole table on orders");
            assertThat(f.fix().orElseThrow().code()).isEqualTo(
                    "-- in a new migration, so that the lock above is released first:\nCREATE INDEX idx_orders_user ON orders (user_id);");
        });
    }

    @Test
    void onTheHeldTableOnlyWorkUnderAWeakerLockIsMadeWorse() {
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN plan text;\nCREATE INDEX idx_users_plan ON users (plan);"))
                .as("the index build alone would let reads through").singleElement()
                .satisfies(f -> assertThat(f.message()).contains("an index build over the whole table on users"));
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN plan text;\nALTER TABLE users ALTER COLUMN email SET NOT NULL;"))
                .as("SET NOT NULL blocks reads by itself: set-not-null reports it").isEmpty();
    }

    @Test
    void lockingASecondTableWithoutLockTimeout() {
        String twoTables = "ALTER TABLE users ADD COLUMN plan text;\nALTER TABLE orders ADD COLUMN note text;";
        assertThat(findings(rule, twoTables)).singleElement().satisfies(f -> assertThat(f.message())
                .contains("waits for ACCESS EXCLUSIVE on orders, with no lock_timeout"));
        assertThat(findings(rule, "SET lock_timeout = '2s';\n" + twoTables)).isEmpty();
    }

    @Test
    void separateTransactionsSameTableAndOtherRulesCasesAreFine() {
        assertThat(findingsNoTransaction(rule, """
                ALTER TABLE users ADD COLUMN plan text;
                CREATE INDEX idx_orders_user ON orders (user_id);
                """)).isEmpty();
        assertThat(findingsNoTransaction(rule, """
                BEGIN;
                ALTER TABLE users ADD COLUMN plan text;
                COMMIT;
                BEGIN;
                CREATE INDEX idx_orders_user ON orders (user_id);
                COMMIT;
                """)).isEmpty();
        assertThat(findings(rule, """
                ALTER TABLE users ADD COLUMN plan text;
                ALTER TABLE users ADD COLUMN tier int;
                UPDATE users SET plan = 'free';
                ALTER TABLE users ADD CONSTRAINT c CHECK (tier > 0) NOT VALID;
                ALTER TABLE users VALIDATE CONSTRAINT c;
                """)).isEmpty();
        assertThat(findings(rule, "CREATE TABLE t (a int);\nALTER TABLE t ADD COLUMN b int;\nCREATE INDEX ON t (a);")).isEmpty();
    }
}

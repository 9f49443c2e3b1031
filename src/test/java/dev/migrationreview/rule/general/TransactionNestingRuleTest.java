package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransactionNestingRuleTest {

    private final TransactionNestingRule rule = new TransactionNestingRule();

    @Test
    void flagsBeginInsideTheFrameworksTransactionOnceForTheBlock() {
        var found = findings(rule, "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("transaction-nesting");
            assertThat(f.startLine()).isEqualTo(1);
            assertThat(f.message()).contains("BEGIN inside the transaction the framework runs");
        });
    }

    @Test
    void flagsACommitThatEndsTheFrameworksTransaction() {
        assertThat(findings(rule, "CREATE TABLE a (id bigint);\nCOMMIT;\nCREATE INDEX CONCURRENTLY a_id ON a (id);"))
                .singleElement().satisfies(f -> {
                    assertThat(f.startLine()).isEqualTo(2);
                    assertThat(f.message()).startsWith("COMMIT ends the transaction the framework runs");
                });
    }

    @Test
    void flagsBeginWhileTheFilesOwnTransactionIsOpen() {
        assertThat(findingsNoTransaction(rule, "BEGIN;\nCREATE TABLE a (id bigint);\nSTART TRANSACTION;\nCOMMIT;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.startLine()).isEqualTo(3);
                    assertThat(f.message()).contains("opened earlier in this file");
                });
    }

    @Test
    void acceptsExplicitTransactionsInNonTransactionalMigrations() {
        assertThat(findingsNoTransaction(rule,
                "BEGIN;\nALTER TABLE users ADD COLUMN nickname text;\nCOMMIT;\nBEGIN;\nSELECT 1;\nROLLBACK;")).isEmpty();
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN nickname text;")).isEmpty();
    }

    /** Found by the engine fuzzer: every COMMIT looked through the migration again for an earlier BEGIN (100,000: a hang). */
    @Test
    void tensOfThousandsOfCommitsCostLinearTime() {
        long started = System.nanoTime();

        assertThat(findings(rule, "COMMIT;\n".repeat(40_000))).hasSize(40_000);
        assertThat(findings(rule, "BEGIN;\n" + "COMMIT;\n".repeat(40_000))).hasSize(1);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(15));
    }
}

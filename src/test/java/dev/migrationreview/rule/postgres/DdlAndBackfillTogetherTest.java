package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DdlAndBackfillTogetherTest {

    private final DdlAndBackfillTogether rule = new DdlAndBackfillTogether();

    @Test
    void inOneTransactionTheLockIsHeldThroughTheBackfill() {
        var found = findings(rule, "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free';");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.startLine()).isEqualTo(2);
            assertThat(f.message()).contains("holds ACCESS EXCLUSIVE on users until this transaction commits");
            assertThat(f.fix().orElseThrow().code()).isEqualTo("""
                    -- in a separate migration (or a background job):
                    -- repeat until no row changes, committing after each batch (id: the primary key):
                    UPDATE users SET plan = 'free' WHERE id IN (SELECT id FROM users WHERE <not yet done> LIMIT 10000);""");
        });
    }

    @Test
    void withoutASharedTransactionItStillHoldsUpTheDeploy() {
        var found = findingsNoTransaction(rule, "DELETE FROM sessions WHERE expired;\nALTER TABLE users ADD COLUMN plan text;");
        assertThat(found).singleElement().satisfies(f -> assertThat(f.message())
                .contains("changes the schema (line 2) and also runs DELETE over existing rows of sessions"));
    }

    @Test
    void backfillsAloneAndNewTablesAreFine() {
        assertThat(findings(rule, "UPDATE users SET plan = 'free' WHERE plan IS NULL;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE plans (id int, name text);\nINSERT INTO plans VALUES (1, 'free');\n"
                + "UPDATE plans SET name = 'basic';")).isEmpty();
        assertThat(findings(rule, "CREATE INDEX CONCURRENTLY i ON users (a);", "UPDATE users SET a = 1 WHERE id < 100;")).isEmpty();
    }
}

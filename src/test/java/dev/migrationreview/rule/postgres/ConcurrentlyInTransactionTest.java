package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Severity;
import org.junit.jupiter.api.Test;

class ConcurrentlyInTransactionTest {

    private final ConcurrentlyInTransaction rule = new ConcurrentlyInTransaction();

    @Test
    void everyConcurrentFormFailsInsideTheMigrationsTransaction() {
        var found = findings(rule, """
                CREATE INDEX CONCURRENTLY idx_users_email ON users (email);
                DROP INDEX CONCURRENTLY idx_old;
                REINDEX INDEX CONCURRENTLY idx_users_name;
                ALTER TABLE measurements DETACH PARTITION measurements_2019 CONCURRENTLY;
                """);
        assertThat(found).extracting(f -> f.startLine()).containsExactly(1, 2, 3, 4);
        assertThat(found).allSatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("cannot run inside a transaction block");
        });
        assertThat(found.getFirst().fix().orElseThrow().code())
                .isEqualTo("-- in its own migration, outside any transaction:\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);");
    }

    @Test
    void anExplicitTransactionBlockCountsToo() {
        var found = findingsNoTransaction(rule, "BEGIN;\nCREATE INDEX CONCURRENTLY idx_users_email ON users (email);\nCOMMIT;\n"
                + "CREATE INDEX CONCURRENTLY idx_users_name ON users (name);");
        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.startLine()).isEqualTo(2);
            assertThat(f.message()).contains("Move it out of the BEGIN ... COMMIT block");
        });
    }

    @Test
    void outsideATransactionConcurrentlyIsTheSafeForm() {
        assertThat(findingsNoTransaction(rule, "CREATE INDEX CONCURRENTLY idx_users_email ON users (email);")).isEmpty();
        assertThat(findings(rule, "CREATE INDEX idx_users_email ON users (email);")).isEmpty();
    }

    @Test
    void dbmateOptOutIsHonoured() {
        assertThat(findings(rule, "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY idx ON users (email);\n")).isEmpty();
    }
}

package dev.migrationreview.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrationreview.snapshot.TemporaryGitRepository;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code prove} end to end: a git repository, the base branch's migrations, then the pull request's, on embedded PostgreSQL. */
class ProveCommandTest {

    @TempDir
    Path dir;

    @Test
    void provesThePullRequestOnTopOfTheBaseBranchsMigrations() throws Exception {
        var repo = TemporaryGitRepository.init(dir.resolve("repo"), "main")
                .write("db/migrations/1_orders.up.sql", """
                        CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL, total numeric(10,2));
                        CREATE INDEX idx_orders_customer ON orders (customer_id);
                        """)
                .write("db/migrations/1_orders.down.sql", "DROP TABLE orders;\n")
                .commit("orders");
        repo.branch("feature")
                .write("db/migrations/2_status.up.sql", "ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';\n"
                        + "DROP INDEX idx_orders_customer;\n")
                .write("db/migrations/2_status.down.sql", "CREATE INDEX idx_orders_customer ON orders (customer_id);\n")
                .commit("order status");

        var run = CommandLineRun.of("prove", "--repo", repo.root().toString(), "--format", "json",
                "--work-dir", System.getProperty("ot.epg.working-dir", dir.resolve("pg").toString()),
                "--volume", "orders=5000", "--query", "orders of a customer=SELECT * FROM orders WHERE customer_id = 7");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode statements = json.at("/proof/statements");
        assertThat(statements).hasSize(2);
        assertThat(statements.get(0).at("/newLocks/0/mode").asText()).isEqualTo("AccessExclusiveLock");
        assertThat(json.at("/proof/rollbacks/0/status").asText()).as("the down file leaves the status column behind")
                .isEqualTo("NOT_RESTORED");
        assertThat(json.at("/proof/plans/0/regressions").toString()).contains("idx_orders_customer");
        assertThat(json.get("findings").findValuesAsText("ruleId"))
                .contains("proof-dangerous-lock", "proof-rollback", "proof-plan-regression");
    }

    @Test
    void markdownShowsTheLockTable() {
        var repo = TemporaryGitRepository.init(dir.resolve("repo2"), "main")
                .write("db/migrations/1_users.up.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);\n")
                .commit("users");
        repo.branch("feature")
                .write("db/migrations/2_email.up.sql", "CREATE INDEX idx_users_email ON users (email);\n")
                .commit("index");

        var run = CommandLineRun.of("prove", "--repo", repo.root().toString(),
                "--work-dir", System.getProperty("ot.epg.working-dir", dir.resolve("pg").toString()));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("### Database proof")
                .contains("| db/migrations/2_email.up.sql:1 |")
                .contains("ShareLock on public.users")
                .contains("INSERT, UPDATE, DELETE");
    }
}

package dev.migrationreview.frontend.sqitch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.InMemoryFileTree;
import dev.migrationreview.discovery.PathDiscovery;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.review.FileReview;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * sqitch needs no frontend of its own: discovery finds deploy scripts (forward, in sqitch.plan
 * order), revert scripts (the rollback, paired with their deploy script) and leaves verify
 * scripts out; the SQL frontend reads deploy and revert scripts, each with its own BEGIN/COMMIT.
 */
class SqitchTest {

    private static final InMemoryFileTree PROJECT = InMemoryFileTree.of(Map.of(
            "db/sqitch.conf", "[core]\n\tengine = pg\n",
            "db/sqitch.plan", """
                    %syntax-version=1.0.0
                    %project=shop

                    users 2024-01-01T00:00:00Z Alice <alice@example.com> # Users table
                    add_users_email_index [users] 2024-01-02T00:00:00Z Alice <alice@example.com> # Index
                    add_orders_index 2024-01-03T00:00:00Z Alice <alice@example.com> # Index on orders
                    """,
            "db/deploy/users.sql", "BEGIN;\nCREATE TABLE users (id bigint PRIMARY KEY, email text);\nCOMMIT;\n",
            "db/deploy/add_users_email_index.sql", "BEGIN;\nCREATE INDEX idx_users_email ON users (email);\nCOMMIT;\n",
            "db/deploy/add_orders_index.sql", "BEGIN;\nCREATE INDEX idx_orders_total ON orders (total);\nCOMMIT;\n",
            "db/revert/add_orders_index.sql", "BEGIN;\nDROP INDEX idx_orders_total;\nCOMMIT;\n",
            "db/verify/add_orders_index.sql", "SELECT 1/count(*) FROM pg_indexes WHERE indexname = 'idx_orders_total';\n"));

    @Test
    void deployScriptsRunInPlanOrderRevertScriptsAreTheirRollbackAndVerifyScriptsAreNotMigrations() {
        var changed = PROJECT.sourceFiles("db/deploy/add_orders_index.sql", "db/deploy/add_users_email_index.sql",
                "db/deploy/users.sql", "db/revert/add_orders_index.sql", "db/verify/add_orders_index.sql");
        var engine = new ReviewEngine(new PathDiscovery(), BuiltInFrontends.all(), RuleCatalog.builtIn().rules());

        var result = engine.review(new ReviewInput(changed, PROJECT, ReviewConfig.defaults()));

        assertThat(result.files()).extracting(f -> f.file().path() + " " + f.file().direction()).containsExactly(
                "db/deploy/users.sql UP",
                "db/deploy/add_users_email_index.sql UP",
                "db/deploy/add_orders_index.sql UP",
                "db/revert/add_orders_index.sql DOWN");
        assertThat(result.files().get(2).file().rollback()).contains("db/revert/add_orders_index.sql");
        FileReview revert = result.files().get(3);
        assertThat(revert.parsed().orElseThrow().rollback()).flatExtracting(Statement::operations)
                .anySatisfy(o -> assertThat(o).isInstanceOf(Operation.DropIndex.class));
        assertThat(revert.parsed().orElseThrow().forward()).isEmpty();
        // users was created by an earlier deploy of the same change: only the index on orders locks a live table.
        var indexFindings = result.findings().stream().filter(f -> f.ruleId().equals("create-index-non-concurrently")).toList();
        assertThat(indexFindings).extracting(f -> f.path() + ":" + f.startLine())
                .containsExactly("db/deploy/add_orders_index.sql:2");
        assertThat(indexFindings).extracting(Finding::message).allMatch(m -> m.contains("BEGIN"));
    }

    @Test
    void discoveryMarksSqitchScriptsAsRunWithoutAFrameworkTransaction() {
        var migrations = new PathDiscovery().discover(PROJECT.sourceFiles("db/deploy/users.sql"), PROJECT,
                ReviewConfig.defaults());

        assertThat(migrations).singleElement().satisfies(m -> {
            assertThat(m.transactional()).isFalse();
            assertThat(m.direction()).isEqualTo(Direction.UP);
        });
        assertThat(BuiltInFrontends.all().forFramework(migrations.getFirst().framework())).isPresent();
    }
}

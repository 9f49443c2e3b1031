package dev.migrationreview.rule.mysql;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MysqlAddIndexLockingRuleTest {

    private final MysqlAddIndexLockingRule rule = new MysqlAddIndexLockingRule();

    @Test
    void flagsAnExplicitLockThatBlocksWrites() {
        assertThat(findings(rule, mysql(), "CREATE INDEX idx_orders_customer ON orders (customer_id) LOCK=SHARED;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("mysql-add-index-locking");
                    assertThat(f.message()).startsWith("LOCK=SHARED blocks writes on orders");
                    assertThat(f.fix().orElseThrow().code())
                            .isEqualTo("CREATE INDEX idx_orders_customer ON orders (customer_id) LOCK=NONE;");
                });
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD INDEX idx_c (customer_id), LOCK=EXCLUSIVE;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).contains("blocks reads and writes");
                    assertThat(f.fix().orElseThrow().code())
                            .isEqualTo("ALTER TABLE orders ADD INDEX idx_c (customer_id), LOCK=NONE;");
                });
    }

    @Test
    void asksForLockNoneWhenNothingGuaranteesAnOnlineBuild() {
        assertThat(findings(rule, mysql(), "CREATE UNIQUE INDEX uq_email ON users (email);")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code())
                        .isEqualTo("CREATE UNIQUE INDEX uq_email ON users (email) ALGORITHM=INPLACE LOCK=NONE;"));
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD INDEX idx_a (a), ADD UNIQUE KEY uq_b (b);"))
                .singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().code())
                        .isEqualTo("ALTER TABLE orders ADD INDEX idx_a (a), ADD UNIQUE KEY uq_b (b), ALGORITHM=INPLACE, LOCK=NONE;"));
    }

    @Test
    void flagsFulltextIndexesWhichBlockWrites() {
        assertThat(findings(rule, mysql(), "CREATE FULLTEXT INDEX ft_posts_body ON posts (body);")).singleElement()
                .satisfies(f -> assertThat(f.message()).startsWith("Adding FULLTEXT index ft_posts_body on posts blocks writes"));
    }

    @Test
    void acceptsOnlineBuildsNewTablesAndPostgres() {
        assertThat(findings(rule, mysql(),
                "CREATE INDEX idx_orders_customer ON orders (customer_id) ALGORITHM=INPLACE LOCK=NONE;",
                "ALTER TABLE orders ADD INDEX idx_c (customer_id), LOCK=NONE;",
                "CREATE TABLE carts (id BIGINT PRIMARY KEY, owner BIGINT);\nCREATE INDEX idx_carts_owner ON carts (owner);"))
                .isEmpty();
        assertThat(findings(rule, "CREATE INDEX idx_orders_customer ON orders (customer_id);")).isEmpty();
    }
}

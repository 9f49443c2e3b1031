package dev.migrationreview.rule.mysql;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MysqlAddForeignKeyRuleTest {

    private final MysqlAddForeignKeyRule rule = new MysqlAddForeignKeyRule();

    @Test
    void flagsAForeignKeyAddedWithChecksOnAndShowsTheOrphanCheck() {
        String sql = "ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);";
        assertThat(findings(rule, mysql(), sql)).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("mysql-add-foreign-key");
            assertThat(f.message()).contains("fk_orders_customer on orders", "ALGORITHM=COPY");
            assertThat(f.fix().orElseThrow().code()).isEqualTo("""
                    -- first, this must return no row:
                    -- SELECT 1 FROM orders c LEFT JOIN customers p ON p.id = c.customer_id WHERE c.customer_id IS NOT NULL AND p.id IS NULL LIMIT 1;
                    SET foreign_key_checks = 0;
                    ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id), ALGORITHM=INPLACE, LOCK=NONE;
                    SET foreign_key_checks = 1;""");
            assertThat(f.fix().orElseThrow().replacesStatement()).isTrue();
        });
    }

    @Test
    void acceptsForeignKeysAddedWithChecksOff() {
        assertThat(findings(rule, mysql(), """
                SET FOREIGN_KEY_CHECKS=0;
                ALTER TABLE orders ADD CONSTRAINT fk_c FOREIGN KEY (customer_id) REFERENCES customers (id), ALGORITHM=INPLACE, LOCK=NONE;
                SET FOREIGN_KEY_CHECKS=1;""")).isEmpty();
    }

    @Test
    void checksTurnedBackOnCountAgain() {
        assertThat(findings(rule, mysql(), """
                SET foreign_key_checks = 0;
                SET foreign_key_checks = 1;
                ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);""")).hasSize(1);
    }

    @Test
    void ignoresNewTablesAndPostgres() {
        assertThat(findings(rule, mysql(), "CREATE TABLE carts (id BIGINT PRIMARY KEY, owner BIGINT);\n"
                + "ALTER TABLE carts ADD FOREIGN KEY (owner) REFERENCES users (id);")).isEmpty();
        assertThat(findings(rule, "ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id);")).isEmpty();
    }
}

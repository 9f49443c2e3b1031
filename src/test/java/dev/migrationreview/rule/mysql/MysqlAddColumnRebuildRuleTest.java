package dev.migrationreview.rule.mysql;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import org.junit.jupiter.api.Test;

class MysqlAddColumnRebuildRuleTest {

    private static final Dialect MYSQL_57 = new Dialect(DatabaseKind.MYSQL, 5, "test");
    private final MysqlAddColumnRebuildRule rule = new MysqlAddColumnRebuildRule();

    @Test
    void flagsAddingColumnsBeforeMysql8OncePerStatement() {
        assertThat(findings(rule, MYSQL_57, "ALTER TABLE orders ADD COLUMN gift_note VARCHAR(255), ADD COLUMN gift_wrap BOOL;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("mysql-add-column-rebuild");
                    assertThat(f.message()).startsWith("On MySQL 5, adding gift_note, gift_wrap rebuilds orders");
                    assertThat(f.fix().orElseThrow().code()).isEqualTo("pt-online-schema-change --alter "
                            + "\"ADD COLUMN gift_note VARCHAR(255), ADD COLUMN gift_wrap BOOL\" D=<database>,t=orders --execute");
                });
    }

    @Test
    void staysQuietWhereColumnsAreAddedInstantlyOrOtherRulesSpeak() {
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD COLUMN gift_note VARCHAR(255);")).isEmpty();
        assertThat(findings(rule, new Dialect(DatabaseKind.MARIADB, 10, "test"), "ALTER TABLE orders ADD COLUMN n INT;"))
                .isEmpty();
        assertThat(findings(rule, MYSQL_57, "ALTER TABLE orders ADD COLUMN seq BIGINT AUTO_INCREMENT UNIQUE;",
                "CREATE TABLE carts (id BIGINT PRIMARY KEY);\nALTER TABLE carts ADD COLUMN n INT;")).isEmpty();
    }
}

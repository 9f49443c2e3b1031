package dev.migrationreview.rule.mysql;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import org.junit.jupiter.api.Test;

class MysqlCopyAlgorithmRuleTest {

    private final MysqlCopyAlgorithmRule rule = new MysqlCopyAlgorithmRule();

    @Test
    void flagsAnExplicitCopyAndRewritesItToAnOnlineChange() {
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD COLUMN note VARCHAR(255), ALGORITHM=COPY;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("mysql-copy-algorithm");
                    assertThat(f.message()).startsWith("ALGORITHM=COPY makes MySQL copy orders");
                    assertThat(f.fix().orElseThrow().code())
                            .isEqualTo("ALTER TABLE orders ADD COLUMN note VARCHAR(255), ALGORITHM=INPLACE, LOCK=NONE;");
                    assertThat(f.fix().orElseThrow().replacesStatement()).isTrue();
                });
    }

    @Test
    void flagsDroppingThePrimaryKeyAloneButNotReplacingIt() {
        assertThat(findings(rule, mysql(), "ALTER TABLE events DROP PRIMARY KEY;")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code()).contains("DROP PRIMARY KEY, ADD PRIMARY KEY ("));
        assertThat(findings(rule, mysql(), "ALTER TABLE events DROP PRIMARY KEY, ADD PRIMARY KEY (id, created_at);"))
                .isEmpty();
    }

    @Test
    void flagsStoredGeneratedColumnsAndSuggestsVirtual() {
        assertThat(findings(rule, mysql(),
                "ALTER TABLE orders ADD COLUMN total_cents BIGINT AS (total * 100) STORED;")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code())
                        .isEqualTo("ALTER TABLE orders ADD COLUMN total_cents BIGINT AS (total * 100) VIRTUAL;"));
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD COLUMN total_cents BIGINT AS (total * 100) VIRTUAL;"))
                .isEmpty();
    }

    @Test
    void flagsAutoIncrementColumnsWithAnOnlineSchemaChangeCommand() {
        assertThat(findings(rule, mysql(), "ALTER TABLE shop.legacy ADD COLUMN id BIGINT AUTO_INCREMENT PRIMARY KEY;"))
                .singleElement().satisfies(f -> assertThat(f.fix().orElseThrow().code()).isEqualTo(
                        "pt-online-schema-change --alter \"ADD COLUMN id BIGINT AUTO_INCREMENT PRIMARY KEY\" "
                                + "D=shop,t=legacy --execute"));
    }

    @Test
    void flagsConvertingTheCharacterSetOnMysql() {
        assertThat(findings(rule, mysql(), "ALTER TABLE posts CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.message()).startsWith("Converting posts to another character set");
                    assertThat(f.fix().orElseThrow().code()).startsWith(
                            "pt-online-schema-change --alter \"CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci\"");
                });
    }

    @Test
    void acceptsOnlineChangesNewTablesAndOtherDatabases() {
        assertThat(findings(rule, mysql(), "ALTER TABLE orders ADD COLUMN note VARCHAR(255), ALGORITHM=INPLACE, LOCK=NONE;",
                "ALTER TABLE orders ADD COLUMN n INT;",
                "CREATE TABLE t (id INT PRIMARY KEY);\nALTER TABLE t DROP PRIMARY KEY, ALGORITHM=COPY;")).isEmpty();
        assertThat(findings(rule, new Dialect(DatabaseKind.MARIADB, 10, "test"),
                "ALTER TABLE orders ADD COLUMN note VARCHAR(255), ALGORITHM=COPY;")).hasSize(1);
        assertThat(findings(rule, "ALTER TABLE orders DROP CONSTRAINT orders_pkey;")).isEmpty();
    }
}

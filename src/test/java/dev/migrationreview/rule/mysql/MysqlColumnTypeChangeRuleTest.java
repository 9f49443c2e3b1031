package dev.migrationreview.rule.mysql;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MysqlColumnTypeChangeRuleTest {

    private final MysqlColumnTypeChangeRule rule = new MysqlColumnTypeChangeRule();

    @Test
    void flagsModifyColumnAndDemandsAnOnlineChange() {
        assertThat(findings(rule, mysql(), "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.ruleId()).isEqualTo("mysql-column-type-change");
                    assertThat(f.message()).contains("orders.total (to decimal(12,2))", "ALGORITHM=COPY", "gh-ost");
                    assertThat(f.fix()).hasValueSatisfying(fix -> {
                        assertThat(fix.code()).isEqualTo(
                                "ALTER TABLE orders MODIFY COLUMN total DECIMAL(12,2) NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;");
                        assertThat(fix.replacesStatement()).isTrue();
                    });
                });
    }

    @Test
    void reportsOnceForSeveralColumnsOfOneStatementAndRewritesAnExistingLockClause() {
        assertThat(findings(rule, mysql(),
                "ALTER TABLE orders\n  CHANGE note note TEXT,\n  MODIFY status VARCHAR(40) NOT NULL,\n  LOCK=SHARED;"))
                .singleElement().satisfies(f -> {
                    assertThat(f.startLine()).isEqualTo(1);
                    assertThat(f.endLine()).isEqualTo(4);
                    assertThat(f.message()).contains("orders.note (to text)", "orders.status (to varchar(40))");
                    assertThat(f.fix().orElseThrow().code()).isEqualTo(
                            "ALTER TABLE orders\n  CHANGE note note TEXT,\n  MODIFY status VARCHAR(40) NOT NULL,\n"
                                    + "  LOCK=NONE;");
                });
    }

    @Test
    void acceptsStatementsThatDemandAnOnlineChangeOrTouchNewTables() {
        assertThat(findings(rule, mysql(),
                "ALTER TABLE orders MODIFY COLUMN note VARCHAR(500), ALGORITHM=INPLACE, LOCK=NONE;",
                "ALTER TABLE orders MODIFY COLUMN note VARCHAR(500), LOCK=NONE;",
                "CREATE TABLE carts (id BIGINT PRIMARY KEY, note VARCHAR(20));\nALTER TABLE carts MODIFY note TEXT;")).isEmpty();
    }

    @Test
    void leavesExplicitCopyToTheCopyAlgorithmRuleAndPostgresToItsOwnRules() {
        assertThat(findings(rule, mysql(), "ALTER TABLE orders MODIFY note TEXT, ALGORITHM=COPY;")).isEmpty();
        assertThat(findings(rule, "ALTER TABLE orders ALTER COLUMN note TYPE text;")).isEmpty();
    }
}

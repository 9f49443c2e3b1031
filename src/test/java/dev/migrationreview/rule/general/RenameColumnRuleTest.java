package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenameColumnRuleTest {

    private final RenameColumnRule rule = new RenameColumnRule();

    @Test
    void flagsRenamingAColumnOfAnExistingTable() {
        var found = findings(rule, "ALTER TABLE users RENAME COLUMN email TO email_address;");

        assertThat(found).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("rename-column");
            assertThat(f.startLine()).isEqualTo(1);
            assertThat(f.message()).contains("users.email", "email_address", "breaks the running application");
            assertThat(f.fix()).hasValueSatisfying(fix -> {
                assertThat(fix.code()).contains("ALTER TABLE users ADD COLUMN email_address",
                        "ALTER TABLE users DROP COLUMN email;");
                assertThat(fix.replacesStatement()).isFalse();
            });
        });
    }

    @Test
    void flagsMysqlChangeColumnThatRenames() {
        assertThat(findings(rule, mysql(), "ALTER TABLE users CHANGE COLUMN email email_address VARCHAR(255) NOT NULL;"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("users.email"));
    }

    @Test
    void ignoresTablesAndColumnsCreatedEarlierInTheChange() {
        assertThat(findings(rule,
                "CREATE TABLE accounts (id bigint PRIMARY KEY, mail text);",
                "ALTER TABLE accounts RENAME COLUMN mail TO email;")).isEmpty();
        assertThat(findings(rule,
                "ALTER TABLE users ADD COLUMN nick text;\nALTER TABLE users RENAME COLUMN nick TO nickname;")).isEmpty();
    }

    @Test
    void acceptsTheExpandStep() {
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN email_address text;")).isEmpty();
    }
}

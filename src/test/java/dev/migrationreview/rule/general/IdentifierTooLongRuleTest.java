package dev.migrationreview.rule.general;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdentifierTooLongRuleTest {

    private final IdentifierTooLongRule rule = new IdentifierTooLongRule();
    private static final String NAME_64 = "a".repeat(64);
    private static final String NAME_63 = "a".repeat(63);
    private static final String NAME_65 = "a".repeat(65);

    @Test
    void flagsPostgresNamesOver63BytesAndShowsTheTruncatedName() {
        assertThat(findings(rule, "CREATE INDEX " + NAME_64 + " ON users (email);")).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("identifier-too-long");
            assertThat(f.message()).contains("Index name " + NAME_64 + " is 64 bytes", "created as " + NAME_63 + ".");
        });
    }

    @Test
    void countsBytesNotCharactersInPostgres() {
        String name = "\"" + "é".repeat(32) + "\"";
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN " + name + " text;")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("is 64 bytes", "created as " + "é".repeat(31) + "."));
        assertThat(IdentifierTooLongRule.truncated("é".repeat(32))).isEqualTo("é".repeat(31));
    }

    @Test
    void checksEveryNameOfACreateTable() {
        var found = findings(rule, "CREATE TABLE " + NAME_64 + " (" + NAME_65 + " int, id bigint, CONSTRAINT "
                + NAME_64 + "x CHECK (id > 0));");
        assertThat(found).hasSize(3);
    }

    @Test
    void mysqlAllows64CharactersAndRejectsMore() {
        assertThat(findings(rule, mysql(), "ALTER TABLE users ADD COLUMN " + NAME_64 + " int;")).isEmpty();
        assertThat(findings(rule, mysql(), "ALTER TABLE users RENAME COLUMN a TO " + NAME_65 + ";")).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("is 65 characters", "MySQL 8 rejects", "fails"));
    }

    @Test
    void acceptsShortNames() {
        assertThat(findings(rule, "CREATE INDEX " + NAME_63 + " ON users (email);",
                "ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);")).isEmpty();
    }
}

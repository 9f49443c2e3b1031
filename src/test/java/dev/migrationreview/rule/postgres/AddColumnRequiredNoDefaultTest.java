package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.mysql;
import static dev.migrationreview.rule.RuleTestSupport.postgres;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.rule.Severity;
import org.junit.jupiter.api.Test;

class AddColumnRequiredNoDefaultTest {

    private final AddColumnRequiredNoDefault rule = new AddColumnRequiredNoDefault();

    @Test
    void failsOnATableWithRows() {
        assertThat(findings(rule, "ALTER TABLE users ADD COLUMN status text NOT NULL;")).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.message()).contains("fails on a table with rows");
            assertThat(f.fix().orElseThrow().code()).isEqualTo("ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT <value>;");
        });
    }

    @Test
    void beforeElevenADefaultWouldRewriteSoTheFixBackfills() {
        assertThat(findings(rule, postgres(10), "ALTER TABLE users ADD COLUMN status text NOT NULL;")).singleElement()
                .satisfies(f -> assertThat(f.fix().orElseThrow().code()).startsWith("ALTER TABLE users ADD COLUMN status text;\n"
                        + "ALTER TABLE users ALTER COLUMN status SET DEFAULT <value>;"));
    }

    @Test
    void defaultsGeneratedColumnsSerialsNewTablesAndMysqlAreFine() {
        assertThat(findings(rule, """
                ALTER TABLE users ADD COLUMN status text NOT NULL DEFAULT 'active';
                ALTER TABLE users ADD COLUMN note text;
                ALTER TABLE users ADD COLUMN seq bigserial NOT NULL;
                ALTER TABLE users ADD COLUMN n int NOT NULL GENERATED ALWAYS AS IDENTITY;
                """)).isEmpty();
        assertThat(findings(rule, "CREATE TABLE users (id bigint);\nALTER TABLE users ADD COLUMN status text NOT NULL;")).isEmpty();
        assertThat(findings(rule, mysql(), "ALTER TABLE users ADD COLUMN status varchar(20) NOT NULL;")).isEmpty();
    }
}

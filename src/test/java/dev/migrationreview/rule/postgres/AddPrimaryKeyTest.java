package dev.migrationreview.rule.postgres;

import static dev.migrationreview.rule.RuleTestSupport.findings;
import static dev.migrationreview.rule.RuleTestSupport.findingsNoTransaction;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddPrimaryKeyTest {

    private final AddPrimaryKey rule = new AddPrimaryKey();

    @Test
    void buildsTheIndexConcurrentlyAfterNotNull() {
        assertThat(findingsNoTransaction(rule, "ALTER TABLE events ADD CONSTRAINT events_pk PRIMARY KEY (id);")).singleElement()
                .satisfies(f -> {
                    assertThat(f.message()).contains("checks id for NULLs");
                    assertThat(f.fix().orElseThrow().code()).isEqualTo("""
                            -- with id already NOT NULL (see set-not-null):
                            CREATE UNIQUE INDEX CONCURRENTLY events_pk ON events (id);
                            ALTER TABLE events ADD CONSTRAINT events_pk PRIMARY KEY USING INDEX events_pk;""");
                });
    }

    @Test
    void aColumnAddedAsPrimaryKey() {
        assertThat(findings(rule, "ALTER TABLE events ADD COLUMN id bigint PRIMARY KEY;")).singleElement().satisfies(f ->
                assertThat(f.fix().orElseThrow().code()).startsWith("ALTER TABLE events ADD COLUMN id bigint;\n")
                        .contains("CREATE UNIQUE INDEX CONCURRENTLY events_pkey ON events (id);"));
    }

    @Test
    void usingAnIndexAndNewTablesAreFine() {
        assertThat(findings(rule, "ALTER TABLE events ADD CONSTRAINT events_pkey PRIMARY KEY USING INDEX events_pkey;")).isEmpty();
        assertThat(findings(rule, "CREATE TABLE events (id bigint);\nALTER TABLE events ADD PRIMARY KEY (id);")).isEmpty();
    }
}

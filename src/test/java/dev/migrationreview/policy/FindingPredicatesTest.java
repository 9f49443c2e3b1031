package dev.migrationreview.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.migrationreview.config.PolicyConfig;
import dev.migrationreview.config.PolicyConfig.Area;
import dev.migrationreview.config.PolicyConfig.Changes;
import dev.migrationreview.config.PolicyConfig.Conventions;
import dev.migrationreview.config.PolicyConfig.Profile;
import dev.migrationreview.discovery.InMemoryFileTree;
import dev.migrationreview.policy.PolicyVerdict.ChecklistItem.Status;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The predicates that produce or adjust findings: hot tables, naming conventions, stages. */
class FindingPredicatesTest {

    private static final String UP = "db/migrations/000003_change.up.sql";

    private static Finding finding(String rule, Severity severity, int line, Optional<String> lock) {
        return new Finding(rule, severity, UP, line, line, "Message:", lock, Optional.empty());
    }

    @Test
    void lockingFindingsOnHotTablesAreRaisedAndSayHowBigTheTableIs() {
        var change = new SimulatedPullRequest().changes(UP, """
                CREATE INDEX ix_invoices_total ON invoices (total);
                CREATE INDEX ix_users_email ON users (email);
                CREATE TABLE payments (id bigint);
                CREATE INDEX ix_payments_id ON payments (id);
                """).schemaChange();
        var ownership = new Ownership(List.of(new Area("billing", List.of("invoices", "payments"), List.of(), List.of("mia"),
                Optional.empty(), Profile.HOT, Changes.ANY)));
        var sizes = TableSizes.load(new PolicyConfig.TableSizes(Optional.empty(), Map.of("invoices", 120_000_000L,
                "users", 5000L)), InMemoryFileTree.of(Map.of()), new ArrayList<>());
        List<Finding> adjusted = HotTables.adjust(List.of(
                finding("create-index-non-concurrently", Severity.WARNING, 1, Optional.of("SHARE on the table")),
                finding("prefer-text", Severity.WARNING, 1, Optional.of("none when created")),
                finding("create-index-non-concurrently", Severity.WARNING, 2, Optional.of("SHARE on the table")),
                finding("create-index-non-concurrently", Severity.NOTICE, 4, Optional.of("SHARE on the table"))),
                change, ownership, sizes);

        assertThat(adjusted.get(0).severity()).isEqualTo(Severity.ERROR);
        assertThat(adjusted.get(0).message()).isEqualTo("invoices is a hot table (area billing): a lock there is felt at once, "
                + "so this is raised to error. invoices holds about 120 million rows. Message:");
        assertThat(adjusted.get(1)).as("a rule that takes no lock").isEqualTo(finding("prefer-text", Severity.WARNING, 1,
                Optional.of("none when created")));
        assertThat(adjusted.get(2).severity()).as("users is not hot").isEqualTo(Severity.WARNING);
        assertThat(adjusted.get(2).message()).isEqualTo("users holds about 5,000 rows. Message:");
        assertThat(adjusted.get(3).severity()).as("payments is created in this change: it has no rows").isEqualTo(Severity.NOTICE);
        assertThat(HotTables.locksOrRewrites(finding("x", Severity.ERROR, 1, Optional.empty()))).isFalse();
    }

    @Test
    void namesOfNewObjectsFollowTheConventions() {
        var change = new SimulatedPullRequest().changes(UP, """
                CREATE TABLE "Payments" (id bigint, "Amount" int, CONSTRAINT payments_pk PRIMARY KEY (id));
                ALTER TABLE invoices ADD COLUMN note text;
                ALTER TABLE invoices RENAME COLUMN note TO "Note";
                CREATE INDEX invoices_note ON invoices (note);
                CREATE INDEX ON invoices (total);
                ALTER TABLE invoices ADD CONSTRAINT ck_total CHECK (total > 0);
                ALTER INDEX invoices_note RENAME TO ix_invoices_note;
                ALTER TABLE invoices RENAME TO Bills;
                """).schemaChange();
        var conventions = new Conventions(Optional.of("[a-z][a-z0-9_]*"), Optional.of("[a-z][a-z0-9_]*"),
                Optional.of("ix_[a-z0-9_]+"), Optional.of("(pk|ck)_[a-z0-9_]+"), false, Optional.empty(), Severity.ERROR);
        List<Finding> findings = new NamingConventions(conventions).check(change);
        assertThat(findings).extracting(Finding::startLine, Finding::message).containsExactly(
                tuple(1, "The table name Payments does not follow the convention [a-z][a-z0-9_]* "
                        + "(conventions.tables): rename it before it ships, while nothing depends on the name yet."),
                tuple(1, "The column name Amount does not follow the convention [a-z][a-z0-9_]* "
                        + "(conventions.columns): rename it before it ships, while nothing depends on the name yet."),
                tuple(1, "The constraint name payments_pk does not follow the convention "
                        + "(pk|ck)_[a-z0-9_]+ (conventions.constraints): rename it before it ships, while nothing depends on the "
                        + "name yet."),
                tuple(3, "The column name Note does not follow the convention [a-z][a-z0-9_]* "
                        + "(conventions.columns): rename it before it ships, while nothing depends on the name yet."),
                tuple(4, "The index name invoices_note does not follow the convention "
                        + "ix_[a-z0-9_]+ (conventions.indexes): rename it before it ships, while nothing depends on the name yet."));
        assertThat(findings).extracting(Finding::ruleId, Finding::severity)
                .containsOnly(tuple(PolicyFindings.NAMING_CONVENTION, Severity.ERROR));
        assertThat(new NamingConventions(new Conventions(Optional.of("x"), Optional.empty(), Optional.empty(), Optional.empty(),
                true, Optional.of(1), Severity.OFF)).check(change)).as("severity off").isEmpty();
    }

    @Test
    void aConventionThatRunsOutOfItsBudgetIsReportedOnceAndNotTriedAgain() {
        String longName = "a".repeat(63);
        var change = new SimulatedPullRequest().changes(UP, """
                CREATE TABLE %s (id bigint);
                CREATE TABLE %s_2 (id bigint);
                CREATE TABLE fine_x (id bigint);
                """.formatted(longName, longName.substring(2))).schemaChange();
        // Cheap on the short near misses the configuration loader tries, cubic in a name's length.
        var conventions = new Conventions(Optional.of(".*.*.*x"), Optional.empty(), Optional.empty(), Optional.empty(), false,
                Optional.empty(), Severity.WARNING);

        List<Finding> findings = assertTimeoutPreemptively(java.time.Duration.ofSeconds(5),
                () -> new NamingConventions(conventions).check(change));

        assertThat(findings).extracting(Finding::startLine, Finding::message).containsExactly(tuple(1,
                "The convention .*.*.*x (conventions.tables) takes more than 100000 steps to match on a table name of 63 "
                        + "characters, so it was not checked for the rest of this change: simplify the pattern in the "
                        + "configuration."));
    }

    @Test
    void foreignKeysOnNewColumnsNeedAnIndexAndIndexesHaveAWidth() {
        var change = new SimulatedPullRequest().changes(UP, """
                CREATE TABLE invoice_lines (id bigint PRIMARY KEY, invoice_id bigint REFERENCES invoices (id), product_id bigint,
                    CONSTRAINT fk_product FOREIGN KEY (product_id) REFERENCES products (id));
                CREATE INDEX ix_lines_product ON invoice_lines (product_id, id);
                ALTER TABLE payments ADD COLUMN invoice_id bigint;
                ALTER TABLE payments ADD CONSTRAINT fk_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id);
                ALTER TABLE refunds ADD CONSTRAINT fk_refund_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id);
                CREATE INDEX ix_wide ON payments (a, b, c, d);
                """).schemaChange();
        var conventions = new Conventions(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true,
                Optional.of(3), Severity.WARNING);
        List<Finding> findings = new NamingConventions(conventions).check(change);
        assertThat(findings).extracting(Finding::ruleId, Finding::startLine).containsExactly(
                tuple(PolicyFindings.INDEX_TOO_WIDE, 7),
                tuple(PolicyFindings.FOREIGN_KEY_NOT_INDEXED, 1),
                tuple(PolicyFindings.FOREIGN_KEY_NOT_INDEXED, 5));
        assertThat(findings.get(1).message()).startsWith("The foreign key on invoice_lines (invoice_id) has no index");
        assertThat(findings.get(2).fix()).map(f -> f.code())
                .contains("CREATE INDEX ix_payments_invoice_id ON payments (invoice_id);");
    }

    @Test
    void stagesFlagsBackfillsBesideDdlAndApplicationCodeBesideMigrations() {
        var pr = new SimulatedPullRequest()
                .changes(UP, "ALTER TABLE users ADD COLUMN plan text;\nUPDATE users SET plan = 'free' WHERE plan IS NULL;\n")
                .changes("db/migrations/000004_seed.up.sql", "CREATE TABLE plans (name text);\nINSERT INTO plans VALUES ('free');\n"
                        + "UPDATE plans SET name = 'basic';\n")
                .changes("app/models/user.rb", "class User; end\n")
                .changes("spec/models/user_spec.rb", "describe User do end\n")
                .changes("src/test/java/UserTest.java", "class UserTest {}\n")
                .changes("db/schema.rb", "ActiveRecord::Schema.define {}\n")
                .changes("README.md", "docs\n");
        var engineFinding = new Finding(PolicyFindings.DDL_AND_BACKFILL_RULE, Severity.WARNING, UP, 2, 2, "engine says so",
                Optional.empty(), Optional.empty());
        Stages.Outcome outcome = Stages.check(Severity.ERROR, List.of(), pr.schemaChange(), pr.pullRequest().changedPaths(),
                List.of(engineFinding));

        assertThat(outcome.item().status()).isEqualTo(Status.FLAGGED);
        assertThat(outcome.item().detail()).isEqualTo(UP + " line 2; application code changed with the migrations");
        assertThat(outcome.findings()).extracting(Finding::ruleId, Finding::severity, Finding::startLine).containsExactly(
                tuple(PolicyFindings.DDL_AND_BACKFILL_RULE, Severity.ERROR, 2),
                tuple(PolicyFindings.MIGRATIONS_WITH_APPLICATION_CODE, Severity.ERROR, 1));
        assertThat(outcome.findings().get(1).message()).contains("(app/models/user.rb)");

        var mysqlStyle = new SimulatedPullRequest()
                .changes(UP, "ALTER TABLE users ADD COLUMN plan text;\nDELETE FROM users WHERE plan IS NULL;\n");
        Stages.Outcome own = Stages.check(Severity.NOTICE, List.of("lib/**"), mysqlStyle.schemaChange(),
                List.of(UP, "app/x.rb"), List.of());
        assertThat(own.findings()).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(PolicyFindings.MIXED_STAGES);
            assertThat(f.message()).startsWith("This migration changes the schema (line 1) and also runs DELETE over existing rows of users.");
        });

        var clean = new SimulatedPullRequest().changes(UP, "ALTER TABLE users ADD COLUMN plan text;\n");
        assertThat(Stages.check(Severity.WARNING, List.of(), clean.schemaChange(), List.of(UP), List.of()).item().status())
                .isEqualTo(Status.SATISFIED);
    }
}

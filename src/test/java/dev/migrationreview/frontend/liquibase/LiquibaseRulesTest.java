package dev.migrationreview.frontend.liquibase;

import static dev.migrationreview.frontend.liquibase.Changelogs.xml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import dev.migrationreview.rule.RuleTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The built-in rules judge Liquibase changes as they judge the SQL Liquibase runs for them: a bad
 * change is flagged on its lines with the same finding, its safe form is not.
 */
class LiquibaseRulesTest {

    @Test
    void createIndexOnAnExistingTableIsFlaggedLikeTheSqlItRuns() {
        var fromChangelog = findings(xml("""
                    <changeSet id="1" author="alice">
                        <createIndex tableName="orders" indexName="idx_orders_total">
                            <column name="total"/>
                        </createIndex>
                    </changeSet>
                """), Changelogs.POSTGRES);
        var fromSql = RuleTestSupport.findings(RuleCatalog.builtIn().rules(), Changelogs.POSTGRES, true,
                ReviewConfig.defaults(), "CREATE INDEX idx_orders_total ON orders (total);");

        assertThat(ids(fromChangelog, "create-index-non-concurrently")).containsExactly("5-7 create-index-non-concurrently");
        var sqlFinding = fromSql.stream().filter(f -> f.ruleId().equals("create-index-non-concurrently")).findFirst().orElseThrow();
        var changelogFinding = fromChangelog.stream().filter(f -> f.ruleId().equals("create-index-non-concurrently"))
                .findFirst().orElseThrow();
        assertThat(changelogFinding.severity()).isEqualTo(sqlFinding.severity());
        assertThat(changelogFinding.lock()).isEqualTo(sqlFinding.lock());
        // The explanation is the same; how to leave the transaction is worded for each tool.
        String explanation = sqlFinding.message().substring(0, sqlFinding.message().indexOf("which cannot run in a transaction"));
        assertThat(changelogFinding.message()).startsWith(explanation);
    }

    @Test
    void anIndexBuiltConcurrentlyOutsideATransactionOrOnANewTableIsNotFlagged() {
        var concurrently = findings(xml("""
                    <changeSet id="1" author="alice" runInTransaction="false">
                        <sql>CREATE INDEX CONCURRENTLY idx_orders_total ON orders (total);</sql>
                    </changeSet>
                """), Changelogs.POSTGRES);
        var newTable = findings(xml("""
                    <changeSet id="1" author="alice">
                        <createTable tableName="invoices"><column name="id" type="BIGINT"/></createTable>
                        <createIndex tableName="invoices" indexName="idx_invoices_id"><column name="id"/></createIndex>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(ids(concurrently, "create-index-non-concurrently", "concurrently-in-transaction")).isEmpty();
        assertThat(ids(newTable, "create-index-non-concurrently")).isEmpty();
    }

    @Test
    void concurrentlyInsideTheChangeSetsTransactionIsFlagged() {
        var findings = findings(xml("""
                    <changeSet id="1" author="alice">
                        <sql>CREATE INDEX CONCURRENTLY idx_orders_total ON orders (total);</sql>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(ids(findings, "concurrently-in-transaction")).containsExactly("5-5 concurrently-in-transaction");
        assertThat(findings).filteredOn(f -> f.ruleId().equals("concurrently-in-transaction"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("runInTransaction").doesNotContain("BEGIN ... COMMIT"));
    }

    @Test
    void foreignKeysAreFlaggedUnlessAddedWithoutValidation() {
        var validated = findings(xml("""
                    <changeSet id="1" author="alice">
                        <addForeignKeyConstraint baseTableName="orders" baseColumnNames="customer_id" constraintName="fk_customer"
                                                 referencedTableName="customers" referencedColumnNames="id"/>
                    </changeSet>
                """), Changelogs.POSTGRES);
        var notValid = findings(xml("""
                    <changeSet id="1" author="alice">
                        <addForeignKeyConstraint baseTableName="orders" baseColumnNames="customer_id" constraintName="fk_customer"
                                                 referencedTableName="customers" referencedColumnNames="id" validate="false"/>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(ids(validated, "add-foreign-key-validated")).containsExactly("5-6 add-foreign-key-validated");
        assertThat(ids(notValid, "add-foreign-key-validated")).isEmpty();
    }

    @Test
    void notNullTypeChangesAndVolatileDefaultsOnExistingTablesAreFlagged() {
        var findings = findings(xml("""
                    <changeSet id="1" author="alice">
                        <addNotNullConstraint tableName="orders" columnName="total" columnDataType="NUMERIC"/>
                    </changeSet>
                    <changeSet id="2" author="alice">
                        <modifyDataType tableName="orders" columnName="total" newDataType="BIGINT"/>
                    </changeSet>
                    <changeSet id="3" author="alice">
                        <addColumn tableName="orders">
                            <column name="token" type="UUID" defaultValueComputed="gen_random_uuid()"/>
                        </addColumn>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(ids(findings, "set-not-null", "column-type-change", "add-column-volatile-default")).containsExactly(
                "5-5 set-not-null", "8-8 column-type-change", "11-13 add-column-volatile-default");
    }

    @Test
    void changeSetsForAnotherDatabaseAreNotJudged() {
        var findings = findings(xml("""
                    <changeSet id="1" author="alice" dbms="mysql">
                        <createIndex tableName="orders" indexName="idx_orders_total"><column name="total"/></createIndex>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(findings).isEmpty();
    }

    @Test
    void aSuppressionAboveTheChangeSetSilencesItsChange() {
        var findings = findings(xml("""
                    <!-- migration-review:ignore create-index-non-concurrently orders holds 40 rows -->
                    <changeSet id="1" author="alice">
                        <createIndex tableName="orders" indexName="idx_orders_total"><column name="total"/></createIndex>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(ids(findings, "create-index-non-concurrently", "unused-suppression")).isEmpty();
    }

    @Test
    void breakingChangesAndTypeChoicesAreFlaggedOnTheirChanges() {
        var findings = findings(xml("""
                    <changeSet id="1" author="alice">
                        <dropColumn tableName="orders" columnName="legacy"/>
                        <renameColumn tableName="orders" oldColumnName="total" newColumnName="amount"/>
                        <createTable tableName="events">
                            <column name="id" type="INT"/>
                            <column name="happened" type="DATETIME"/>
                        </createTable>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(ids(findings, "drop-column", "rename-column", "prefer-timestamptz", "prefer-bigint-ids",
                "transaction-nesting")).containsExactlyInAnyOrder(
                "5-5 drop-column", "6-6 rename-column", "7-10 prefer-timestamptz", "7-10 prefer-bigint-ids");
    }

    @Test
    void aChangeTheFrontendDoesNotUnderstandIsAFindingOnItsLines() {
        var findings = findings(xml("""
                    <changeSet id="1" author="alice">
                        <createMaterializedView viewName="totals" selectQuery="SELECT 1"/>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(findings).filteredOn(f -> f.ruleId().equals("unparsed-statement")).singleElement().satisfies(f -> {
            assertThat(f.startLine()).isEqualTo(5);
            assertThat(f.message()).contains("Liquibase change 'createMaterializedView' is not understood");
        });
    }

    @Test
    void onMysqlATypeChangeIsJudgedAsTheModifyColumnLiquibaseRuns() {
        var findings = findings(xml("""
                    <changeSet id="1" author="alice">
                        <modifyDataType tableName="orders" columnName="note" newDataType="VARCHAR(500)"/>
                    </changeSet>
                """), Changelogs.MYSQL);

        assertThat(ids(findings, "mysql-column-type-change")).containsExactly("5-5 mysql-column-type-change");
    }

    private static List<Finding> findings(String changelog, Dialect dialect) {
        var file = Changelogs.migration("src/main/resources/db/changelog/changes.xml", changelog, dialect);
        var engine = new ReviewEngine((changed, repo, config) -> List.of(file), BuiltInFrontends.all(),
                RuleCatalog.builtIn().rules());
        return engine.review(new ReviewInput(List.of(file.source()), FileTree.EMPTY, ReviewConfig.defaults())).findings();
    }

    /** The findings of the rules a test judges, as "lines rule"; other rules (timeouts) are not its subject. */
    private static List<String> ids(List<Finding> findings, String... rules) {
        return findings.stream().filter(f -> List.of(rules).contains(f.ruleId()))
                .map(f -> f.startLine() + "-" + f.endLine() + " " + f.ruleId()).toList();
    }
}

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

        assertThat(ids(fromChangelog)).containsExactly("5-7 create-index-non-concurrently");
        var sqlFinding = fromSql.stream().filter(f -> f.ruleId().equals("create-index-non-concurrently")).findFirst().orElseThrow();
        var changelogFinding = fromChangelog.getFirst();
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

        assertThat(ids(concurrently)).isEmpty();
        assertThat(ids(newTable)).doesNotContain("6-6 create-index-non-concurrently");
    }

    @Test
    void concurrentlyInsideTheChangeSetsTransactionIsFlagged() {
        var findings = findings(xml("""
                    <changeSet id="1" author="alice">
                        <sql>CREATE INDEX CONCURRENTLY idx_orders_total ON orders (total);</sql>
                    </changeSet>
                """), Changelogs.POSTGRES);

        assertThat(ids(findings)).containsExactly("5-5 concurrently-in-transaction");
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

        assertThat(ids(validated)).containsExactly("5-6 add-foreign-key-validated");
        assertThat(ids(notValid)).isEmpty();
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

        assertThat(ids(findings)).containsExactly(
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

        assertThat(findings).isEmpty();
    }

    private static List<Finding> findings(String changelog, Dialect dialect) {
        var file = Changelogs.migration("src/main/resources/db/changelog/changes.xml", changelog, dialect);
        var engine = new ReviewEngine((changed, repo, config) -> List.of(file), BuiltInFrontends.all(),
                RuleCatalog.builtIn().rules());
        return engine.review(new ReviewInput(List.of(file.source()), FileTree.EMPTY, ReviewConfig.defaults())).findings();
    }

    private static List<String> ids(List<Finding> findings) {
        return findings.stream().map(f -> f.startLine() + "-" + f.endLine() + " " + f.ruleId()).toList();
    }
}

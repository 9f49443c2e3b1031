package dev.migrationreview.frontend.liquibase;

import static dev.migrationreview.frontend.liquibase.Changelogs.xml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.FindingSink;
import dev.migrationreview.rule.OperationSite;
import dev.migrationreview.rule.Rule;
import dev.migrationreview.rule.RuleDoc;
import dev.migrationreview.rule.Severity;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Liquibase changelogs through the whole engine: the context rules see matches what Liquibase does. */
class LiquibaseEngineTest {

    /** Reports what a rule knows at every index it sees, so the test can read the context. */
    private static final Rule PROBE = new Rule() {
        private final RuleDoc doc = new RuleDoc("probe", "reports the context at each index", Severity.NOTICE, Set.of(),
                "every database", "none", "test", "test", "", "");

        @Override
        public RuleDoc doc() {
            return doc;
        }

        @Override
        public void check(OperationSite site, FindingSink out) {
            if (site.operation() instanceof Operation.CreateIndex index) {
                var context = site.context();
                out.report(site.statement(), index.name().orElse("?") + " inTransaction=" + context.inTransaction()
                        + " earlier=" + context.earlierInTransaction().size()
                        + " newTable=" + context.isNewTable(index.table()));
            }
        }
    };

    @Test
    void rulesSeeEachChangeSetAsItsOwnTransactionAndTablesCreatedEarlierInTheChange() {
        var first = Changelogs.migration("db/changelog/001.xml", xml("""
                    <changeSet id="1" author="alice">
                        <createTable tableName="fresh"><column name="id" type="INT"/></createTable>
                        <createIndex tableName="fresh" indexName="idx_fresh"><column name="id"/></createIndex>
                    </changeSet>
                """), Changelogs.POSTGRES);
        var second = Changelogs.migration("db/changelog/002.xml", xml("""
                    <changeSet id="2" author="alice">
                        <dropColumn tableName="orders" columnName="legacy"/>
                        <createIndex tableName="orders" indexName="idx_orders"><column name="total"/></createIndex>
                    </changeSet>
                    <!-- migration-review:ignore probe checked by hand -->
                    <changeSet id="3" author="alice" runInTransaction="false">
                        <createIndex tableName="orders" indexName="idx_quiet"><column name="total"/></createIndex>
                    </changeSet>
                    <changeSet id="4" author="alice" runInTransaction="false">
                        <createIndex tableName="fresh" indexName="idx_outside"><column name="id"/></createIndex>
                    </changeSet>
                    <changeSet id="5" author="alice">
                        <bogus/>
                    </changeSet>
                    <changeSet id="6" author="alice">
                        <dropColumn tableName="orders" columnName="x">
                    </changeSet>
                """), Changelogs.POSTGRES);

        List<Finding> findings = review(first, second);

        assertThat(findings).extracting(f -> f.path() + ":" + f.startLine() + " " + f.ruleId() + " " + f.message())
                .containsExactly(
                        "db/changelog/001.xml:6 probe idx_fresh inTransaction=true earlier=1 newTable=true",
                        "db/changelog/002.xml:6 probe idx_orders inTransaction=true earlier=1 newTable=false",
                        "db/changelog/002.xml:13 probe idx_outside inTransaction=false earlier=0 newTable=true",
                        "db/changelog/002.xml:20 unreadable-file Malformed XML changelog: Unexpected close tag "
                                + "</changeSet>; expected </dropColumn>. Elements after this point were not reviewed.");
    }

    private static List<Finding> review(MigrationFile... files) {
        var engine = new ReviewEngine((changed, repo, config) -> List.of(files), BuiltInFrontends.all(), List.of(PROBE));
        return engine.review(new ReviewInput(List.of(), FileTree.EMPTY, ReviewConfig.defaults())).findings();
    }
}

package dev.migrationreview.frontend.liquibase;

import static dev.migrationreview.frontend.liquibase.Changelogs.POSTGRES;
import static dev.migrationreview.frontend.liquibase.Changelogs.parse;
import static dev.migrationreview.frontend.liquibase.Changelogs.xml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.InMemoryFileTree;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.ParsedMigration.Rollback.Kind;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** ChangeSets: their transactions, rollbacks, the files they name, and suppressions written beside them. */
class LiquibaseChangeSetTest {

    private static final String PATH = "app/src/main/resources/db/changelog/changes.xml";

    @Test
    void eachChangeSetRunsInItsOwnTransactionUnlessItSaysOtherwise() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <dropColumn tableName="a" columnName="x"/>
                        <dropColumn tableName="a" columnName="y"/>
                    </changeSet>
                    <changeSet id="2" author="alice" runInTransaction="false">
                        <sql>CREATE INDEX CONCURRENTLY idx ON a (z);</sql>
                    </changeSet>
                """));

        assertThat(migration.transactional()).isFalse();
        assertThat(migration.forward()).extracting(s -> s.startLine() + "-" + s.endLine() + " " + kinds(s)).containsExactly(
                "5-5 Transaction", "5-5 DropColumn", "6-6 DropColumn", "6-6 Transaction", "9-9 CreateIndex");
        assertThat(migration.forward().getFirst().operations())
                .containsExactly(new Operation.Transaction(Operation.Transaction.Control.BEGIN));
        assertThat(migration.forward().get(3).operations())
                .containsExactly(new Operation.Transaction(Operation.Transaction.Control.COMMIT));
    }

    @Test
    void reversibleChangesGetLiquibasesAutomaticRollbackInReverseOrder() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <createTable tableName="account"><column name="id" type="BIGINT"/></createTable>
                        <createIndex tableName="account" indexName="idx_id"><column name="id"/></createIndex>
                        <renameColumn tableName="account" oldColumnName="id" newColumnName="account_id"/>
                    </changeSet>
                """));

        assertThat(migration.rollbacks()).containsExactly(new ParsedMigration.Rollback("changeSet 1 by alice", 4, 8, Kind.AUTOMATIC,
                "Liquibase derives it: renameColumn account_id back to id; dropIndex idx_id; dropTable account"));
        TableRef account = TableRef.of("account");
        assertThat(migration.rollback()).flatExtracting(Statement::operations).containsExactly(
                new Operation.RenameColumn(account, "account_id", "id"),
                new Operation.DropIndex(List.of("idx_id"), Optional.of(account), false, false, false),
                new Operation.DropTable(List.of(account), false, false));
        assertThat(migration.rollback()).extracting(Statement::startLine).containsExactly(7, 6, 5);
    }

    @Test
    void aWrittenRollbackBlockIsTheRollbackAndAnIrreversibleChangeWithoutOneIsMissing() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <dropColumn tableName="account" columnName="legacy"/>
                        <rollback>
                            <addColumn tableName="account"><column name="legacy" type="TEXT"/></addColumn>
                        </rollback>
                    </changeSet>
                    <changeSet id="2" author="alice">
                        <insert tableName="account"><column name="id" valueNumeric="1"/></insert>
                        <createIndex tableName="account" indexName="i"><column name="id"/></createIndex>
                    </changeSet>
                    <changeSet id="3" author="alice">
                        <sql>UPDATE account SET legacy = NULL</sql>
                        <rollback/>
                    </changeSet>
                    <changeSet id="4" author="alice">
                        <dropTable tableName="t"/>
                        <rollback changeSetId="5" changeSetAuthor="alice"/>
                    </changeSet>
                    <changeSet id="5" author="alice">
                        <createTable tableName="t"><column name="id" type="INT"/></createTable>
                    </changeSet>
                """));

        assertThat(migration.rollbacks()).extracting(r -> r.unit() + ": " + r.kind() + ", " + r.detail()).containsExactly(
                "changeSet 1 by alice: EXPLICIT, a rollback block of 1 statement",
                "changeSet 2 by alice: MISSING, no rollback block, and Liquibase cannot derive one for insert",
                "changeSet 3 by alice: EXPLICIT, an empty rollback block: nothing to undo",
                "changeSet 4 by alice: EXPLICIT, a rollback block of 1 statement",
                "changeSet 5 by alice: AUTOMATIC, Liquibase derives it: dropTable t");
        assertThat(migration.rollbacks()).extracting(ParsedMigration.Rollback::known).containsExactly(true, false, true, true, true);
        // Rolling the file back undoes changeSet 5 first, then 4 (re-creating t), then 1.
        assertThat(migration.rollback()).extracting(s -> s.startLine() + " " + kinds(s)).containsExactly(
                "23 DropTable", "23 CreateTable", "7 AddColumn");
        assertThat(migration.rollback()).allMatch(s -> s.section() == Statement.Section.DOWN);
    }

    @Test
    void includesAndSqlFilesAreFoundInTheRepositoryAndNeverOutsideIt() {
        var repository = InMemoryFileTree.of(Map.of(
                "app/src/main/resources/db/changelog/parts/001.xml", "<databaseChangeLog/>",
                "app/src/main/resources/db/changelog/sql/fix.sql", "UPDATE account SET a = 1;\nUPDATE account SET b = 2;\n",
                "app/src/main/resources/db/changelog/all/x.xml", "<databaseChangeLog/>",
                "other-module/src/main/resources/db/shared/common.xml", "<databaseChangeLog/>"));
        var migration = parse(PATH, xml("""
                    <include file="parts/001.xml" relativeToChangelogFile="true"/>
                    <include file="db/changelog/parts/001.xml"/>
                    <include file="classpath:db/shared/common.xml"/>
                    <include file="parts/002.xml" relativeToChangelogFile="true"/>
                    <include file="../../../../../../../etc/passwd" relativeToChangelogFile="true"/>
                    <includeAll path="all/" relativeToChangelogFile="true"/>
                    <includeAll path="db/custom" errorIfMissingOrEmpty="false"/>
                    <includeAll path="db/missing"/>
                    <changeSet id="1" author="alice">
                        <sqlFile path="sql/fix.sql" relativeToChangelogFile="true"/>
                        <sqlFile path="../../../../../../../../secret.sql" relativeToChangelogFile="true"/>
                        <sqlFile path="db/changelog/sql/none.sql"/>
                    </changeSet>
                """), POSTGRES, repository);

        assertThat(migration.problems()).extracting(p -> p.line() + " " + p.message()).containsExactly(
                "7 The included changelog 'parts/002.xml' is not in the repository "
                        + "(looked for app/src/main/resources/db/changelog/parts/002.xml): Liquibase will fail to run this changelog.",
                "8 The included changelog '../../../../../../../etc/passwd' lies outside the repository; it was not read.",
                "11 The included folder 'db/missing' is missing or empty in the repository (looked for "
                        + "app/src/main/resources/db/missing, db/missing): Liquibase will fail to run this changelog.");
        var statements = Changelogs.changes(migration);
        assertThat(statements).extracting(s -> s.startLine() + "-" + s.endLine() + " " + s.text()).startsWith(
                "13-13 UPDATE account SET a = 1", "13-13 UPDATE account SET b = 2");
        assertThat(statements.getFirst().operations()).containsExactly(
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, TableRef.of("account"), false, false));
        assertThat(statements).extracting(s -> s.operations().getFirst()).endsWith(
                new Operation.Unparsed("sqlFile '../../../../../../../../secret.sql' points outside the repository; it was not read"),
                new Operation.Unparsed("sqlFile 'db/changelog/sql/none.sql' was not found in the repository (looked for "
                        + "app/src/main/resources/db/changelog/sql/none.sql, db/changelog/sql/none.sql)"));
    }

    @Test
    void absolutePathsUrlsWindowsClimbsAndEscapedDotsNeverLeaveTheRepository() {
        var repository = InMemoryFileTree.of(Map.of(
                "app/src/main/resources/db/changelog/parts/001.xml", "<databaseChangeLog/>",
                "etc/passwd", "<databaseChangeLog/>"));
        var migration = parse(PATH, xml("""
                    <include file="file:/etc/passwd"/>
                    <include file="file:///etc/passwd" relativeToChangelogFile="true"/>
                    <include file="/etc/passwd" relativeToChangelogFile="true"/>
                    <include file="..\\..\\..\\..\\..\\..\\..\\etc\\passwd" relativeToChangelogFile="true"/>
                    <include file="%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd" relativeToChangelogFile="true"/>
                    <includeAll path="file:/etc/" errorIfMissingOrEmpty="false"/>
                    <include file="parts\\001.xml" relativeToChangelogFile="true"/>
                    <changeSet id="1" author="alice">
                        <sqlFile path="file:/etc/shadow"/>
                        <sqlFile path="C:\\Windows\\win.ini"/>
                    </changeSet>
                """), POSTGRES, repository);

        assertThat(migration.problems()).extracting(p -> p.line() + " " + p.message()).containsExactly(
                "4 The included changelog 'file:/etc/passwd' lies outside the repository; it was not read.",
                "5 The included changelog 'file:///etc/passwd' lies outside the repository; it was not read.",
                "6 The included changelog '/etc/passwd' lies outside the repository; it was not read.",
                "7 The included changelog '..\\..\\..\\..\\..\\..\\..\\etc\\passwd' lies outside the repository; it was not read.",
                "8 The included changelog '%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd' lies outside the repository; "
                        + "it was not read.",
                "9 The included folder 'file:/etc/' lies outside the repository; it was not read.");
        assertThat(Changelogs.changes(migration)).extracting(s -> s.operations().getFirst()).containsExactly(
                new Operation.Unparsed("sqlFile 'file:/etc/shadow' points outside the repository; it was not read"),
                new Operation.Unparsed("sqlFile 'C:\\Windows\\win.ini' points outside the repository; it was not read"));
    }

    @Test
    void suppressionCommentsInTheChangelogApplyToTheChangeBelowThem() {
        var migration = parse(PATH, xml("""
                    <!-- migration-review:ignore create-index-non-concurrently table holds 40 rows -->
                    <changeSet id="1" author="alice">
                        <createIndex tableName="flags" indexName="idx_flags"><column name="name"/></createIndex>
                    </changeSet>
                """));

        assertThat(migration.suppressions()).containsExactly(new Suppression("create-index-non-concurrently",
                Optional.of("table holds 40 rows"), 4, false));
        Statement firstAfterComment = migration.forward().getFirst();
        assertThat(firstAfterComment.startLine()).isEqualTo(Changelogs.changes(migration).getFirst().startLine());
    }

    private static String kinds(Statement statement) {
        return String.join(",", statement.operations().stream().map(o -> o.getClass().getSimpleName()).toList());
    }
}

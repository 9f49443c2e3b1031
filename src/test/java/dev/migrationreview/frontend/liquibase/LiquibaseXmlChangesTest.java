package dev.migrationreview.frontend.liquibase;

import static dev.migrationreview.frontend.liquibase.Changelogs.MYSQL;
import static dev.migrationreview.frontend.liquibase.Changelogs.POSTGRES;
import static dev.migrationreview.frontend.liquibase.Changelogs.changes;
import static dev.migrationreview.frontend.liquibase.Changelogs.operations;
import static dev.migrationreview.frontend.liquibase.Changelogs.parse;
import static dev.migrationreview.frontend.liquibase.Changelogs.xml;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.DefaultValue;
import dev.migrationreview.operation.ForeignKeyTarget;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each common Liquibase change type becomes the operations Liquibase runs for it, on its own lines. */
class LiquibaseXmlChangesTest {

    private static final String PATH = "src/main/resources/db/changelog/changes.xml";

    @Test
    void createTableKeepsColumnsTypesAndConstraintsOnTheElementsLines() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <createTable tableName="account">
                            <column autoIncrement="true" name="id" type="BIGINT">
                                <constraints nullable="false" primaryKey="true"/>
                            </column>
                            <column name="email" type="VARCHAR(255)">
                                <constraints nullable="false" unique="true"/>
                            </column>
                            <column name="balance" type="DECIMAL(19, 6)" defaultValueNumeric="0"/>
                            <column name="owner_id" type="BIGINT">
                                <constraints foreignKeyName="fk_owner" referencedTableName="person" referencedColumnNames="id"/>
                            </column>
                            <column name="created" type="DATETIME" defaultValueComputed="NOW()"/>
                        </createTable>
                    </changeSet>
                """));

        Statement statement = changes(migration).getFirst();
        assertThat(statement.startLine()).isEqualTo(5);
        assertThat(statement.endLine()).isEqualTo(17);
        assertThat(statement.text()).startsWith("<createTable tableName=\"account\">").endsWith("</createTable>");
        assertThat(statement.parsedBy()).isEqualTo(Statement.ParsedBy.FRAMEWORK);
        var create = (Operation.CreateTable) statement.operations().getFirst();
        assertThat(create.table()).isEqualTo(TableRef.of("account"));
        assertThat(create.columns()).containsExactly(
                new ColumnDef("id", Optional.of(DataType.of("bigint")), true, Optional.empty(), true, false,
                        Optional.of(ColumnDef.Generated.IDENTITY_BY_DEFAULT), Optional.empty(), Optional.empty()),
                new ColumnDef("email", Optional.of(DataType.of("varchar", "255")), true, Optional.empty(), false, true,
                        Optional.empty(), Optional.empty(), Optional.empty()),
                new ColumnDef("balance", Optional.of(DataType.of("decimal", "19", "6")), false,
                        Optional.of(new DefaultValue("0")), false, false, Optional.empty(), Optional.empty(), Optional.empty()),
                new ColumnDef("owner_id", Optional.of(DataType.of("bigint")), false, Optional.empty(), false, false,
                        Optional.empty(), Optional.of(new ForeignKeyTarget(TableRef.of("person"), List.of("id"))), Optional.empty()),
                new ColumnDef("created", Optional.of(DataType.of("timestamp")), false, Optional.of(new DefaultValue("NOW()")),
                        false, false, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    @Test
    void addColumnWithDefaultAndNotNullIsOneAddColumnAndAValueIsABackfill() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <addColumn tableName="account">
                            <column name="status" type="VARCHAR(16)" defaultValue="active">
                                <constraints nullable="false"/>
                            </column>
                            <column name="score" type="INT" valueNumeric="0"/>
                        </addColumn>
                    </changeSet>
                """));

        assertThat(operations(migration)).containsExactly(
                new Operation.AddColumn(TableRef.of("account"), new ColumnDef("status", Optional.of(DataType.of("varchar", "16")),
                        true, Optional.of(new DefaultValue("'active'")), false, false, Optional.empty(), Optional.empty(),
                        Optional.empty()), false),
                new Operation.AddColumn(TableRef.of("account"), ColumnDef.simple("score", DataType.of("int")), false),
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, TableRef.of("account"), false, false));
    }

    @Test
    void columnChangesBecomeTheirOperations() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <dropColumn tableName="account" columnName="legacy"/>
                        <dropColumn tableName="account">
                            <column name="a"/>
                            <column name="b"/>
                        </dropColumn>
                        <renameColumn tableName="account" oldColumnName="mail" newColumnName="email" columnDataType="TEXT"/>
                        <modifyDataType tableName="account" columnName="score" newDataType="BIGINT"/>
                        <addNotNullConstraint tableName="account" columnName="email" columnDataType="TEXT" defaultNullValue="none"/>
                        <dropNotNullConstraint tableName="account" columnName="phone" columnDataType="TEXT"/>
                        <addDefaultValue tableName="account" columnName="score" defaultValueNumeric="1"/>
                        <dropDefaultValue tableName="account" columnName="phone"/>
                    </changeSet>
                """));

        TableRef account = TableRef.of("account");
        assertThat(operations(migration)).containsExactly(
                new Operation.DropColumn(account, "legacy", false, false),
                new Operation.DropColumn(account, "a", false, false),
                new Operation.DropColumn(account, "b", false, false),
                new Operation.RenameColumn(account, "mail", "email"),
                new Operation.AlterColumnType(account, "score", DataType.of("bigint"), Optional.empty(), Optional.empty()),
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, account, true, false),
                new Operation.SetNotNull(account, "email"),
                new Operation.DropNotNull(account, "phone"),
                new Operation.SetColumnDefault(account, "score", Optional.of(new DefaultValue("1"))),
                new Operation.SetColumnDefault(account, "phone", Optional.empty()));
        assertThat(changes(migration)).extracting(Statement::startLine).containsExactly(5, 6, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void onMysqlTypeAndNullabilityChangesAreModifyColumnWithOnlyTheWrittenDefinition() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <modifyDataType tableName="account" columnName="score" newDataType="BIGINT"/>
                        <addNotNullConstraint tableName="account" columnName="email" columnDataType="VARCHAR(255)"/>
                    </changeSet>
                """), MYSQL, FileTree.EMPTY);

        TableRef account = TableRef.of("account");
        assertThat(operations(migration)).containsExactly(
                new Operation.AlterColumnType(account, "score", DataType.of("bigint"), Optional.empty(),
                        Optional.of(ColumnDef.simple("score", DataType.of("bigint")))),
                new Operation.AlterColumnType(account, "email", DataType.of("varchar", "255"), Optional.empty(),
                        Optional.of(new ColumnDef("email", Optional.of(DataType.of("varchar", "255")), true, Optional.empty(),
                                false, false, Optional.empty(), Optional.empty(), Optional.empty()))));
    }

    @Test
    void indexAndConstraintChangesBecomeTheirOperations() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <createIndex tableName="account" indexName="idx_account_email" unique="true">
                            <column name="email"/>
                            <column name="lower(name)" computed="true"/>
                        </createIndex>
                        <dropIndex tableName="account" indexName="idx_old"/>
                        <addForeignKeyConstraint baseTableName="account" baseColumnNames="owner_id" constraintName="fk_owner"
                                                 referencedTableName="person" referencedColumnNames="id" validate="false"/>
                        <addUniqueConstraint tableName="account" columnNames="email, tenant" constraintName="uq_email"/>
                        <addPrimaryKey tableName="account" columnNames="id"/>
                        <dropForeignKeyConstraint baseTableName="account" constraintName="fk_gone"/>
                        <dropUniqueConstraint tableName="account" constraintName="uq_gone"/>
                        <dropPrimaryKey tableName="account" constraintName="pk_gone"/>
                    </changeSet>
                """));

        TableRef account = TableRef.of("account");
        assertThat(operations(migration)).containsExactly(
                new Operation.CreateIndex(Optional.of("idx_account_email"), account, List.of("email", "lower(name)"), true,
                        false, false, false, Optional.empty()),
                new Operation.DropIndex(List.of("idx_old"), Optional.of(account), false, false, false),
                new Operation.AddConstraint(account, new ConstraintDef(Optional.of("fk_owner"), ConstraintDef.Kind.FOREIGN_KEY,
                        List.of("owner_id"), Optional.of(new ForeignKeyTarget(TableRef.of("person"), List.of("id"))),
                        Optional.empty(), Optional.empty()), true),
                new Operation.AddConstraint(account, new ConstraintDef(Optional.of("uq_email"), ConstraintDef.Kind.UNIQUE,
                        List.of("email", "tenant"), Optional.empty(), Optional.empty(), Optional.empty()), false),
                new Operation.AddConstraint(account, ConstraintDef.of(ConstraintDef.Kind.PRIMARY_KEY, List.of("id")), false),
                new Operation.DropConstraint(account, "fk_gone", false),
                new Operation.DropConstraint(account, "uq_gone", false),
                new Operation.DropConstraint(account, "pk_gone", false));
        assertThat(changes(migration).get(2).startLine()).isEqualTo(10);
        assertThat(changes(migration).get(2).endLine()).isEqualTo(11);
    }

    @Test
    void tableAndDataChangesBecomeTheirOperations() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <renameTable oldTableName="acct" newTableName="account" schemaName="bank"/>
                        <dropTable tableName="legacy" cascadeConstraints="true"/>
                        <insert tableName="account">
                            <column name="id" valueNumeric="1"/>
                        </insert>
                        <update tableName="account">
                            <column name="status" value="closed"/>
                            <where>closed_at IS NOT NULL</where>
                        </update>
                        <update tableName="account">
                            <column name="score" valueNumeric="0"/>
                        </update>
                        <delete tableName="account">
                            <where>id = 1</where>
                        </delete>
                    </changeSet>
                """));

        TableRef account = TableRef.of("account");
        assertThat(operations(migration)).containsExactly(
                new Operation.RenameTable(TableRef.of("bank", "acct"), "account"),
                new Operation.DropTable(List.of(TableRef.of("legacy")), false, true),
                new Operation.DataChange(Operation.DataChange.Kind.INSERT, account, false, false),
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, account, true, false),
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, account, false, false),
                new Operation.DataChange(Operation.DataChange.Kind.DELETE, account, true, false));
    }

    @Test
    void anUnknownChangeIsNotUnderstoodOnItsLinesAndCodeIsOpaque() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <createIndex tableName="account" indexName="i1"><column name="a"/></createIndex>
                        <ext:createMaterializedView xmlns:ext="http://example.com/ext" viewName="v"/>
                        <customChange class="com.example.Backfill"/>
                        <createTable><column name="a" type="INT"/></createTable>
                    </changeSet>
                """));

        var statements = changes(migration);
        assertThat(statements.get(1).isUnparsed()).isTrue();
        assertThat(statements.get(1).startLine()).isEqualTo(6);
        assertThat(statements.get(1).operations())
                .containsExactly(new Operation.Unparsed("Liquibase change 'createMaterializedView' is not understood"));
        assertThat(statements.get(2).operations()).singleElement().isInstanceOfSatisfying(Operation.OpaqueCode.class,
                o -> assertThat(o.description()).contains("com.example.Backfill"));
        assertThat(statements.get(3).operations())
                .containsExactly(new Operation.Unparsed("Liquibase change 'createTable' has no tableName"));
    }

    @Test
    void sqlChangesAreParsedAsSqlFromTheLineTheirTextStartsOn() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice">
                        <comment>fix data</comment>
                        <sql dbms="postgresql">
                            <comment>inline comment</comment>
                            UPDATE account SET score = 0;
                        </sql>
                        <sql><![CDATA[DELETE FROM account WHERE score < 0;]]></sql>
                    </changeSet>
                """));

        var statements = changes(migration);
        assertThat(statements).extracting(s -> s.startLine() + "-" + s.endLine() + " " + s.text()).containsExactly(
                "8-8 UPDATE account SET score = 0", "10-10 DELETE FROM account WHERE score < 0");
        assertThat(statements).flatExtracting(Statement::operations).containsExactly(
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, TableRef.of("account"), false, false),
                new Operation.DataChange(Operation.DataChange.Kind.DELETE, TableRef.of("account"), true, false));
        assertThat(statements).noneMatch(Statement::isUnparsed);
    }

    @Test
    void changesForAnotherDatabaseAreSkippedWithANote() {
        var migration = parse(PATH, xml("""
                    <changeSet id="1" author="alice" dbms="mysql">
                        <dropColumn tableName="account" columnName="a"/>
                    </changeSet>
                    <changeSet id="2" author="alice" context="mysql">
                        <dropColumn tableName="account" columnName="b"/>
                    </changeSet>
                    <changeSet id="3" author="alice" context="postgresql">
                        <dropColumn tableName="account" columnName="c"/>
                        <sql dbms="!postgresql">DELETE FROM account</sql>
                    </changeSet>
                    <changeSet id="4" author="alice" context="tenant_db AND !initial_switch">
                        <dropColumn tableName="account" columnName="d"/>
                    </changeSet>
                    <changeSet id="5" author="alice">
                        <preConditions onFail="MARK_RAN"><dbms type="h2"/></preConditions>
                        <dropColumn tableName="account" columnName="e"/>
                    </changeSet>
                    <changeSet id="6" author="alice" ignore="true">
                        <dropColumn tableName="account" columnName="f"/>
                    </changeSet>
                """), POSTGRES, FileTree.EMPTY);

        assertThat(operations(migration)).containsExactly(
                new Operation.DropColumn(TableRef.of("account"), "c", false, false),
                new Operation.DropColumn(TableRef.of("account"), "d", false, false));
        assertThat(migration.notes()).extracting(n -> n.line() + " " + n.message()).containsExactly(
                "4 ChangeSet 1 by alice runs only where dbms=\"mysql\"; it was not reviewed for PostgreSQL 16.",
                "7 ChangeSet 2 by alice runs only where context=\"mysql\"; it was not reviewed for PostgreSQL 16.",
                "12 The sql change in changeSet 3 by alice runs only where dbms=\"!postgresql\"; it was not reviewed for PostgreSQL 16.",
                "17 ChangeSet 5 by alice runs only where its preconditions require dbms h2; it was not reviewed for PostgreSQL 16.",
                "21 ChangeSet 6 by alice is marked ignore=\"true\": Liquibase never runs it, so it was not reviewed.");
    }

    @Test
    void preconditionsAreNotedWithWhatHappensWhenTheyFail() {
        var migration = parse(PATH, xml("""
                    <changeSet id="7" author="alice">
                        <preConditions onFail="MARK_RAN">
                            <not><indexExists tableName="account" indexName="idx_a"/></not>
                            <sqlCheck expectedResult="0">select count(*) from account</sqlCheck>
                        </preConditions>
                        <createIndex tableName="account" indexName="idx_a"><column name="a"/></createIndex>
                    </changeSet>
                """));

        assertThat(migration.notes()).extracting(n -> n.line() + " " + n.message()).containsExactly(
                "5 ChangeSet 7 by alice runs only when its preconditions hold (not(indexExists idx_a), sqlCheck); "
                        + "otherwise Liquibase marks it as run without running it (onFail=MARK_RAN).");
        assertThat(operations(migration)).hasSize(1);
    }

    @Test
    void fileLevelPropertiesAreSubstitutedForTheDatabaseUnderReview() {
        var migration = parse(PATH, xml("""
                    <property name="uuid" value="uuid()" context="mysql"/>
                    <property name="uuid" value="gen_random_uuid()" context="postgresql"/>
                    <changeSet id="1" author="alice">
                        <addColumn tableName="account">
                            <column name="token" type="UUID" defaultValueComputed="${uuid}"/>
                            <column name="other" type="TEXT" defaultValueComputed="${defined_elsewhere}"/>
                        </addColumn>
                    </changeSet>
                """));

        assertThat(operations(migration)).extracting(o -> ((Operation.AddColumn) o).column().defaultValue().orElseThrow())
                .containsExactly(new DefaultValue("gen_random_uuid()"), new DefaultValue("${defined_elsewhere}"));
    }
}

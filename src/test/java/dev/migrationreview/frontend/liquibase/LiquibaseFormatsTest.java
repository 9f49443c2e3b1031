package dev.migrationreview.frontend.liquibase;

import static dev.migrationreview.frontend.liquibase.Changelogs.changes;
import static dev.migrationreview.frontend.liquibase.Changelogs.operations;
import static dev.migrationreview.frontend.liquibase.Changelogs.parse;
import static dev.migrationreview.frontend.liquibase.Changelogs.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** XML, YAML and JSON changelogs say the same things; broken and hostile files are reported, never fatal. */
class LiquibaseFormatsTest {

    private static final String XML = xml("""
                <changeSet id="1" author="alice" runInTransaction="false">
                    <createTable tableName="account">
                        <column name="id" type="BIGINT"><constraints primaryKey="true"/></column>
                        <column name="email" type="VARCHAR(255)" defaultValue="x"><constraints nullable="false"/></column>
                    </createTable>
                    <createIndex tableName="account" indexName="idx_email"><column name="email"/></createIndex>
                    <update tableName="account">
                        <column name="email" value="y"/>
                        <where>id = 1</where>
                    </update>
                    <rollback>
                        <dropTable tableName="account"/>
                    </rollback>
                </changeSet>
            """);

    private static final String YAML = """
            databaseChangeLog:
              # migration-review:ignore create-index-non-concurrently new table
              - changeSet:
                  id: 1
                  author: alice
                  runInTransaction: false
                  changes:
                    - createTable:
                        tableName: account
                        columns:
                          - column:
                              name: id
                              type: BIGINT
                              constraints:
                                primaryKey: true
                          - column:
                              name: email
                              type: VARCHAR(255)
                              defaultValue: x
                              constraints:
                                nullable: false
                    - createIndex:
                        tableName: account
                        indexName: idx_email
                        columns:
                          - column:
                              name: email
                    - update:
                        tableName: account
                        columns:
                          - column:
                              name: email
                              value: y
                        where: id = 1
                  rollback:
                    - dropTable:
                        tableName: account
              - changeSet:
                  id: 2
                  author: alice
                  changes:
                    - sql:
                        sql: |
                          UPDATE account
                          SET email = 'z';

                    - dropColumn:
                        tableName: account
                        columnName: email
                  rollback: ALTER TABLE account ADD COLUMN email text
            """;

    private static final String JSON = """
            {
              "databaseChangeLog": [
                {
                  "changeSet": {
                    "id": "1",
                    "author": "alice",
                    "runInTransaction": false,
                    "changes": [
                      {"createTable": {"tableName": "account", "columns": [
                        {"column": {"name": "id", "type": "BIGINT", "constraints": {"primaryKey": true}}},
                        {"column": {"name": "email", "type": "VARCHAR(255)", "defaultValue": "x",
                                    "constraints": {"nullable": false}}}
                      ]}},
                      {"createIndex": {"tableName": "account", "indexName": "idx_email",
                                       "columns": [{"column": {"name": "email"}}]}},
                      {"update": {"tableName": "account", "columns": [{"column": {"name": "email", "value": "y"}}],
                                  "where": "id = 1"}}
                    ],
                    "rollback": [{"dropTable": {"tableName": "account"}}]
                  }
                }
              ]
            }
            """;

    /** Found by the engine fuzzer: 10,000 nested elements overflowed the stack building the element tree. */
    @Test
    void anXmlChangelogNestedTooDeepIsReadUpToTheCutAndSaysWhere() {
        String changeSet = "<changeSet id=\"1\" author=\"a\"><dropTable tableName=\"gone\"/></changeSet>\n";
        var migration = parse("db/changelog.xml", xml(changeSet + "<x>".repeat(50_000) + "</x>".repeat(50_000)));

        assertThat(operations(migration)).first().isInstanceOf(Operation.DropTable.class);
        assertThat(migration.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("elements nested more than 100 levels deep"));
    }

    @Test
    void yamlAndJsonChangelogsGiveTheOperationsTheXmlOneGives() {
        var fromXml = parse("db/changelog.xml", XML);
        var fromYaml = parse("db/changelog.yaml", YAML);
        var fromJson = parse("db/changelog.json", JSON);

        assertThat(operations(fromXml)).hasSize(3);
        assertThat(operations(fromYaml)).startsWith(operations(fromXml).toArray(Operation[]::new));
        assertThat(operations(fromJson)).isEqualTo(operations(fromXml));
        for (ParsedMigration migration : java.util.List.of(fromXml, fromYaml, fromJson)) {
            assertThat(migration.rollbacks().getFirst().kind()).isEqualTo(ParsedMigration.Rollback.Kind.EXPLICIT);
            assertThat(migration.rollback()).flatExtracting(Statement::operations)
                    .anySatisfy(o -> assertThat(o).isInstanceOf(Operation.DropTable.class));
            assertThat(migration.forward().getFirst().operations().getFirst()).isNotInstanceOf(Operation.Transaction.class);
            assertThat(migration.problems()).isEmpty();
        }
    }

    @Test
    void yamlChangesKeepTheirLinesAndBlockSqlStartsOnItsFirstLine() {
        var migration = parse("db/changelog.yaml", YAML);

        var statements = changes(migration);
        assertThat(statements).extracting(s -> s.startLine() + "-" + s.endLine()).startsWith("8-21", "22-27", "28-34");
        assertThat(statements.get(1).text()).isEqualTo("""
                createIndex:
                  tableName: account
                  indexName: idx_email
                  columns:
                    - column:
                        name: email""");
        Statement sql = statements.get(3);
        assertThat(sql.startLine() + "-" + sql.endLine() + " " + sql.text()).isEqualTo("44-45 UPDATE account\nSET email = 'z'");
        assertThat(sql.operations()).containsExactly(
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, TableRef.of("account"), false, false));
        assertThat(statements.get(4).startLine()).isEqualTo(47);
        assertThat(migration.rollback()).extracting(Statement::startLine).contains(50);
        assertThat(migration.suppressions()).singleElement().satisfies(s -> assertThat(s.line()).isEqualTo(2));
    }

    @Test
    void jsonChangesKeepTheirLines() {
        var statements = changes(parse("db/changelog.json", JSON));

        assertThat(statements).extracting(s -> s.startLine() + "-" + s.endLine()).containsExactly("9-13", "14-15", "16-17");
        assertThat(statements.get(1).text()).startsWith("\"createIndex\": {").endsWith("}");
    }

    @Test
    void malformedXmlIsAProblemOnItsLineAndEarlierChangeSetsAreStillReviewed() {
        var migration = parse("db/changelog.xml", xml("""
                    <changeSet id="1" author="alice">
                        <dropColumn tableName="a" columnName="x"/>
                    </changeSet>
                    <changeSet id="2" author="alice">
                        <dropColumn tableName="a" columnName="y">
                    </changeSet>
                """));

        assertThat(migration.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(9);
            assertThat(p.message()).startsWith("Malformed XML changelog: ").contains("Elements after this point were not reviewed");
        });
        assertThat(operations(migration)).containsExactly(
                new Operation.DropColumn(TableRef.of("a"), "x", false, false));
    }

    @Test
    void malformedYamlAndJsonAreProblemsOnTheirLines() {
        var yaml = parse("db/changelog.yaml", """
                databaseChangeLog:
                  - changeSet:
                      id: 1
                      author: alice
                      changes:
                        - dropColumn: {tableName: a, columnName: x}
                  - changeSet:
                      id: [2
                """);
        assertThat(yaml.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isBetween(8, 9);
            assertThat(p.message()).startsWith("Malformed YAML changelog: ");
        });
        assertThat(operations(yaml)).hasSize(1);

        var json = parse("db/changelog.json", "{\"databaseChangeLog\": [\n  {\"changeSet\": {\"id\": \"1\",,}}\n]}");
        assertThat(json.problems()).singleElement().satisfies(p -> assertThat(p.line()).isEqualTo(2));
    }

    @Test
    void filesThatAreNotChangelogsAreProblemsNotCrashes() {
        assertThat(parse("db/changelog.xml", "").problems()).isNotEmpty();
        assertThat(parse("db/changelog.yaml", "").problems()).extracting(ParsedMigration.FrontendProblem::message)
                .containsExactly("The YAML changelog is empty.");
        assertThat(parse("db/changelog.yaml", "- just\n- a list\n").problems()).isNotEmpty();
        assertThat(parse("db/changelog.xml", "<project><name>x</name></project>").problems())
                .extracting(ParsedMigration.FrontendProblem::message)
                .containsExactly("The root element is 'project', not databaseChangeLog: this is not a Liquibase changelog.");
        var binary = Changelogs.migration("db/changelog.yaml", new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'},
                Changelogs.POSTGRES);
        assertThat(Changelogs.translate(binary, dev.migrationreview.discovery.FileTree.EMPTY).migration().problems())
                .extracting(ParsedMigration.FrontendProblem::message)
                .contains("The changelog is not valid UTF-8; characters that could not be read were replaced.");
    }

    @Test
    void externalEntitiesAndEntityExpansionAreRefused() {
        var external = parse("db/changelog.xml", """
                <?xml version="1.0"?>
                <!DOCTYPE databaseChangeLog [<!ENTITY secret SYSTEM "file:///etc/hostname">]>
                <databaseChangeLog>
                    <changeSet id="1" author="x"><sql>SELECT '&secret;'</sql></changeSet>
                </databaseChangeLog>
                """);
        assertThat(external.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(4);
            assertThat(p.message()).isEqualTo("Malformed XML changelog: Undeclared general entity \"secret\". "
                    + "Elements after this point were not reviewed.");
        });
        assertThat(external.statements()).isEmpty();

        var laughs = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\">");
        for (int i = 1; i < 12; i++) {
            laughs.append("<!ENTITY ").append((char) ('a' + i)).append(" \"")
                    .append(("&" + (char) ('a' + i - 1) + ";").repeat(10)).append("\">");
        }
        laughs.append("]>\n<databaseChangeLog><changeSet id=\"1\" author=\"x\"><sql>&l;</sql></changeSet></databaseChangeLog>");
        var expanded = parse("db/changelog.xml", laughs.toString());
        assertThat(expanded.problems()).extracting(ParsedMigration.FrontendProblem::message)
                .containsExactly("Malformed XML changelog: Undeclared general entity \"l\". Elements after this point were not reviewed.");
        assertThat(expanded.statements()).isEmpty();

        var yamlBomb = new StringBuilder("databaseChangeLog:\n  - property: {name: a0, value: &a0 [x, x, x, x, x, x, x, x, x]}\n");
        for (int i = 1; i < 30; i++) {
            yamlBomb.append("  - property: {name: a").append(i).append(", value: &a").append(i).append(" [")
                    .append(("*a" + (i - 1) + ", ").repeat(9)).append("x]}\n");
        }
        yamlBomb.append("  - changeSet: {id: 1, author: x, changes: [{sql: {sql: *a29}}]}\n");
        var aliased = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> parse("db/changelog.yaml", yamlBomb.toString()));
        assertThat(aliased.statements()).allMatch(s -> s.text().length() < 10_000);
    }
}

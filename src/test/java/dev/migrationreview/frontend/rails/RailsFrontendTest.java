package dev.migrationreview.frontend.rails;

import static dev.migrationreview.frontend.dsl.DslFiles.operations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.Suppression;
import dev.migrationreview.frontend.dsl.DslFiles;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.ColumnDef;
import dev.migrationreview.operation.ConstraintDef;
import dev.migrationreview.operation.DataType;
import dev.migrationreview.operation.Operation;
import dev.migrationreview.operation.TableRef;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RailsFrontendTest {

    private static final TableRef USERS = TableRef.of("users");

    private static ParsedMigration parse(String text) {
        return parse(text, Dialect.defaultPostgres());
    }

    private static ParsedMigration parse(String text, Dialect dialect) {
        var file = DslFiles.file("db/migrate/20240101000000_change.rb", Framework.RAILS, text, dialect);
        return new RailsFrontend(new SqlFrontend()).parse(file, FileTree.EMPTY);
    }

    private static String migration(String version, String body) {
        return "class Change < ActiveRecord::Migration[" + version + "]\n" + body + "end\n";
    }

    private static List<String> kinds(List<Statement> statements) {
        return operations(statements).stream().map(o -> o.getClass().getSimpleName()).toList();
    }

    @Test
    void createTableHasItsColumnsKeysIndexesAndRollback() {
        var parsed = parse(migration("7.1", """
                  def change
                    create_table :memberships do |t|
                      t.references :user, null: false, foreign_key: true
                      t.string :role, null: false, default: "member"
                      t.jsonb :settings, default: {}
                      t.timestamps
                      t.index %i[user_id role], unique: true
                    end
                  end
                """));
        var statement = parsed.forward().get(0);
        assertThat(statement.startLine()).isEqualTo(3);
        assertThat(statement.endLine()).isEqualTo(9);
        assertThat(statement.text()).startsWith("create_table :memberships do |t|").endsWith("end");
        var create = (Operation.CreateTable) statement.operations().get(0);
        assertThat(create.table()).isEqualTo(TableRef.of("memberships"));
        assertThat(create.columns()).extracting(ColumnDef::name)
                .containsExactly("id", "user_id", "role", "settings", "created_at", "updated_at");
        assertThat(create.columns().get(0).type()).contains(DataType.of("bigserial"));
        var user = create.columns().get(1);
        assertThat(user.type()).contains(DataType.of("bigint"));
        assertThat(user.notNull()).isTrue();
        assertThat(user.references().orElseThrow().table()).isEqualTo(USERS);
        assertThat(create.columns().get(2).defaultValue().orElseThrow().expression()).isEqualTo("'member'");
        assertThat(create.columns().get(4).type()).contains(DataType.of("timestamp", "6"));
        assertThat(create.columns().get(4).notNull()).isTrue();
        assertThat(statement.operations().subList(1, 3)).extracting(o -> ((Operation.CreateIndex) o).name().orElseThrow())
                .containsExactly("index_memberships_on_user_id", "index_memberships_on_user_id_and_role");
        assertThat(operations(parsed.rollback())).containsExactly(
                new Operation.DropTable(List.of(TableRef.of("memberships")), false, false));
        assertThat(parsed.rollbacks()).singleElement().satisfies(r -> assertThat(r.kind())
                .isEqualTo(dev.migrationreview.frontend.ParsedMigration.Rollback.Kind.AUTOMATIC));
        assertThat(parsed.transactional()).isTrue();
    }

    @Test
    void concurrentIndexInsideTheTransactionIsKeptAsWritten() {
        var parsed = parse(migration("7.1", """
                  def change
                    add_index :users, :email, unique: true, algorithm: :concurrently
                  end
                """));
        var index = (Operation.CreateIndex) parsed.forward().get(0).operations().get(0);
        assertThat(index.concurrently()).isTrue();
        assertThat(index.unique()).isTrue();
        assertThat(index.name()).contains("index_users_on_email");
        assertThat(parsed.transactional()).as("without disable_ddl_transaction! Rails wraps it").isTrue();
        assertThat(operations(parsed.rollback())).singleElement().satisfies(o ->
                assertThat(((Operation.DropIndex) o).concurrently()).isTrue());

        var outside = parse(migration("7.1", """
                  disable_ddl_transaction!

                  def change
                    add_index :users, :email, algorithm: :concurrently
                  end
                """));
        assertThat(outside.transactional()).isFalse();
    }

    @Test
    void changeColumnNullBackfillsThenSetsNotNull() {
        var parsed = parse(migration("7.1", """
                  def change
                    change_column_null :users, :name, false, ""
                    change_column_null :users, :bio, true
                  end
                """));
        assertThat(operations(parsed.forward())).containsExactly(
                new Operation.DataChange(Operation.DataChange.Kind.UPDATE, USERS, true, false),
                new Operation.SetNotNull(USERS, "name"),
                new Operation.DropNotNull(USERS, "bio"));
        assertThat(operations(parsed.rollback())).containsExactly(
                new Operation.SetNotNull(USERS, "bio"), new Operation.DropNotNull(USERS, "name"));
    }

    @Test
    void foreignKeysAddedNotValidAndValidatedByName() {
        var parsed = parse(migration("7.2", """
                  disable_ddl_transaction!

                  def change
                    add_reference :articles, :author, index: { algorithm: :concurrently }
                    add_foreign_key :articles, :authors, validate: false
                    validate_foreign_key :articles, :authors
                    add_check_constraint :articles, "price > 0", name: "price_check", validate: false
                  end
                """));
        var forward = parsed.forward();
        var reference = forward.get(0).operations();
        assertThat(((Operation.AddColumn) reference.get(0)).column().name()).isEqualTo("author_id");
        assertThat(((Operation.CreateIndex) reference.get(1)).concurrently()).isTrue();
        var fk = (Operation.AddConstraint) forward.get(1).operations().get(0);
        assertThat(fk.notValid()).isTrue();
        assertThat(fk.constraint().name()).contains("fk_rails_e74ce85cbc");
        assertThat(fk.constraint().columns()).containsExactly("author_id");
        assertThat(fk.constraint().references().orElseThrow().table()).isEqualTo(TableRef.of("authors"));
        assertThat(forward.get(2).operations()).containsExactly(
                new Operation.ValidateConstraint(TableRef.of("articles"), "fk_rails_e74ce85cbc"));
        var check = (Operation.AddConstraint) forward.get(3).operations().get(0);
        assertThat(check.constraint().kind()).isEqualTo(ConstraintDef.Kind.CHECK);
        assertThat(check.constraint().expression()).contains("price > 0");
        assertThat(check.notValid()).isTrue();
    }

    @Test
    void executedSqlIsParsedOnTheHeredocLinesAndHasNoAutomaticRollback() {
        var parsed = parse(migration("7.1", """
                  def change
                    add_column :users, :score, :integer
                    execute <<~SQL
                      UPDATE users SET score = 0;
                    SQL
                  end
                """));
        var forward = parsed.forward();
        assertThat(forward).hasSize(2);
        assertThat(forward.get(1).text()).startsWith("UPDATE users SET score = 0");
        assertThat(forward.get(1).startLine()).isEqualTo(5);
        assertThat(forward.get(1).operations()).singleElement().isInstanceOf(Operation.DataChange.class);
        assertThat(parsed.rollback()).as("execute in change cannot be reversed").isEmpty();
        assertThat(parsed.rollbacks()).singleElement().satisfies(r -> {
            assertThat(r.kind()).isEqualTo(dev.migrationreview.frontend.ParsedMigration.Rollback.Kind.MISSING);
            assertThat(r.detail()).contains("line 4: execute cannot be reversed");
        });
    }

    @Test
    void suppressionCommentsWorkInRubyAndInsideExecutedSql() {
        var parsed = parse(migration("7.1", """
                  def up
                    # migration-review:ignore drop-column the column was never read
                    remove_column :users, :legacy
                    execute <<~SQL
                      -- migration-review:ignore create-index-non-concurrently table has 40 rows
                      CREATE INDEX flags_name ON flags (name);
                    SQL
                  end
                """));
        assertThat(parsed.suppressions()).extracting(Suppression::ruleId, Suppression::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("drop-column", 3),
                org.assertj.core.groups.Tuple.tuple("create-index-non-concurrently", 6));
        assertThat(parsed.forward()).extracting(Statement::startLine).containsExactly(4, 7);
    }

    @Test
    void reversibleBlocksSayWhatRunsInEachDirection() {
        var parsed = parse(migration("7.1", """
                  def change
                    add_column :users, :state, :string
                    reversible do |dir|
                      dir.up do
                        execute "UPDATE users SET state = 'active'"
                      end
                      dir.down { execute "UPDATE users SET state = NULL" }
                    end
                    up_only { execute "ANALYZE users" }
                  end
                """));
        assertThat(parsed.forward()).extracting(Statement::text).containsExactly(
                "add_column :users, :state, :string", "UPDATE users SET state = 'active'", "ANALYZE users");
        assertThat(parsed.forward().get(1).startLine()).isEqualTo(6);
        assertThat(parsed.rollback()).extracting(Statement::text).containsExactly(
                "UPDATE users SET state = NULL", "add_column :users, :state, :string");
        assertThat(operations(parsed.rollback()).get(1)).isEqualTo(new Operation.DropColumn(USERS, "state", false, false));
    }

    @Test
    void removeColumnRollsBackOnlyWithItsType() {
        var typed = parse(migration("7.1", """
                  def change
                    remove_column :users, :legacy, :string, null: true
                  end
                """));
        assertThat(operations(typed.rollback())).singleElement().isInstanceOfSatisfying(Operation.AddColumn.class,
                a -> assertThat(a.column().type()).contains(DataType.of("varchar")));
        var untyped = parse(migration("7.1", """
                  def change
                    add_column :users, :fresh, :text
                    remove_column :users, :legacy
                  end
                """));
        assertThat(untyped.rollback()).isEmpty();
    }

    @Test
    void upAndDownAreReadAsWrittenAndARaisingDownIsNoRollback() {
        var parsed = parse(migration("6.1", """
                  def up
                    change_column :users, :karma, :bigint
                  end

                  def down
                    raise ActiveRecord::IrreversibleMigration
                  end
                """));
        assertThat(parsed.forward().get(0).operations()).containsExactly(
                new Operation.AlterColumnType(USERS, "karma", DataType.of("bigint"), Optional.empty(), Optional.empty()));
        assertThat(parsed.rollback()).isEmpty();
        assertThat(parsed.rollbacks()).singleElement().satisfies(r -> assertThat(r.detail()).contains("raises"));

        var withDown = parse(migration("6.1", """
                  def self.up
                    rename_column :users, :name, :full_name
                  end

                  def self.down
                    rename_column :users, :full_name, :name
                  end
                """));
        assertThat(operations(withDown.rollback())).containsExactly(
                new Operation.RenameColumn(USERS, "full_name", "name"));
        assertThat(withDown.rollbacks()).singleElement().satisfies(r -> assertThat(r.kind())
                .isEqualTo(dev.migrationreview.frontend.ParsedMigration.Rollback.Kind.EXPLICIT));
    }

    @Test
    void safetyAssuredIsASuppressionOnlyWithAComment() {
        var parsed = parse(migration("7.1", """
                  def change
                    # The columns are ignored by the model since release 41
                    safety_assured do
                      remove_columns :users, :a, :b, type: :boolean
                    end
                    safety_assured { remove_column :users, :c, :text }
                  end
                """));
        assertThat(parsed.suppressions()).hasSize(2);
        var reasoned = parsed.suppressions().get(0);
        assertThat(reasoned.ruleId()).isEqualTo(Suppression.ALL_RULES);
        assertThat(reasoned.reason()).contains("The columns are ignored by the model since release 41");
        assertThat(reasoned.line()).isEqualTo(4);
        assertThat(reasoned.lastLine()).hasValue(6);
        var bare = parsed.suppressions().get(1);
        assertThat(bare.reason()).isEmpty();
        assertThat(bare.silences("any-rule")).isFalse();
        assertThat(kinds(parsed.forward())).containsExactly("DropColumn", "DropColumn", "DropColumn");
    }

    @Test
    void changeTableBulkIsOneStatement() {
        var bulk = parse(migration("7.1", """
                  def change
                    change_table :users, bulk: true do |t|
                      t.string :nickname
                      t.remove :legacy, type: :string
                      t.index :nickname
                    end
                  end
                """));
        assertThat(bulk.forward()).singleElement().satisfies(s -> assertThat(kinds(List.of(s)))
                .containsExactly("AddColumn", "DropColumn", "CreateIndex"));
        assertThat(kinds(bulk.rollback())).containsExactly("DropIndex", "AddColumn", "DropColumn");
        var separate = parse(migration("7.1", """
                  def change
                    change_table :users do |t|
                      t.string :nickname
                      t.rename :name, :full_name
                    end
                  end
                """));
        assertThat(separate.forward()).extracting(Statement::startLine).containsExactly(4, 5);
    }

    @Test
    void olderRailsVersionsUseTheirOwnDefaults() {
        var parsed = parse("""
                class CreateRubygems < ActiveRecord::Migration[4.2]
                  def self.up
                    create_table :rubygems do |table|
                      table.string :name
                      table.integer :downloads, default: 0
                      table.references :user
                      table.timestamps
                    end
                  end
                end
                """);
        var create = (Operation.CreateTable) parsed.forward().get(0).operations().get(0);
        assertThat(create.columns().get(0).type()).contains(DataType.of("serial"));
        assertThat(create.columns()).filteredOn(c -> c.name().equals("user_id")).singleElement()
                .satisfies(c -> assertThat(c.type()).contains(DataType.of("integer")));
        assertThat(create.columns()).filteredOn(c -> c.name().equals("created_at")).singleElement()
                .satisfies(c -> {
                    assertThat(c.notNull()).isFalse();
                    assertThat(c.type()).contains(DataType.of("timestamp"));
                });
    }

    @Test
    void volatileDefaultsComeFromLambdas() {
        var parsed = parse(migration("7.1", """
                  def change
                    add_column :users, :uuid, :uuid, default: -> { "gen_random_uuid()" }, null: false
                  end
                """));
        var add = (Operation.AddColumn) parsed.forward().get(0).operations().get(0);
        assertThat(add.column().defaultValue().orElseThrow().isVolatile()).isTrue();
        assertThat(add.column().notNull()).isTrue();
    }

    @Test
    void loopsHelpersAndTransactionsAreFollowed() {
        var parsed = parse(migration("7.1", """
                  disable_ddl_transaction!

                  TABLES = %i[users teams].freeze

                  def up
                    TABLES.each do |table|
                      add_state(table)
                    end
                    transaction do
                      execute "UPDATE users SET state = 'x'"
                    end
                  end

                  def add_state(table)
                    add_column table, :state, :string
                  end
                """));
        var forward = parsed.forward();
        assertThat(operations(forward)).filteredOn(o -> o instanceof Operation.AddColumn)
                .extracting(o -> ((Operation.AddColumn) o).table().name()).containsExactly("users", "teams");
        assertThat(forward.get(0).startLine()).isEqualTo(16);
        assertThat(kinds(forward.subList(2, 5))).containsExactly("Transaction", "DataChange", "Transaction");
        assertThat(parsed.transactional()).isFalse();
    }

    @Test
    void whatIsNotUnderstoodIsReportedOnItsLine() {
        var parsed = parse(migration("7.1", """
                  def up
                    User.where(active: nil).update_all(active: true)
                    frobnicate_table :users
                    execute "DROP TABLE #{dynamic_name}"
                  end
                """));
        var forward = parsed.forward();
        assertThat(forward.get(0).operations()).singleElement().isInstanceOf(Operation.OpaqueCode.class);
        assertThat(forward.get(0).startLine()).isEqualTo(3);
        assertThat(forward.get(1).isUnparsed()).isTrue();
        assertThat(((Operation.Unparsed) forward.get(1).operations().get(0)).reason()).contains("frobnicate_table");
        assertThat(forward.get(2).isUnparsed()).isTrue();
        assertThat(forward.get(2).startLine()).isEqualTo(5);
        var notMigration = parse("puts 'hello'\n");
        assertThat(notMigration.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("ActiveRecord::Migration"));
    }

    @Test
    void mysqlTypesFollowTheDatabase() {
        var parsed = parse(migration("7.1", """
                  def change
                    add_column :users, :flag, :boolean
                    add_column :users, :seen_at, :datetime
                  end
                """), Dialect.of(DatabaseKind.MYSQL, "test"));
        assertThat(operations(parsed.forward())).extracting(o -> ((Operation.AddColumn) o).column().type().orElseThrow())
                .containsExactly(DataType.of("tinyint", "1"), DataType.of("datetime", "6"));
    }
}

package dev.migrationreview.frontend.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.frontend.BuiltInFrontends;
import dev.migrationreview.review.ReviewEngine;
import dev.migrationreview.review.ReviewInput;
import dev.migrationreview.rule.Finding;
import dev.migrationreview.rule.RuleCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Rails, Alembic and Django migrations through the whole engine with the built-in rules: for a
 * representative set of rules, the unsafe way is flagged on the line of the framework call and the
 * framework's safe way is not.
 */
class DslReviewTest {

    /** Reviews the files (path to text) as one change, in the given order. */
    static List<Finding> review(Framework framework, Map<String, String> files) {
        var migrations = new ArrayList<MigrationFile>();
        files.forEach((path, text) -> migrations.add(DslFiles.file(path, framework, text, Dialect.defaultPostgres())));
        var engine = new ReviewEngine((changed, repo, config) -> migrations, BuiltInFrontends.all(),
                RuleCatalog.builtIn().rules());
        var result = engine.review(new ReviewInput(migrations.stream().map(MigrationFile::source).toList(),
                DslFiles.tree(files), ReviewConfig.defaults()));
        return result.findings();
    }

    static List<Finding> review(Framework framework, String path, String text) {
        return review(framework, Map.of(path, text));
    }

    static List<String> ids(List<Finding> findings) {
        return findings.stream().map(Finding::ruleId).toList();
    }

    static List<Integer> linesOf(List<Finding> findings, String ruleId) {
        return findings.stream().filter(f -> f.ruleId().equals(ruleId)).map(Finding::startLine).toList();
    }

    @Nested
    class Rails {

        private static String migration(String body) {
            return "class Change < ActiveRecord::Migration[7.1]\n" + body + "end\n";
        }

        private List<Finding> review(String text) {
            return DslReviewTest.review(Framework.RAILS, "db/migrate/20240101000000_change.rb", text);
        }

        @Test
        void indexWithoutConcurrentlyIsFlaggedAndTheStrongMigrationsWayIsNot() {
            var bad = review(migration("""
                      def change
                        add_index :users, :email
                      end
                    """));
            assertThat(linesOf(bad, "create-index-non-concurrently")).containsExactly(3);
            var good = review(migration("""
                      disable_ddl_transaction!

                      def change
                        add_index :users, :email, algorithm: :concurrently
                      end
                    """));
            assertThat(ids(good)).doesNotContain("create-index-non-concurrently", "concurrently-in-transaction");
        }

        @Test
        void concurrentlyWithoutDisablingTheTransactionFails() {
            var bad = review(migration("""
                      def change
                        add_index :users, :email, algorithm: :concurrently
                      end
                    """));
            assertThat(linesOf(bad, "concurrently-in-transaction")).containsExactly(3);
        }

        @Test
        void foreignKeysAreValidatedSeparately() {
            var bad = review(migration("""
                      def change
                        add_foreign_key :articles, :authors
                      end
                    """));
            assertThat(linesOf(bad, "add-foreign-key-validated")).containsExactly(3);
            var good = DslReviewTest.review(Framework.RAILS, orderedMap(
                    "db/migrate/20240101000000_add_fk.rb", migration("""
                              def change
                                add_foreign_key :articles, :authors, validate: false
                              end
                            """),
                    "db/migrate/20240101000001_validate_fk.rb", migration("""
                              def change
                                validate_foreign_key :articles, :authors
                              end
                            """)));
            assertThat(ids(good)).doesNotContain("add-foreign-key-validated", "validate-in-same-transaction");
        }

        @Test
        void notNullAndVolatileDefaultsAreFlagged() {
            var findings = review(migration("""
                      def change
                        change_column_null :users, :email, false
                        add_column :users, :token, :uuid, default: -> { "gen_random_uuid()" }
                      end
                    """));
            assertThat(linesOf(findings, "set-not-null")).containsExactly(3);
            assertThat(linesOf(findings, "add-column-volatile-default")).containsExactly(4);
        }

        @Test
        void safetyAssuredSilencesFindingsOnlyWithAReason() {
            var reasoned = review(migration("""
                      def change
                        # The model ignores these columns since v41 (ignored_columns)
                        safety_assured do
                          remove_column :users, :legacy, :string
                        end
                      end
                    """));
            assertThat(ids(reasoned)).doesNotContain("drop-column", "suppression-without-reason");
            var bare = review(migration("""
                      def change
                        safety_assured do
                          remove_column :users, :legacy, :string
                        end
                      end
                    """));
            assertThat(linesOf(bare, "drop-column")).containsExactly(4);
            assertThat(linesOf(bare, "suppression-without-reason")).containsExactly(3);
        }

        @Test
        void executedSqlIsCheckedLikeAnySql() {
            var findings = review(migration("""
                      def up
                        execute <<~SQL
                          CREATE INDEX users_email ON users (email);
                        SQL
                      end
                    """));
            assertThat(linesOf(findings, "create-index-non-concurrently")).containsExactly(4);
        }

        @Test
        void unreadableCallsAreFindings() {
            var findings = review(migration("""
                      def up
                        execute "DROP TABLE #{table_name}"
                      end
                    """));
            assertThat(linesOf(findings, "unparsed-statement")).containsExactly(3);
        }
    }

    @Nested
    class Alembic {

        private static final String HEADER = """
                from alembic import op
                import sqlalchemy as sa

                revision = "a1"
                down_revision = None

                """;

        private List<Finding> review(String body) {
            return DslReviewTest.review(Framework.ALEMBIC, "alembic/versions/a1_change.py", HEADER + body);
        }

        private int line(int bodyLine) {
            return 6 + bodyLine;
        }

        @Test
        void indexesAreBuiltConcurrentlyInAnAutocommitBlock() {
            var bad = review("""
                    def upgrade():
                        op.create_index("ix_user_email", "user", ["email"])
                    """);
            assertThat(linesOf(bad, "create-index-non-concurrently")).containsExactly(line(2));
            var inTransaction = review("""
                    def upgrade():
                        op.create_index("ix_user_email", "user", ["email"], postgresql_concurrently=True)
                    """);
            assertThat(linesOf(inTransaction, "concurrently-in-transaction")).containsExactly(line(2));
            var good = review("""
                    def upgrade():
                        with op.get_context().autocommit_block():
                            op.create_index("ix_user_email", "user", ["email"], postgresql_concurrently=True)
                    """);
            assertThat(ids(good)).doesNotContain("create-index-non-concurrently", "concurrently-in-transaction",
                    "transaction-nesting");
        }

        @Test
        void requiredColumnsNeedAServerDefault() {
            var bad = review("""
                    def upgrade():
                        op.add_column("user", sa.Column("plan", sa.String(length=20), nullable=False))
                    """);
            assertThat(linesOf(bad, "add-column-required-no-default")).containsExactly(line(2));
            var good = review("""
                    def upgrade():
                        op.add_column("user", sa.Column("plan", sa.String(length=20), nullable=False, server_default="free"))
                    """);
            assertThat(ids(good)).doesNotContain("add-column-required-no-default");
        }

        @Test
        void alterColumnNotNullAndTypeChangesAreFlagged() {
            var findings = review("""
                    def upgrade():
                        op.alter_column("user", "email", nullable=False, existing_type=sa.String())
                        op.alter_column("user", "karma", type_=sa.BigInteger())
                    """);
            assertThat(linesOf(findings, "set-not-null")).containsExactly(line(2));
            assertThat(linesOf(findings, "column-type-change")).containsExactly(line(3));
        }

        @Test
        void executedSqlIsCheckedOnItsOwnLines() {
            var findings = review("""
                    def upgrade():
                        op.execute(
                            \"\"\"
                            ALTER TABLE "user" ADD CONSTRAINT fk_org FOREIGN KEY (org_id) REFERENCES org (id)
                            \"\"\"
                        )
                    """);
            assertThat(linesOf(findings, "add-foreign-key-validated")).containsExactly(line(4));
        }
    }

    @Nested
    class Django {

        private static final String INITIAL = """
                from django.db import migrations, models

                class Migration(migrations.Migration):
                    initial = True
                    operations = [
                        migrations.CreateModel(
                            name='Site',
                            fields=[
                                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                                ('name', models.CharField(max_length=100, null=True)),
                            ],
                        ),
                        migrations.CreateModel(
                            name='Region',
                            fields=[('id', models.BigAutoField(primary_key=True, serialize=False))],
                        ),
                    ]
                """;

        private List<Finding> review(String change) {
            var files = orderedMap("dcim/migrations/0001_initial.py", INITIAL, "dcim/migrations/0002_change.py",
                    change);
            var change0002 = new LinkedHashMap<String, String>();
            change0002.put("dcim/migrations/0002_change.py", change);
            var repository = new LinkedHashMap<>(files);
            var migrations = new ArrayList<MigrationFile>();
            change0002.forEach((path, text) -> migrations.add(DslFiles.file(path, Framework.DJANGO, text)));
            var engine = new ReviewEngine((changed, repo, config) -> migrations, BuiltInFrontends.all(),
                    RuleCatalog.builtIn().rules());
            return engine.review(new ReviewInput(migrations.stream().map(MigrationFile::source).toList(),
                    DslFiles.tree(repository), ReviewConfig.defaults())).findings();
        }

        private static String migration(String head, String operations) {
            return """
                    from django.db import migrations, models
                    import django.db.models.deletion
                    from django.contrib.postgres.operations import AddIndexConcurrently


                    class Migration(migrations.Migration):
                    """ + head + """
                        dependencies = [('dcim', '0001_initial')]

                        operations = [
                    """ + operations + """
                        ]
                    """;
        }

        @Test
        void foreignKeysAreIndexedWithoutConcurrentlyAndValidatedUnderLock() {
            var findings = review(migration("", """
                            migrations.AddField(
                                model_name='site',
                                name='region',
                                field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to='dcim.region'),
                            ),
                    """));
            assertThat(linesOf(findings, "create-index-non-concurrently")).containsExactly(10);
            assertThat(linesOf(findings, "add-foreign-key-validated")).containsExactly(10);
        }

        @Test
        void concurrentIndexesNeedANonAtomicMigration() {
            String operation = """
                            AddIndexConcurrently(
                                model_name='site',
                                index=models.Index(fields=['name'], name='site_name_idx'),
                            ),
                    """;
            var bad = review(migration("", operation));
            assertThat(linesOf(bad, "concurrently-in-transaction")).containsExactly(10);
            var good = review(migration("    atomic = False\n", operation));
            assertThat(ids(good)).doesNotContain("concurrently-in-transaction", "create-index-non-concurrently");
        }

        @Test
        void makingAFieldRequiredIsFlagged() {
            var findings = review(migration("", """
                            migrations.AlterField(
                                model_name='site',
                                name='name',
                                field=models.CharField(max_length=100, default=''),
                            ),
                    """));
            assertThat(linesOf(findings, "set-not-null")).containsExactly(10);
        }

        @Test
        void runSqlIsCheckedAndRemovedFieldsAreFlagged() {
            var findings = review(migration("", """
                            migrations.RunSQL("CREATE INDEX site_name ON dcim_site (name)"),
                            migrations.RemoveField(model_name='site', name='name'),
                    """));
            assertThat(linesOf(findings, "create-index-non-concurrently")).containsExactly(10);
            assertThat(linesOf(findings, "drop-column")).containsExactly(11);
        }
    }

    static Map<String, String> orderedMap(String... pathsAndTexts) {
        var map = new LinkedHashMap<String, String>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            map.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return map;
    }
}

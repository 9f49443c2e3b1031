package dev.migrationreview.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.config.ReviewConfig.MigrationGlob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PathDiscoveryTest {

    /** Path, text, path, text, ... in order. */
    static Map<String, String> files(String... pathThenText) {
        var files = new LinkedHashMap<String, String>();
        for (int i = 0; i < pathThenText.length; i += 2) {
            files.put(pathThenText[i], pathThenText[i + 1]);
        }
        return files;
    }

    static List<MigrationFile> discover(Map<String, String> changed) {
        return discover(changed, Map.of(), ReviewConfig.defaults());
    }

    /** Discovers among {@code changed}, in a repository that also holds {@code unchanged}. */
    static List<MigrationFile> discover(Map<String, String> changed, Map<String, String> unchanged, ReviewConfig config) {
        var all = new LinkedHashMap<>(unchanged);
        all.putAll(changed);
        var sources = changed.entrySet().stream().map(e -> SourceFile.of(e.getKey(), e.getValue())).toList();
        return new PathDiscovery().discover(sources, InMemoryFileTree.of(all), config);
    }

    static MigrationFile only(List<MigrationFile> found) {
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    static MigrationFile at(List<MigrationFile> found, String path) {
        return found.stream().filter(m -> m.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(path + " not discovered; found " + found.stream().map(MigrationFile::path).toList()));
    }

    static List<String> paths(List<MigrationFile> found) {
        return found.stream().map(MigrationFile::path).toList();
    }

    @Nested
    class Flyway {

        @Test
        void versionedMigrationsInAnySeparatorStyle() {
            var found = discover(files(
                    "src/main/resources/db/migration/V2_30_1__Add_column_to_users.sql", "ALTER TABLE users ADD COLUMN a int;",
                    "src/main/resources/db/migration/V2.30.2__Index.sql", "CREATE INDEX i ON t(a);",
                    "src/main/resources/db/migration/V1_1_0_1__Patch.sql", "SELECT 1;"));

            assertThat(paths(found)).containsExactly(
                    "src/main/resources/db/migration/V1_1_0_1__Patch.sql",
                    "src/main/resources/db/migration/V2_30_1__Add_column_to_users.sql",
                    "src/main/resources/db/migration/V2.30.2__Index.sql");
            MigrationFile first = at(found, "src/main/resources/db/migration/V2_30_1__Add_column_to_users.sql");
            assertThat(first.framework()).isEqualTo(Framework.FLYWAY);
            assertThat(first.direction()).isEqualTo(Direction.UP);
            assertThat(first.version()).contains("2.30.1");
            assertThat(first.description()).isEqualTo("Add column to users");
            assertThat(first.transactional()).isTrue();
            assertThat(first.rollback()).isEmpty();
        }

        @Test
        void namingIsEnoughOutsideDbMigration() {
            assertThat(only(discover(files("schema/V3__x.sql", "SELECT 1;"))).framework()).isEqualTo(Framework.FLYWAY);
        }

        @Test
        void undoMigrationIsDownAndPairsWithTheSameVersion() {
            var found = discover(files(
                    "db/migration/V2_1__Add_table.sql", "CREATE TABLE t(a int);",
                    "db/migration/U2.1__Drop_the_table.sql", "DROP TABLE t;"));

            assertThat(paths(found)).containsExactly("db/migration/V2_1__Add_table.sql", "db/migration/U2.1__Drop_the_table.sql");
            assertThat(found.get(0).rollback()).contains("db/migration/U2.1__Drop_the_table.sql");
            assertThat(found.get(1).direction()).isEqualTo(Direction.DOWN);
            assertThat(found.get(1).rollback()).isEmpty();
        }

        @Test
        void undoFileAlreadyInTheRepositoryPairsToo() {
            var found = discover(files("db/migration/V7__x.sql", "SELECT 1;"),
                    files("db/migration/U7__undo_x.sql", "SELECT 2;", "db/migration/U8__other.sql", ""),
                    ReviewConfig.defaults());
            assertThat(only(found).rollback()).contains("db/migration/U7__undo_x.sql");
        }

        @Test
        void repeatableMigrationsRunAfterEveryVersionedOne() {
            var found = discover(files(
                    "db/migration/R__views.sql", "CREATE OR REPLACE VIEW v AS SELECT 1;",
                    "db/migration/V900__late.sql", "SELECT 1;",
                    "db/migration/V2__early.sql", "SELECT 1;"));
            assertThat(paths(found)).containsExactly("db/migration/V2__early.sql", "db/migration/V900__late.sql", "db/migration/R__views.sql");
            assertThat(found.get(2).direction()).isEqualTo(Direction.REPEATABLE);
            assertThat(found.get(2).version()).isEmpty();
        }

        @Test
        void scriptConfigFileTurnsTheTransactionOff() {
            var found = discover(files(
                    "db/migration/V5__concurrent_index.sql", "CREATE INDEX CONCURRENTLY i ON t(a);",
                    "db/migration/V5__concurrent_index.sql.conf", "executeInTransaction=false\n",
                    "db/migration/V6__plain.sql", "SELECT 1;"));
            assertThat(paths(found)).containsExactly("db/migration/V5__concurrent_index.sql", "db/migration/V6__plain.sql");
            assertThat(found.get(0).transactional()).isFalse();
            assertThat(found.get(1).transactional()).isTrue();
        }

        @Test
        void javaMigrationsUnderDbMigration() {
            var found = discover(files(
                    "src/main/java/db/migration/V3__Backfill_names.java", "public class V3__Backfill_names extends BaseJavaMigration {}",
                    "src/main/java/com/acme/V4__NotAMigration.java", "class V4__NotAMigration {}",
                    "src/main/java/com/acme/migrations/V5__Elsewhere.java", "class V5__Elsewhere extends BaseJavaMigration {}"));
            assertThat(paths(found)).containsExactly("src/main/java/db/migration/V3__Backfill_names.java",
                    "src/main/java/com/acme/migrations/V5__Elsewhere.java");
            assertThat(found.get(0).framework()).isEqualTo(Framework.FLYWAY_JAVA);
            assertThat(found.get(0).description()).isEqualTo("Backfill names");
        }
    }

    @Nested
    class Ordering {

        @Test
        void versionPartsCompareAsNumbers() {
            var found = discover(files(
                    "db/migration/V10__c.sql", "",
                    "db/migration/V2_10__b.sql", "",
                    "db/migration/V2.9__a.sql", "",
                    "db/migration/V2_9_1__a2.sql", ""));
            assertThat(found).extracting(m -> m.version().orElseThrow()).containsExactly("2.9", "2.9.1", "2.10", "10");
        }

        @Test
        void mixedFrameworksAreSortedByVersionWithUpsBeforeDownsOfTheSameVersion() {
            var found = discover(files(
                    "migrations/000002_b.down.sql", "",
                    "migrations/000002_b.up.sql", "",
                    "migrations/000001_a.up.sql", "",
                    "db/migration/V3__c.sql", ""));
            assertThat(paths(found)).containsExactly("migrations/000001_a.up.sql", "migrations/000002_b.up.sql",
                    "migrations/000002_b.down.sql", "db/migration/V3__c.sql");
        }

        @Test
        void resultIsTheSameWhateverTheInputOrder() {
            var forward = files("db/migration/V1__a.sql", "", "db/migration/V2__b.sql", "", "db/migration/V1_5__c.sql", "");
            var backward = new LinkedHashMap<String, String>();
            new ArrayList<>(forward.keySet()).reversed().forEach(p -> backward.put(p, ""));
            assertThat(paths(discover(forward))).isEqualTo(paths(discover(backward)));
        }
    }

    @Nested
    class GolangMigrate {

        @Test
        void upAndDownFilesPair() {
            var found = discover(files(
                    "migrations/000001_create_users.up.sql", "CREATE TABLE users(id int);",
                    "migrations/000001_create_users.down.sql", "DROP TABLE users;"));
            assertThat(paths(found)).containsExactly("migrations/000001_create_users.up.sql", "migrations/000001_create_users.down.sql");
            MigrationFile up = found.get(0);
            assertThat(up.framework()).isEqualTo(Framework.GOLANG_MIGRATE);
            assertThat(up.version()).contains("000001");
            assertThat(up.description()).isEqualTo("create users");
            assertThat(up.rollback()).contains("migrations/000001_create_users.down.sql");
            assertThat(up.transactional()).isFalse();
            assertThat(found.get(1).direction()).isEqualTo(Direction.DOWN);
        }

        @Test
        void downFileOnlyInTheRepositoryStillPairs() {
            var found = discover(files("migrations/3_x.up.sql", ""), files("migrations/3_x.down.sql", ""), ReviewConfig.defaults());
            assertThat(only(found).rollback()).contains("migrations/3_x.down.sql");
        }

        @Test
        void dialectAndAutocommitQualifiersAreNotPartOfTheName() {
            var found = discover(files(
                    "sql/20241029153900000001_identities.cockroach.autocommit.up.sql", "",
                    "sql/20241029153900000001_identities.cockroach.autocommit.down.sql", "",
                    "sql/20241029153900000001_identities.mysql.up.sql", ""));
            MigrationFile cockroach = at(found, "sql/20241029153900000001_identities.cockroach.autocommit.up.sql");
            assertThat(cockroach.description()).isEqualTo("identities");
            assertThat(cockroach.dialect().kind()).isEqualTo(DatabaseKind.COCKROACHDB);
            assertThat(cockroach.rollback()).contains("sql/20241029153900000001_identities.cockroach.autocommit.down.sql");
            assertThat(at(found, "sql/20241029153900000001_identities.mysql.up.sql").rollback()).isEmpty();
        }

        @Test
        void dotsInTheNameAreKept() {
            assertThat(only(discover(files("make/migrations/postgresql/0002_1.7.0_schema.up.sql", ""))).description())
                    .isEqualTo("1.7.0 schema");
        }
    }

    @Nested
    class Diesel {

        @Test
        void upAndDownInAVersionedFolder() {
            var found = discover(files(
                    "migrations/2020-01-01-000000_create_users/up.sql", "CREATE TABLE users();",
                    "migrations/2020-01-01-000000_create_users/down.sql", "DROP TABLE users;"));
            assertThat(paths(found)).containsExactly("migrations/2020-01-01-000000_create_users/up.sql",
                    "migrations/2020-01-01-000000_create_users/down.sql");
            assertThat(found.get(0).framework()).isEqualTo(Framework.DIESEL);
            assertThat(found.get(0).version()).contains("2020-01-01-000000");
            assertThat(found.get(0).description()).isEqualTo("create users");
            assertThat(found.get(0).rollback()).contains("migrations/2020-01-01-000000_create_users/down.sql");
            assertThat(found.get(0).transactional()).isTrue();
        }

        @Test
        void metadataTomlTurnsTheTransactionOff() {
            var found = discover(files("migrations/2021-05-05-000000_index/up.sql", "CREATE INDEX CONCURRENTLY i ON t(a);"),
                    files("migrations/2021-05-05-000000_index/metadata.toml", "run_in_transaction = false\n"),
                    ReviewConfig.defaults());
            assertThat(only(found).transactional()).isFalse();
        }
    }

    @Nested
    class ContentMarkers {

        @Test
        void dbmateFilesHoldBothDirections() {
            var found = discover(files(
                    "db/migrations/20230101120000_create_t.sql", "-- migrate:up\nCREATE TABLE t();\n-- migrate:down\nDROP TABLE t;\n",
                    "db/migrations/20230101130000_index.sql", "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t(a);\n"));
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.DBMATE);
            assertThat(found.get(0).direction()).isEqualTo(Direction.UP_AND_DOWN);
            assertThat(found.get(0).version()).contains("20230101120000");
            assertThat(found).extracting(MigrationFile::transactional).containsExactly(true, false);
        }

        @Test
        void gooseMarkersAnywhere() {
            var found = discover(files(
                    "sql/00001_users.sql", "-- +goose Up\nCREATE TABLE users();\n-- +goose Down\nDROP TABLE users;\n",
                    "sql/00002_index.sql", "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON users(a);\n"));
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.GOOSE);
            assertThat(found).extracting(MigrationFile::direction).containsOnly(Direction.UP_AND_DOWN);
            assertThat(found).extracting(MigrationFile::transactional).containsExactly(true, false);
        }

        @Test
        void liquibaseFormattedSqlByItsFirstLine() {
            var found = discover(files(
                    "src/main/resources/changes/001-users.sql", "\n--liquibase formatted sql\n--changeset bob:1\nCREATE TABLE users();\n",
                    "src/main/resources/changes/002-index.sql",
                    "-- liquibase formatted sql\n--changeset bob:2 runInTransaction:false\nCREATE INDEX CONCURRENTLY i ON users(a);\n"));
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.LIQUIBASE_SQL);
            assertThat(found).extracting(MigrationFile::transactional).containsExactly(true, false);
            assertThat(found.get(0).version()).contains("001");
        }

        @Test
        void liquibaseChangelogsInEveryFormatButNotOtherXml() {
            var found = discover(files(
                    "db/changelog/master.xml", "<databaseChangeLog><include file=\"a.xml\"/></databaseChangeLog>",
                    "db/changelog/changes.yaml", "databaseChangeLog:\n  - changeSet:\n      runInTransaction: false\n",
                    "db/changelog/changes.json", "{\"databaseChangeLog\": []}",
                    "pom.xml", "<project/>",
                    "config/app.yaml", "server: {port: 80}"));
            assertThat(found).extracting(MigrationFile::path, MigrationFile::framework, MigrationFile::transactional).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("db/changelog/master.xml", Framework.LIQUIBASE_XML, true),
                    org.assertj.core.groups.Tuple.tuple("db/changelog/changes.yaml", Framework.LIQUIBASE_YAML, false),
                    org.assertj.core.groups.Tuple.tuple("db/changelog/changes.json", Framework.LIQUIBASE_JSON, true));
        }
    }

    @Nested
    class Prisma {

        @Test
        void migrationSqlInATimestampedFolderOrderedByFolderName() {
            var found = discover(files(
                    "prisma/migrations/20250625_add_pivot/migration.sql", "ALTER TABLE a ADD b int;",
                    "prisma/migrations/20230518191501_init/migration.sql", "CREATE TABLE a();"),
                    files("prisma/migrations/migration_lock.toml", "provider = \"mysql\"\n"), ReviewConfig.defaults());
            // Prisma applies folders in name order, so 2023... (14 digits) runs before 20250625 (8 digits).
            assertThat(paths(found)).containsExactly("prisma/migrations/20230518191501_init/migration.sql",
                    "prisma/migrations/20250625_add_pivot/migration.sql");
            MigrationFile init = found.get(0);
            assertThat(init.framework()).isEqualTo(Framework.PRISMA);
            assertThat(init.version()).contains("20230518191501");
            assertThat(init.description()).isEqualTo("init");
            assertThat(init.dialect()).isEqualTo(new Dialect(DatabaseKind.MYSQL, 8, "prisma migration_lock.toml"));
        }

        @Test
        void theNearestLockFileDecides() {
            var found = discover(files("apps/a/prisma/migrations/1_x/migration.sql", "", "apps/b/migrations/2_y/migration.sql", ""),
                    files("apps/a/prisma/migrations/migration_lock.toml", "# comment\nprovider = \"sqlite\"",
                            "migration_lock.toml", "provider = \"cockroachdb\""),
                    ReviewConfig.defaults());
            assertThat(at(found, "apps/a/prisma/migrations/1_x/migration.sql").dialect().kind()).isEqualTo(DatabaseKind.SQLITE);
            assertThat(at(found, "apps/b/migrations/2_y/migration.sql").dialect().kind()).isEqualTo(DatabaseKind.COCKROACHDB);
        }
    }

    @Nested
    class Sqitch {

        private final Map<String, String> project = files(
                "db/sqitch.plan", "%syntax-version=1.0.0\n%project=shop\n\nusers 2024-01-01T00:00:00Z Bob <b@x> # users\n"
                        + "@v1 2024-01-02T00:00:00Z Bob <b@x>\nschema/orders [users] 2024-01-03T00:00:00Z Bob <b@x> # orders\n",
                "db/revert/users.sql", "DROP TABLE users;");

        @Test
        void deployIsUpRevertIsDownVerifyIsNotAMigration() {
            var found = discover(files(
                    "db/deploy/schema/orders.sql", "CREATE TABLE orders();",
                    "db/deploy/users.sql", "CREATE TABLE users();",
                    "db/verify/users.sql", "SELECT id FROM users WHERE false;",
                    "db/revert/schema/orders.sql", "DROP TABLE orders;"), project, ReviewConfig.defaults());

            assertThat(paths(found)).containsExactly("db/deploy/users.sql", "db/deploy/schema/orders.sql", "db/revert/schema/orders.sql");
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.SQITCH);
            assertThat(found).extracting(MigrationFile::direction).containsExactly(Direction.UP, Direction.UP, Direction.DOWN);
            assertThat(found.get(0).rollback()).contains("db/revert/users.sql");
            assertThat(found.get(1).rollback()).contains("db/revert/schema/orders.sql");
            assertThat(found.get(1).description()).isEqualTo("schema/orders");
        }

        @Test
        void withoutAPlanDeployFoldersAreNothingSpecial() {
            assertThat(discover(files("scripts/deploy/users.sql", "CREATE TABLE users();"))).isEmpty();
        }
    }

    @Nested
    class ProgramMigrations {

        @Test
        void railsMigrationsAndTheirMarkers() {
            var found = discover(files(
                    "db/migrate/20240101000000_create_users.rb", "class CreateUsers < ActiveRecord::Migration[7.1]\n  def change\n  end\nend\n",
                    "db/migrate/20240102000000_add_index.rb",
                    "class AddIndex < ActiveRecord::Migration[7.1]\n  disable_ddl_transaction!\n  def up\n  end\n  def down\n  end\nend\n",
                    "db/migrate/20230730185646_create_runs.maintenance_tasks.rb", "class CreateRuns < ActiveRecord::Migration[7.0]; end",
                    "db/animals_migrate/20240103000000_create_dogs.rb", "class CreateDogs < ActiveRecord::Migration[7.1]; end",
                    "app/models/user.rb", "class User < ApplicationRecord; end",
                    "db/seeds.rb", "User.create!"));
            assertThat(paths(found)).containsExactly("db/migrate/20230730185646_create_runs.maintenance_tasks.rb",
                    "db/migrate/20240101000000_create_users.rb", "db/migrate/20240102000000_add_index.rb",
                    "db/animals_migrate/20240103000000_create_dogs.rb");
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.RAILS);
            assertThat(found.get(0).description()).isEqualTo("create runs");
            assertThat(found).extracting(MigrationFile::transactional).containsExactly(true, true, false, true);
            assertThat(found).extracting(MigrationFile::direction)
                    .containsExactly(Direction.UP, Direction.UP, Direction.UP_AND_DOWN, Direction.UP);
        }

        @Test
        void alembicRevisionsRunInDownRevisionOrder() {
            var found = discover(files(
                    "alembic/versions/0aaa_third.py", "revision = \"0aaa\"\ndown_revision = \"5bbb\"\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n",
                    "alembic/versions/ffff_first.py", "\"\"\"first\"\"\"\nrevision: str = 'ffff'\ndown_revision: Union[str, None] = None\n\n"
                            + "def upgrade():\n    op.create_table('t')\n\ndef downgrade():\n    op.drop_table('t')\n",
                    "alembic/versions/5bbb_second.py", "revision = '5bbb'\ndown_revision = ('ffff', 'eeee')\n\n"
                            + "def upgrade():\n    with op.get_context().autocommit_block():\n        op.create_index('i', 't', ['a'], postgresql_concurrently=True)\n"));
            assertThat(paths(found)).containsExactly("alembic/versions/ffff_first.py", "alembic/versions/5bbb_second.py",
                    "alembic/versions/0aaa_third.py");
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.ALEMBIC);
            assertThat(found).extracting(m -> m.version().orElseThrow()).containsExactly("ffff", "5bbb", "0aaa");
            assertThat(found).extracting(MigrationFile::description).containsExactly("first", "second", "third");
            assertThat(found).extracting(MigrationFile::transactional).containsExactly(true, false, true);
            assertThat(found).extracting(MigrationFile::direction).containsExactly(Direction.UP_AND_DOWN, Direction.UP, Direction.UP);
        }

        @Test
        void alembicCyclesDoNotLoseFiles() {
            var found = discover(files(
                    "versions/b.py", "revision = 'b'\ndown_revision = 'a'\ndef upgrade(): pass\n",
                    "versions/a.py", "revision = 'a'\ndown_revision = 'b'\ndef upgrade(): pass\n"));
            assertThat(paths(found)).containsExactly("versions/a.py", "versions/b.py");
        }

        @Test
        void djangoMigrationsButNotPackageMarkers() {
            var found = discover(files(
                    "shop/migrations/__init__.py", "",
                    "shop/migrations/0002_add_index.py", "class Migration(migrations.Migration):\n    atomic = False\n",
                    "shop/migrations/0001_initial.py", "class Migration(migrations.Migration):\n    initial = True\n",
                    "shop/models.py", "class Migration: pass"));
            assertThat(paths(found)).containsExactly("shop/migrations/0001_initial.py", "shop/migrations/0002_add_index.py");
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.DJANGO);
            assertThat(found).extracting(MigrationFile::transactional).containsExactly(true, false);
            assertThat(found.get(1).description()).isEqualTo("add index");
        }
    }

    @Nested
    class PlainSqlAndNonMigrations {

        @Test
        void sqlUnderMigrationFoldersIsPlainSql() {
            var found = discover(files(
                    "migrations/001_init.sql", "CREATE TABLE t();",
                    "db/002_more.sql", "ALTER TABLE t ADD a int;",
                    "database/patches/x.sql", "SELECT 1;",
                    "db/migrations/003_init_down.sql", "DROP TABLE t;"));
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.PLAIN_SQL);
            assertThat(at(found, "migrations/001_init.sql").version()).contains("001");
            assertThat(at(found, "migrations/001_init.sql").transactional()).isFalse();
            assertThat(at(found, "database/patches/x.sql").version()).isEmpty();
            assertThat(at(found, "db/migrations/003_init_down.sql").direction()).isEqualTo(Direction.DOWN);
        }

        @Test
        void codeDocsSeedsDumpsQueriesAndTestFixturesAreNotMigrations() {
            assertThat(discover(files(
                    "README.md", "# migrations",
                    "src/main/java/com/acme/App.java", "class App {}",
                    "scripts/report.sql", "SELECT 1;",
                    "db/seeds/users.sql", "INSERT INTO users VALUES (1);",
                    "db/structure.sql", "CREATE TABLE users();",
                    "db/schema.sql", "CREATE TABLE users();",
                    "db/queries/users.sql", "-- name: GetUser :one\nSELECT 1;",
                    "src/test/resources/db/migration/V1__test_schema.sql", "CREATE TABLE t();",
                    "internal/testdata/migrations/1_x.up.sql", "CREATE TABLE t();",
                    "migrations/diagram.png", "\u0000PNG",
                    "migrations/README.md", "how to migrate"))).isEmpty();
        }

        @Test
        void emptyBinaryAndHugeFilesAreStillMigrations() {
            byte[] binary = new byte[] {0, 1, 2, (byte) 0xff, (byte) 0xfe, 0};
            byte[] huge = ("ALTER TABLE t ADD COLUMN a int AUTO_INCREMENT;\n".repeat(120_000) + "-- +goose Up\n")
                    .getBytes(StandardCharsets.UTF_8);
            var sources = List.of(
                    SourceFile.of("db/migration/V1__empty.sql", ""),
                    new SourceFile("db/migration/V2__binary.sql", binary),
                    new SourceFile("db/migration/V3__huge.sql", huge),
                    new SourceFile("db/migration/V4__bad_utf8.sql", new byte[] {'S', (byte) 0xc3, (byte) 0x28, ';'}));
            List<MigrationFile> found = assertTimeoutPreemptively(Duration.ofSeconds(10),
                    () -> new PathDiscovery().discover(sources, FileTree.EMPTY, ReviewConfig.defaults()));
            assertThat(paths(found)).containsExactly("db/migration/V1__empty.sql", "db/migration/V2__binary.sql",
                    "db/migration/V3__huge.sql", "db/migration/V4__bad_utf8.sql");
            assertThat(found).extracting(MigrationFile::framework).containsOnly(Framework.FLYWAY);
            assertThat(found.get(1).dialect()).isEqualTo(Dialect.defaultPostgres());
            assertThat(found.get(2).dialect().kind()).isEqualTo(DatabaseKind.MYSQL);
        }

        @Test
        void oddNamesAreReadWithoutFailing() {
            var found = discover(files(
                    "db/migration/__.sql", "", "db/..sql", "", "db/.sql", "", "db/migration/V1__.sql", "",
                    "migrations//002_x.sql", "", "migrations/a b/003 x.sql", "", "db/migration/V2____.sql", ""));
            assertThat(paths(found)).hasSize(6).doesNotContain("db/.sql");
            assertThat(at(found, "db/migration/V1__.sql").description()).isEqualTo("V1__");
            assertThat(at(found, "db/migration/V2____.sql").framework()).isEqualTo(Framework.FLYWAY);
        }

        /** Names and contents stitched from the pieces every convention looks at, with a fixed seed. */
        @Test
        void randomNamesAndContentsNeverBreakDiscovery() {
            String[] segments = {"db", "migrations", "deploy", "revert", "verify", "versions", "migrate", "mysql", "SQL_SERVER",
                    "", ".", "..", "V1__x", "V1_2__a___H2", "U1__x", "R__x", "001_x", "2020-01-01-000000_x", "x.up",
                    "x.mysql.down", "__init__", "up", "down", "migration", "sqitch.plan", "migration_lock.toml", "a b", "V", "__", "-"};
            String[] extensions = {".sql", ".py", ".rb", ".xml", ".yaml", ".json", ".java", "", ".conf", ".toml", ".sql.conf"};
            String[] contents = {"", "-- +goose Up\n", "-- migrate:up transaction:false", "--liquibase formatted sql", "databaseChangeLog",
                    "revision = 'a'\ndown_revision = 'a'\ndef upgrade", "class Migration\natomic = False", "ActiveRecord::Migration def down",
                    "provider = \"mysql\"", "$$ AUTO_INCREMENT [x] GO\n `a` ::", "executeInTransaction=false", "users 2024\nx [y]\n%a\n@t\n",
                    "\u0000\u0001", "$a$", "'", "/*!", "[a b"};
            var random = new java.util.Random(20240101);
            var listing = new ReviewConfig(Optional.empty(), Optional.empty(),
                    List.of(new MigrationGlob("**/x*", Optional.of("sqitch")), new MigrationGlob("**/V*", Optional.of("liquibase"))),
                    List.of("**/a b*"), Map.of(), false);
            for (int round = 0; round < 500; round++) {
                var changed = new LinkedHashMap<String, String>();
                for (int file = random.nextInt(10); file >= 0; file--) {
                    var path = new StringBuilder();
                    for (int depth = random.nextInt(5); depth > 0; depth--) {
                        path.append(segments[random.nextInt(segments.length)]).append('/');
                    }
                    path.append(segments[random.nextInt(segments.length)]).append(extensions[random.nextInt(extensions.length)]);
                    changed.put(path.toString(), contents[random.nextInt(contents.length)] + contents[random.nextInt(contents.length)]);
                }
                var found = discover(changed, Map.of(), round % 2 == 0 ? listing : ReviewConfig.defaults());
                assertThat(changed.keySet()).containsAll(paths(found));
            }
        }

        @Test
        void aPathChangedTwiceIsDiscoveredOnce() {
            var sources = List.of(SourceFile.of("db/migration/V1__a.sql", "SELECT 1;"), SourceFile.of("db/migration/V1__a.sql", "SELECT 2;"));
            assertThat(new PathDiscovery().discover(sources, FileTree.EMPTY, ReviewConfig.defaults()))
                    .singleElement().satisfies(m -> assertThat(new String(m.source().content(), StandardCharsets.UTF_8)).isEqualTo("SELECT 1;"));
        }
    }

    @Nested
    class Configured {

        private ReviewConfig config(List<MigrationGlob> migrations, List<String> exclude) {
            return new ReviewConfig(Optional.empty(), Optional.empty(), migrations, exclude, Map.of(), false);
        }

        @Test
        void globsAddFilesThatFollowNoConvention() {
            var found = discover(files(
                    "sql/changes/2024-01-05-add-index.sql", "CREATE INDEX i ON t(a);",
                    "ops/goose/step.sql", "CREATE TABLE t();",
                    "src/test/resources/db/migration/V1__x.sql", "CREATE TABLE t();"), Map.of(),
                    config(List.of(new MigrationGlob("sql/changes/*.sql", Optional.empty()),
                            new MigrationGlob("ops/goose/*.sql", Optional.of("goose")),
                            new MigrationGlob("src/test/**", Optional.empty())), List.of()));
            MigrationFile listed = at(found, "sql/changes/2024-01-05-add-index.sql");
            assertThat(listed.framework()).isEqualTo(Framework.PLAIN_SQL);
            assertThat(listed.version()).contains("2024-01-05");
            assertThat(listed.description()).isEqualTo("add index");
            MigrationFile goose = at(found, "ops/goose/step.sql");
            assertThat(goose.framework()).isEqualTo(Framework.GOOSE);
            assertThat(goose.direction()).isEqualTo(Direction.UP_AND_DOWN);
            assertThat(at(found, "src/test/resources/db/migration/V1__x.sql").framework()).isEqualTo(Framework.FLYWAY);
        }

        @Test
        void familyNamesPickTheFrameworkByExtension() {
            var found = discover(files("changes/a.yaml", "x: 1", "changes/b.sql", "SELECT 1;", "changes/V9__c.java", "class V9__c {}"),
                    Map.of(), config(List.of(new MigrationGlob("changes/*.{yaml,sql}", Optional.of("liquibase")),
                            new MigrationGlob("changes/*.java", Optional.of("Flyway"))), List.of()));
            assertThat(at(found, "changes/a.yaml").framework()).isEqualTo(Framework.LIQUIBASE_YAML);
            assertThat(at(found, "changes/b.sql").framework()).isEqualTo(Framework.LIQUIBASE_SQL);
            MigrationFile java = at(found, "changes/V9__c.java");
            assertThat(java.framework()).isEqualTo(Framework.FLYWAY_JAVA);
            assertThat(java.version()).contains("9");
        }

        @Test
        void excludeWinsOverEverything() {
            var found = discover(files("db/migration/V1__a.sql", "", "db/migration/V2__generated.sql", "", "legacy/V3__b.sql", ""),
                    Map.of(), config(List.of(new MigrationGlob("legacy/*.sql", Optional.empty())),
                            List.of("*generated*", "legacy/")));
            assertThat(paths(found)).containsExactly("db/migration/V1__a.sql");
        }
    }
}

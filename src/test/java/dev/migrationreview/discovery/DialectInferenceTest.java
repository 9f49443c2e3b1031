package dev.migrationreview.discovery;

import static dev.migrationreview.discovery.PathDiscoveryTest.discover;
import static dev.migrationreview.discovery.PathDiscoveryTest.files;
import static dev.migrationreview.discovery.PathDiscoveryTest.only;
import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.config.ReviewConfig;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DialectInferenceTest {

    private static Dialect dialectOf(String path, String sql) {
        return only(discover(files(path, sql))).dialect();
    }

    private static ReviewConfig configured(DatabaseKind kind, Optional<Integer> version) {
        return new ReviewConfig(Optional.of(kind), version, List.of(), List.of(), Map.of(), false);
    }

    @Test
    void configurationComesFirst() {
        var found = discover(files("db/mysql/V1__x.sql", "CREATE TABLE t(id int AUTO_INCREMENT);"), Map.of(),
                configured(DatabaseKind.POSTGRESQL, Optional.of(15)));
        assertThat(only(found).dialect()).isEqualTo(new Dialect(DatabaseKind.POSTGRESQL, 15, "config"));
        var noVersion = discover(files("db/V1__x.sql", ""), Map.of(), configured(DatabaseKind.MYSQL, Optional.empty()));
        assertThat(only(noVersion).dialect()).isEqualTo(new Dialect(DatabaseKind.MYSQL, 8, "config"));
    }

    @ParameterizedTest(name = "{0} -> {1} ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            db/migration/mysql/V1__x.sql                       | MYSQL       | path segment 'mysql'
            db/migration/MYSQL/V1__x.sql                       | MYSQL       | path segment 'MYSQL'
            db/migration/SQL_SERVER/V1__x.sql                  | SQLSERVER   | path segment 'SQL_SERVER'
            sql-server-migrations/V1__x.sql                    | SQLSERVER   | path segment 'sql_server'
            migrations/mssql/001.sql                           | SQLSERVER   | path segment 'mssql'
            migrations/pg/001.sql                              | POSTGRESQL  | path segment 'pg'
            make/migrations/postgresql/0001_x.up.sql           | POSTGRESQL  | path segment 'postgresql'
            mysql-persistence/src/main/resources/db/migration/V1__x.sql | MYSQL | path segment 'mysql'
            db/migration_scheduler_mysql/V1__x.sql             | MYSQL       | path segment 'mysql'
            db/mariadb/V1__x.sql                               | MARIADB     | path segment 'mariadb'
            db/sqlite3/V1__x.sql                               | SQLITE      | path segment 'sqlite3'
            db/h2/V1__x.sql                                    | H2          | path segment 'h2'
            db/migration/DB2/V1__x.sql                         | DB2         | path segment 'DB2'
            db/cockroach/V1__x.sql                             | COCKROACHDB | path segment 'cockroach'
            sql/2023_x.mysql.up.sql                            | MYSQL       | file name part 'mysql'
            sql/2023_x.sqlite3.down.sql                        | SQLITE      | file name part 'sqlite3'
            sql/2023_x.cockroach.autocommit.up.sql             | COCKROACHDB | file name part 'cockroach'
            db/migration/V1_0_1__init___H2.sql                 | H2          | file name part 'H2'
            db/migration/V1_12_12__change_length___SQL_SERVER.sql | SQLSERVER | file name part 'SQL_SERVER'
            postgres/sql/2023_x.mysql.up.sql                   | MYSQL       | file name part 'mysql'
            """)
    void fromPaths(String path, DatabaseKind kind, String source) {
        Dialect dialect = dialectOf(path, "");
        assertThat(dialect.kind()).isEqualTo(kind);
        assertThat(dialect.source()).isEqualTo(source);
    }

    @Test
    void aFlywayDescriptionThatNamesADatabaseIsNotADialect() {
        assertThat(dialectOf("db/migration/V3__import_from_mysql.sql", "")).isEqualTo(Dialect.defaultPostgres());
    }

    @ParameterizedTest(name = "{1} <- {0}")
    @CsvSource(delimiter = '|', textBlock = """
            CREATE TABLE t (id int NOT NULL AUTO_INCREMENT PRIMARY KEY);   | MYSQL      | syntax: AUTO_INCREMENT
            CREATE TABLE t (id int) ENGINE = InnoDB;                        | MYSQL      | syntax: ENGINE=
            ALTER TABLE `users` ADD `age` int;                              | MYSQL      | syntax: backtick-quoted names
            /*!40101 SET NAMES utf8 */;                                     | MYSQL      | syntax: /*! conditional comment
            CREATE TABLE t (id SERIAL PRIMARY KEY);                         | POSTGRESQL | syntax: SERIAL
            UPDATE t SET a = b::text;                                       | POSTGRESQL | syntax: ::
            CREATE FUNCTION f() RETURNS int AS $$ SELECT 1 $$ LANGUAGE sql; | POSTGRESQL | syntax: $$
            DO $body$ BEGIN PERFORM 1; END $body$;                          | POSTGRESQL | syntax: $$
            ALTER TABLE t ADD COLUMN d JSONB;                               | POSTGRESQL | syntax: JSONB
            CREATE INDEX CONCURRENTLY i ON t (a);                           | POSTGRESQL | syntax: CONCURRENTLY
            CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT);          | SQLITE     | syntax: AUTOINCREMENT
            ALTER TABLE t ADD name NVARCHAR(100);                           | SQLSERVER  | syntax: NVARCHAR
            ALTER TABLE [dbo].[users] ADD age int;                          | SQLSERVER  | syntax: [bracketed] names
            CREATE TABLE t (id int IDENTITY(1,1));                          | SQLSERVER  | syntax: IDENTITY(
            """)
    void fromSyntax(String sql, DatabaseKind kind, String source) {
        Dialect dialect = dialectOf("db/migrations/001_x.sql", sql);
        assertThat(dialect.kind()).isEqualTo(kind);
        assertThat(dialect.source()).isEqualTo(source);
    }

    @Test
    void goOnItsOwnLineIsSqlServer() {
        assertThat(dialectOf("db/migrations/001_x.sql", "CREATE TABLE t (a int)\nGO\n").source()).isEqualTo("syntax: GO batch separator");
        assertThat(dialectOf("db/migrations/001_x.sql", "SELECT go FROM t;\n")).isEqualTo(Dialect.defaultPostgres());
    }

    @Test
    void theDatabaseWithMostMarksWins() {
        String mostlyMysql = "ALTER TABLE t MODIFY a int; -- cast with ::\nCREATE TABLE `a` (`id` int AUTO_INCREMENT) ENGINE=InnoDB;\n"
                + "UPDATE t SET a = b::text;";
        assertThat(dialectOf("db/migrations/001_x.sql", mostlyMysql)).isEqualTo(Dialect.of(DatabaseKind.MYSQL, "syntax: backtick-quoted names"));
    }

    @Test
    void wordsInCommentsStringsAndQuotedNamesDoNotCount() {
        String sql = """
                -- AUTO_INCREMENT is MySQL's, we are not
                /* ENGINE=InnoDB, NVARCHAR */
                INSERT INTO notes (text) VALUES ('use `backticks` and JSONB:: here');
                ALTER TABLE "AUTOINCREMENT" ADD c int;
                SELECT ARRAY[1, 2], '{a}'::text[] FROM t WHERE a = $1;
                """;
        assertThat(dialectOf("db/migrations/001_x.sql", sql)).isEqualTo(Dialect.of(DatabaseKind.POSTGRESQL, "syntax: ::"));
        assertThat(dialectOf("db/migrations/002_x.sql", "-- AUTO_INCREMENT\nSELECT 'ENGINE=InnoDB';")).isEqualTo(Dialect.defaultPostgres());
    }

    @Test
    void programMigrationsAreNotSniffedAsSql() {
        var found = discover(files("db/migrate/20240101000000_x.rb",
                "class X < ActiveRecord::Migration[7.1]\n  def change\n    add_column :t, :a, :string\n  end\nend\n"));
        assertThat(only(found).dialect()).isEqualTo(Dialect.defaultPostgres());
    }

    @Test
    void unterminatedQuotesAndDollarTagsEndTheScanQuietly() {
        assertThat(dialectOf("db/migrations/001_x.sql", "SELECT 'never closed AUTO_INCREMENT")).isEqualTo(Dialect.defaultPostgres());
        assertThat(dialectOf("db/migrations/001_x.sql", "DO $x$ BEGIN AUTO_INCREMENT")).isEqualTo(Dialect.of(DatabaseKind.POSTGRESQL, "syntax: $$"));
        assertThat(dialectOf("db/migrations/001_x.sql", "/* open comment AUTO_INCREMENT")).isEqualTo(Dialect.defaultPostgres());
    }

    @Test
    void nothingToGoOnMeansPostgres16() {
        Dialect dialect = dialectOf("db/migrations/001_x.sql", "ALTER TABLE t ADD COLUMN a int;");
        assertThat(dialect).isEqualTo(new Dialect(DatabaseKind.POSTGRESQL, 16, "default"));
    }
}

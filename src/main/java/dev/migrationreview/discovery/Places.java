package dev.migrationreview.discovery;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What folder names say about the files in them. */
final class Places {

    /** Tests and fixtures hold migrations for test databases; config globs can still include them. */
    private static final Set<String> TEST_FOLDERS = Set.of(
            "test", "tests", "testdata", "__tests__", "fixtures", "__fixtures__", "testfixtures", "spec", "specs");

    /** SQL that lives under db/ but never runs as a migration. */
    private static final Set<String> NON_MIGRATION_SQL_FOLDERS = Set.of(
            "seed", "seeds", "seeders", "query", "queries", "dump", "dumps", "backup", "backups");

    /** Schema dumps and seed scripts that tools keep beside migrations. */
    private static final Set<String> NON_MIGRATION_SQL_FILES = Set.of(
            "structure.sql", "schema.sql", "seed.sql", "seeds.sql", "data.sql");

    private Places() {}

    static boolean isTestOrFixture(List<String> folders) {
        return folders.stream().anyMatch(f -> TEST_FOLDERS.contains(f.toLowerCase(Locale.ROOT)));
    }

    /** A folder such as {@code migrations/}, {@code db/}, {@code migration_postgres/} or {@code changelog/}. */
    static boolean holdsSqlMigrations(List<String> folders, String fileName) {
        if (NON_MIGRATION_SQL_FILES.contains(fileName.toLowerCase(Locale.ROOT))) {
            return false;
        }
        boolean migrationFolder = false;
        for (String folder : folders) {
            String f = folder.toLowerCase(Locale.ROOT);
            if (NON_MIGRATION_SQL_FOLDERS.contains(f)) {
                return false;
            }
            migrationFolder |= f.contains("migrat") || f.contains("changelog") || f.equals("db") || f.equals("database");
        }
        return migrationFolder;
    }

    /** Flyway's default location for Java migrations: a {@code db/migration} package. */
    static boolean isDbMigrationPackage(List<String> folders) {
        for (int i = 0; i + 1 < folders.size(); i++) {
            if (folders.get(i).equals("db") && folders.get(i + 1).startsWith("migration")) {
                return true;
            }
        }
        return false;
    }

    /** Rails' {@code db/migrate}, or {@code db/<database>_migrate} for a second database. */
    static boolean isRailsMigrateFolder(List<String> folders) {
        return folders.stream().anyMatch(f -> f.equals("migrate") || f.endsWith("_migrate"));
    }
}

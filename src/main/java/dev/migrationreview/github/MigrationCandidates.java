package dev.migrationreview.github;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which modified files are worth a contents request. A new file's content comes free with its
 * patch, so every added file reaches discovery; an existing file costs one request, so only
 * files that a migration framework could read are fetched: SQL, changelogs, and code under a
 * folder that frameworks use for migrations. Discovery still decides what is a migration.
 */
public final class MigrationCandidates implements Predicate<String> {

    private static final Set<String> DATA_EXTENSIONS = Set.of("sql", "xml", "yaml", "yml", "json");
    private static final Set<String> CODE_EXTENSIONS = Set.of("rb", "py", "java", "kt", "go", "js", "ts", "php", "cs", "scala");
    private static final Set<String> FOLDER_HINTS = Set.of("migrat", "changelog", "changeset", "liquibase", "flyway",
            "alembic", "versions", "schema", "deploy", "revert", "verify", "db", "database", "sql");

    private final Predicate<String> configured;

    /** @param configured paths the configuration names as migrations (its globs) */
    public MigrationCandidates(Predicate<String> configured) {
        this.configured = configured;
    }

    @Override
    public boolean test(String path) {
        if (configured.test(path)) {
            return true;
        }
        String lower = path.toLowerCase(Locale.ROOT);
        int dot = lower.lastIndexOf('.');
        String extension = dot < 0 || dot < lower.lastIndexOf('/') ? "" : lower.substring(dot + 1);
        if (extension.equals("sql")) {
            return true;
        }
        if (!DATA_EXTENSIONS.contains(extension) && !CODE_EXTENSIONS.contains(extension)) {
            return false;
        }
        int slash = lower.lastIndexOf('/');
        String folders = slash < 0 ? "" : lower.substring(0, slash);
        for (String folder : folders.split("/")) {
            for (String hint : FOLDER_HINTS) {
                if (folder.equals(hint) || hint.length() > 3 && folder.contains(hint)) {
                    return true;
                }
            }
        }
        return false;
    }
}

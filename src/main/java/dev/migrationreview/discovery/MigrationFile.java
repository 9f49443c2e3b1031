package dev.migrationreview.discovery;

import java.util.Optional;

/**
 * A file recognised as a migration.
 *
 * @param order      sorts migrations as their framework runs them
 * @param rollback   the path of the down/undo file paired with this up migration, if any
 * @param analysed   false for frameworks whose frontend is not available yet: they are listed in
 *                   the report, never skipped silently
 */
public record MigrationFile(
        SourceFile source,
        Framework framework,
        Dialect dialect,
        Direction direction,
        Optional<String> version,
        MigrationOrder order,
        String description,
        boolean transactional,
        Optional<String> rollback,
        boolean analysed) {

    public String path() {
        return source.path();
    }
}

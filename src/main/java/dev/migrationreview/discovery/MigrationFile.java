package dev.migrationreview.discovery;

import java.util.Optional;

/**
 * A file recognised as a migration.
 *
 * @param order      sorts migrations as their framework runs them
 * @param rollback   the path of the down/undo file paired with this up migration, if any
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
        Optional<String> rollback) {

    public String path() {
        return source.path();
    }
}

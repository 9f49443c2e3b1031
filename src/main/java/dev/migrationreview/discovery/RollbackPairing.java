package dev.migrationreview.discovery;

import java.util.Optional;

/**
 * Finds the file that undoes an up migration, in the change or already in the repository:
 * Flyway's {@code U<version>__*.sql}, golang-migrate's {@code .down.sql}, Diesel's
 * {@code down.sql}, sqitch's {@code revert/} script.
 */
final class RollbackPairing {

    private final RepositoryView repository;

    RollbackPairing(RepositoryView repository) {
        this.repository = repository;
    }

    Optional<String> rollbackOf(String path, Recognition recognition) {
        if (recognition.direction() != Direction.UP) {
            return Optional.empty();
        }
        return switch (recognition.framework()) {
            case FLYWAY, FLYWAY_JAVA -> recognition.version().flatMap(v -> flywayUndo(path, v));
            case GOLANG_MIGRATE -> existing(path.substring(0, path.length() - ".up.sql".length()) + ".down.sql");
            case DIESEL -> existing(PathParts.join(PathParts.folder(path), "down.sql"));
            case SQITCH -> sqitchRevert(path);
            case DBMATE, GOOSE, PRISMA, LIQUIBASE_SQL, LIQUIBASE_XML, LIQUIBASE_YAML, LIQUIBASE_JSON, RAILS, ALEMBIC,
                 DJANGO, PLAIN_SQL -> Optional.empty();
        };
    }

    /** Flyway pairs by version, whatever the undo file's description. */
    private Optional<String> flywayUndo(String path, String version) {
        String extension = PathParts.extension(path);
        var wanted = MigrationOrder.ofVersion(version, "");
        return repository.filesUnder(PathParts.folder(path)).stream()
                .filter(candidate -> PathParts.fileName(candidate).startsWith("U")
                        && PathParts.extension(candidate).equals(extension))
                .filter(candidate -> MigrationNames.flyway(PathParts.stem(candidate))
                        .filter(name -> name.direction() == Direction.DOWN)
                        .flatMap(MigrationNames.FlywayName::version)
                        .map(v -> MigrationOrder.ofVersion(v, "").compareVersion(wanted) == 0)
                        .orElse(false))
                .findFirst();
    }

    /** {@code <project>/deploy/x.sql} is reverted by {@code <project>/revert/x.sql}. */
    private Optional<String> sqitchRevert(String path) {
        int deploy = path.lastIndexOf("deploy/");
        if (deploy < 0 || deploy > 0 && path.charAt(deploy - 1) != '/') {
            return Optional.empty();
        }
        return existing(path.substring(0, deploy) + "revert/" + path.substring(deploy + "deploy/".length()));
    }

    private Optional<String> existing(String path) {
        return repository.exists(path) ? Optional.of(path) : Optional.empty();
    }
}

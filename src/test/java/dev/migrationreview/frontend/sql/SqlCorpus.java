package dev.migrationreview.frontend.sql;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The SQL corpora under the shared folder (real migrations of public projects), as migration files
 * in their dialect. Discovery is another component's job: these are built directly from paths.
 */
record SqlCorpus(String name, String folder, DatabaseKind kind, Framework framework, Predicate<String> fileName) {

    private static final String KRATOS = "golang-migrate/kratos/persistence/sql/migrations/sql";
    private static final String HAWKBIT = "flyway/hawkbit/hawkbit-repository/hawkbit-repository-jpa/src/main/resources/db/migration/";

    /** PostgreSQL corpora: the unparsed share must stay tiny. */
    static List<SqlCorpus> postgres() {
        return List.of(
                new SqlCorpus("langfuse (prisma)", "prisma/langfuse", DatabaseKind.POSTGRESQL, Framework.PRISMA, n -> true),
                new SqlCorpus("harbor", "golang-migrate/harbor", DatabaseKind.POSTGRESQL, Framework.GOLANG_MIGRATE, n -> true),
                new SqlCorpus("kratos postgres+generic", KRATOS, DatabaseKind.POSTGRESQL, Framework.GOLANG_MIGRATE,
                        n -> n.contains(".postgres.") || n.matches("\\d+_[^.]+\\.(up|down)\\.sql")),
                new SqlCorpus("dhis2-core", "flyway/dhis2-core", DatabaseKind.POSTGRESQL, Framework.FLYWAY, n -> true),
                new SqlCorpus("hawkbit POSTGRESQL", HAWKBIT + "POSTGRESQL", DatabaseKind.POSTGRESQL, Framework.FLYWAY, n -> true),
                new SqlCorpus("conductor postgres", "flyway/conductor/postgres-persistence", DatabaseKind.POSTGRESQL,
                        Framework.FLYWAY, n -> true),
                new SqlCorpus("conductor scheduler postgres", "flyway/conductor/scheduler/postgres-persistence",
                        DatabaseKind.POSTGRESQL, Framework.FLYWAY, n -> true),
                new SqlCorpus("conductor external storage", "flyway/conductor/postgres-external-storage",
                        DatabaseKind.POSTGRESQL, Framework.FLYWAY, n -> true));
    }

    /** Corpora of other databases: read best-effort, they must never break the frontend. */
    static List<SqlCorpus> others() {
        return List.of(
                new SqlCorpus("hawkbit MYSQL", HAWKBIT + "MYSQL", DatabaseKind.MYSQL, Framework.FLYWAY, n -> true),
                new SqlCorpus("hawkbit H2", HAWKBIT + "H2", DatabaseKind.H2, Framework.FLYWAY, n -> true),
                new SqlCorpus("hawkbit SQL_SERVER", HAWKBIT + "SQL_SERVER", DatabaseKind.SQLSERVER, Framework.FLYWAY, n -> true),
                new SqlCorpus("hawkbit DB2", HAWKBIT + "DB2", DatabaseKind.DB2, Framework.FLYWAY, n -> true),
                new SqlCorpus("conductor mysql", "flyway/conductor/mysql-persistence", DatabaseKind.MYSQL, Framework.FLYWAY, n -> true),
                new SqlCorpus("conductor scheduler mysql", "flyway/conductor/scheduler/mysql-persistence", DatabaseKind.MYSQL,
                        Framework.FLYWAY, n -> true),
                new SqlCorpus("kratos mysql", KRATOS, DatabaseKind.MYSQL, Framework.GOLANG_MIGRATE, n -> n.contains(".mysql.")),
                new SqlCorpus("kratos sqlite3", KRATOS, DatabaseKind.SQLITE, Framework.GOLANG_MIGRATE, n -> n.contains(".sqlite3.")),
                new SqlCorpus("kratos cockroach", KRATOS, DatabaseKind.COCKROACHDB, Framework.GOLANG_MIGRATE,
                        n -> n.contains(".cockroach.")));
    }

    static Path corpusRoot() {
        String shared = System.getProperty("shared.dir", "../shared");
        Path root = Path.of(shared, "corpus");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("The shared corpus is missing at " + root.toAbsolutePath()
                    + ": set -Dshared.dir to the folder holding corpus/");
        }
        return root;
    }

    List<MigrationFile> files() {
        Path folder = corpusRoot().resolve(this.folder);
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".sql") && fileName.test(p.getFileName().toString()))
                    .sorted()
                    .map(p -> migration(folder.relativize(p).toString(), read(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private MigrationFile migration(String path, byte[] content) {
        Direction direction = path.endsWith(".down.sql") ? Direction.DOWN : Direction.UP;
        return new MigrationFile(new SourceFile(path, content), framework, Dialect.of(kind, "corpus"), direction,
                Optional.empty(), MigrationOrder.ofPath(path), path, framework.transactionalByDefault(), Optional.empty());
    }

    private static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

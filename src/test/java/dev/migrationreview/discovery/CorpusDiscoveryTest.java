package dev.migrationreview.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.migrationreview.config.ReviewConfig;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs discovery over every project of the shared corpus ({@code corpus/<framework>/<project>},
 * paths as in their repositories), as if one change added all of its files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusDiscoveryTest {

    /** Files that belong beside migrations without being migrations themselves. */
    private static final Set<String> COMPANIONS = Set.of(
            "migration_lock.toml", "__init__.py", "sqitch.plan", "sqitch.conf", "metadata.toml");

    private static final Map<String, Set<Framework>> FRAMEWORKS_BY_CORPUS_FOLDER = Map.of(
            "prisma", Set.of(Framework.PRISMA),
            "golang-migrate", Set.of(Framework.GOLANG_MIGRATE),
            "flyway", Set.of(Framework.FLYWAY, Framework.FLYWAY_JAVA),
            "liquibase", Set.of(Framework.LIQUIBASE_XML, Framework.LIQUIBASE_YAML, Framework.LIQUIBASE_JSON, Framework.LIQUIBASE_SQL),
            "alembic", Set.of(Framework.ALEMBIC),
            "rails", Set.of(Framework.RAILS),
            "django", Set.of(Framework.DJANGO));

    /** One corpus project: its files and what discovery made of them. */
    private record Project(String framework, String name, Map<String, SourceFile> files, List<MigrationFile> found) {
        Map<String, MigrationFile> byPath() {
            var byPath = new HashMap<String, MigrationFile>();
            found.forEach(m -> byPath.put(m.path(), m));
            return byPath;
        }

        String text(MigrationFile migration) {
            return new String(migration.source().content(), StandardCharsets.UTF_8);
        }
    }

    private final Map<String, Project> projects = new LinkedHashMap<>();
    private long discoveryNanos;
    private int fileCount;

    @BeforeAll
    void discoverEveryProject() throws IOException {
        Path corpus = Path.of(System.getProperty("shared.dir", "../shared")).resolve("corpus");
        if (!Files.isDirectory(corpus)) {
            fail("The shared corpus is missing at " + corpus.toAbsolutePath()
                    + ": check out ../shared beside the project or pass -Dshared.dir=<folder>.");
        }
        for (Path frameworkFolder : sortedFolders(corpus)) {
            for (Path projectFolder : sortedFolders(frameworkFolder)) {
                var tree = new DirectoryFileTree(projectFolder);
                var files = new LinkedHashMap<String, SourceFile>();
                for (String path : tree.list("")) {
                    files.put(path, tree.read(path).orElseThrow());
                }
                long start = System.nanoTime();
                List<MigrationFile> found = new PathDiscovery().discover(List.copyOf(files.values()), tree, ReviewConfig.defaults());
                discoveryNanos += System.nanoTime() - start;
                fileCount += files.size();
                String framework = frameworkFolder.getFileName().toString();
                String name = projectFolder.getFileName().toString();
                projects.put(name, new Project(framework, name, files, found));
            }
        }
        assertThat(projects).as("corpus projects").containsKeys("langfuse", "harbor", "kratos", "dhis2-core", "hawkbit",
                "conductor", "fineract", "quay", "rubygems.org", "netbox");
    }

    private static List<Path> sortedFolders(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }

    private Project project(String name) {
        return projects.get(name);
    }

    @Test
    void everyFileIsAMigrationOfItsFrameworkOrAListedCompanion() {
        for (Project project : projects.values()) {
            Set<Framework> expected = FRAMEWORKS_BY_CORPUS_FOLDER.get(project.framework());
            assertThat(expected).as("frameworks expected for corpus folder " + project.framework()).isNotNull();
            Map<String, MigrationFile> byPath = project.byPath();
            for (String path : project.files().keySet()) {
                MigrationFile migration = byPath.get(path);
                if (COMPANIONS.contains(PathParts.fileName(path))) {
                    assertThat(migration).as(project.name() + ": companion " + path + " is not a migration").isNull();
                } else {
                    assertThat(migration).as(project.name() + ": " + path + " is a migration").isNotNull();
                    assertThat(migration.framework()).as(project.name() + ": framework of " + path).isIn(expected);
                }
            }
            assertThat(project.found()).as(project.name() + ": no file twice")
                    .extracting(MigrationFile::path).doesNotHaveDuplicates();
        }
    }

    @Test
    void emptyFilesAreMigrationsWithoutStatements() {
        List<String> empty = new ArrayList<>();
        for (Project project : projects.values()) {
            Map<String, MigrationFile> byPath = project.byPath();
            project.files().values().stream()
                    .filter(f -> f.content().length == 0 && !COMPANIONS.contains(PathParts.fileName(f.path())))
                    .forEach(f -> {
                        empty.add(f.path());
                        assertThat(byPath).as(project.name()).containsKey(f.path());
                    });
        }
        assertThat(empty).as("the corpus has empty migrations").hasSizeGreaterThan(100);
    }

    @Test
    void kratosFileNameQualifiersGiveTheDialect() {
        Map<String, DatabaseKind> qualifiers = Map.of(
                ".mysql.", DatabaseKind.MYSQL, ".sqlite3.", DatabaseKind.SQLITE, ".sqlite.", DatabaseKind.SQLITE,
                ".cockroach.", DatabaseKind.COCKROACHDB, ".postgres.", DatabaseKind.POSTGRESQL);
        var seen = new HashMap<DatabaseKind, Integer>();
        for (MigrationFile migration : project("kratos").found()) {
            String name = PathParts.fileName(migration.path());
            qualifiers.forEach((qualifier, kind) -> {
                if (name.contains(qualifier)) {
                    assertThat(migration.dialect().kind()).as(name).isEqualTo(kind);
                    assertThat(migration.dialect().source()).as(name).startsWith("file name part");
                    seen.merge(kind, 1, Integer::sum);
                }
            });
        }
        assertThat(seen).containsOnlyKeys(DatabaseKind.MYSQL, DatabaseKind.SQLITE, DatabaseKind.COCKROACHDB, DatabaseKind.POSTGRESQL);
    }

    @Test
    void hawkbitDialectFoldersGiveTheDialect() {
        Map<String, DatabaseKind> folders = Map.of("MYSQL", DatabaseKind.MYSQL, "H2", DatabaseKind.H2, "DB2", DatabaseKind.DB2,
                "SQL_SERVER", DatabaseKind.SQLSERVER, "POSTGRESQL", DatabaseKind.POSTGRESQL);
        var seen = new HashMap<DatabaseKind, Integer>();
        for (MigrationFile migration : project("hawkbit").found()) {
            DatabaseKind expected = folders.get(PathParts.fileName(PathParts.folder(migration.path())));
            assertThat(expected).as("dialect folder of " + migration.path()).isNotNull();
            assertThat(migration.dialect().kind()).as(migration.path()).isEqualTo(expected);
            assertThat(migration.description()).as("the dialect is not part of the description")
                    .doesNotEndWith(PathParts.fileName(PathParts.folder(migration.path())).replace('_', ' '));
            seen.merge(expected, 1, Integer::sum);
        }
        assertThat(seen).hasSize(5);
    }

    @Test
    void conductorMysqlFoldersAreMysqlAndTheRestPostgres() {
        for (MigrationFile migration : project("conductor").found()) {
            boolean mysql = PathParts.folders(migration.path()).stream().anyMatch(f -> f.contains("mysql"));
            assertThat(migration.dialect().kind()).as(migration.path()).isEqualTo(mysql ? DatabaseKind.MYSQL : DatabaseKind.POSTGRESQL);
        }
    }

    @Test
    void langfuseIsPostgresByItsPrismaLockAndRunsInFolderOrder() {
        List<MigrationFile> found = project("langfuse").found();
        assertThat(found).hasSizeGreaterThan(400).allSatisfy(m ->
                assertThat(m.dialect()).isEqualTo(new Dialect(DatabaseKind.POSTGRESQL, 16, "prisma migration_lock.toml")));
        List<String> folders = found.stream().map(m -> PathParts.fileName(PathParts.folder(m.path()))).toList();
        assertThat(folders).isSorted();
    }

    @Test
    void flywayVersionsRunInNumericOrder() {
        for (String name : List.of("dhis2-core", "hawkbit", "conductor")) {
            Map<String, List<int[]>> versionsByFolder = new LinkedHashMap<>();
            for (MigrationFile migration : project(name).found()) {
                migration.version().ifPresent(v -> versionsByFolder
                        .computeIfAbsent(PathParts.folder(migration.path()), k -> new ArrayList<>())
                        .add(Arrays.stream(v.split("\\.")).mapToInt(Integer::parseInt).toArray()));
            }
            versionsByFolder.forEach((folder, versions) -> {
                for (int i = 1; i < versions.size(); i++) {
                    assertThat(Arrays.compare(versions.get(i - 1), versions.get(i)))
                            .as(folder + ": " + Arrays.toString(versions.get(i - 1)) + " before " + Arrays.toString(versions.get(i)))
                            .isLessThanOrEqualTo(0);
                }
            });
        }
        MigrationFile repeatable = project("conductor").found().stream()
                .filter(m -> m.direction() == Direction.REPEATABLE).findFirst().orElseThrow();
        assertThat(repeatable.version()).isEmpty();
    }

    @Test
    void railsAndGolangMigrateTimestampsRunInNumericOrder() {
        for (String name : List.of("rubygems.org", "kratos", "harbor")) {
            List<BigInteger> versions = project(name).found().stream().map(m -> new BigInteger(m.version().orElseThrow())).toList();
            assertThat(versions).as(name).isSorted();
        }
    }

    @Test
    void alembicRevisionsFollowTheirDownRevision() {
        Pattern downRevision = Pattern.compile("(?m)^down_revision\\s*=\\s*['\"]([^'\"]+)['\"]");
        Project quay = project("quay");
        var position = new HashMap<String, Integer>();
        for (int i = 0; i < quay.found().size(); i++) {
            position.put(quay.found().get(i).version().orElseThrow(), i);
        }
        int linked = 0;
        for (int i = 0; i < quay.found().size(); i++) {
            Matcher parent = downRevision.matcher(quay.text(quay.found().get(i)));
            if (parent.find() && position.containsKey(parent.group(1))) {
                assertThat(position.get(parent.group(1))).as(quay.found().get(i).path()).isLessThan(i);
                linked++;
            }
        }
        assertThat(linked).isGreaterThan(100);
    }

    @Test
    void upMigrationsPairWithTheDownFileBesideThem() {
        for (String name : List.of("kratos", "harbor")) {
            Project project = project(name);
            int paired = 0;
            for (MigrationFile migration : project.found()) {
                String down = migration.path().replaceFirst("\\.up\\.sql$", ".down.sql");
                boolean downExists = migration.direction() == Direction.UP && project.files().containsKey(down);
                assertThat(migration.rollback()).as(migration.path()).isEqualTo(downExists ? Optional.of(down) : Optional.empty());
                paired += downExists ? 1 : 0;
            }
            if (name.equals("kratos")) {
                assertThat(paired).isGreaterThan(1500);
            }
        }
    }

    @Test
    void transactionOptOutsAreRead() {
        assertTransactionalUnless("rubygems.org", text -> text.contains("disable_ddl_transaction!"));
        assertTransactionalUnless("quay", text -> text.contains("autocommit_block"));
        assertTransactionalUnless("fineract", text -> text.contains("runInTransaction=\"false\""));
        assertTransactionalUnless("netbox", text -> text.contains("atomic = False"));
        assertTransactionalUnless("dhis2-core", text -> false);
        assertThat(project("kratos").found()).noneMatch(MigrationFile::transactional);
    }

    private void assertTransactionalUnless(String name, Predicate<String> optsOut) {
        Project project = project(name);
        for (MigrationFile migration : project.found()) {
            assertThat(migration.transactional()).as(migration.path()).isEqualTo(!optsOut.test(project.text(migration)));
        }
    }

    @Test
    void discoveryIsFastEnoughForTheWholeCorpus() {
        double millis = discoveryNanos / 1e6;
        System.out.printf("corpus discovery: %d files in %.0f ms%n", fileCount, millis);
        assertThat(fileCount).isGreaterThan(5000);
        assertThat(millis).as("discovery time for %d files", fileCount).isLessThan(30_000);
    }
}

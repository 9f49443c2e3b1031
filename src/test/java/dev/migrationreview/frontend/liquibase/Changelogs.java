package dev.migrationreview.frontend.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.migrationreview.discovery.DatabaseKind;
import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.ParsedMigration;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.frontend.sql.SqlFrontend;
import dev.migrationreview.operation.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Builds changelog migrations for tests, as discovery would, and reads them with the Liquibase frontend. */
final class Changelogs {

    static final Dialect POSTGRES = Dialect.defaultPostgres();
    static final Dialect MYSQL = Dialect.of(DatabaseKind.MYSQL, "test");

    private static final LiquibaseFrontend FRONTEND = new LiquibaseFrontend(new SqlFrontend());

    private Changelogs() {}

    static MigrationFile migration(String path, byte[] content, Dialect dialect) {
        Framework framework = path.endsWith(".yaml") || path.endsWith(".yml") ? Framework.LIQUIBASE_YAML
                : path.endsWith(".json") ? Framework.LIQUIBASE_JSON : Framework.LIQUIBASE_XML;
        return new MigrationFile(new SourceFile(path, content), framework, dialect, Direction.UP, Optional.empty(),
                MigrationOrder.ofPath(path), "test", true, Optional.empty());
    }

    static MigrationFile migration(String path, String text, Dialect dialect) {
        return migration(path, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), dialect);
    }

    static ParsedMigration parse(String path, String text) {
        return parse(path, text, POSTGRES, FileTree.EMPTY);
    }

    static ParsedMigration parse(String path, String text, Dialect dialect, FileTree repository) {
        return FRONTEND.parse(migration(path, text, dialect), repository);
    }

    static TranslatedChangelog translate(MigrationFile file, FileTree repository) {
        return FRONTEND.translate(file, repository);
    }

    /** An XML changelog around the given changeSets, with the namespace Liquibase writes. */
    static String xml(String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                                   xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
                """ + body + "</databaseChangeLog>\n";
    }

    /** The forward operations other than the transaction control Liquibase wraps each changeSet in. */
    static List<Operation> operations(ParsedMigration migration) {
        return migration.forward().stream().flatMap(s -> s.operations().stream())
                .filter(o -> !(o instanceof Operation.Transaction)).toList();
    }

    static List<Statement> changes(ParsedMigration migration) {
        return migration.forward().stream()
                .filter(s -> s.operations().stream().noneMatch(o -> o instanceof Operation.Transaction)).toList();
    }

    static Path sharedDir() {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
        assertThat(Files.isDirectory(shared.resolve("corpus")))
                .as("the shared corpus must be at %s (set -Dshared.dir)", shared.toAbsolutePath()).isTrue();
        return shared;
    }
}

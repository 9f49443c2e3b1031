package dev.migrationreview.frontend.dsl;

import dev.migrationreview.discovery.Dialect;
import dev.migrationreview.discovery.Direction;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.Framework;
import dev.migrationreview.discovery.MigrationFile;
import dev.migrationreview.discovery.MigrationOrder;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.frontend.Statement;
import dev.migrationreview.operation.Operation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Migration files and repositories for frontend tests, built as discovery would build them. */
public final class DslFiles {

    private DslFiles() {}

    public static MigrationFile file(String path, Framework framework, String text) {
        return file(path, framework, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), Dialect.defaultPostgres());
    }

    public static MigrationFile file(String path, Framework framework, String text, Dialect dialect) {
        return file(path, framework, text.getBytes(java.nio.charset.StandardCharsets.UTF_8), dialect);
    }

    public static MigrationFile file(String path, Framework framework, byte[] content, Dialect dialect) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String version = name.split("[_.]")[0];
        return new MigrationFile(new SourceFile(path, content), framework, dialect, Direction.UP_AND_DOWN,
                Optional.of(version), MigrationOrder.ofVersion(version, path), name,
                framework.transactionalByDefault(), Optional.empty());
    }

    /** Every operation of the statements, in order. */
    public static List<Operation> operations(List<Statement> statements) {
        return statements.stream().flatMap(s -> s.operations().stream()).toList();
    }

    /** A repository holding the given files (path to text). */
    public static FileTree tree(java.util.Map<String, String> files) {
        return new FileTree() {
            @Override
            public Optional<SourceFile> read(String path) {
                return Optional.ofNullable(files.get(path)).map(text -> SourceFile.of(path, text));
            }

            @Override
            public List<String> list(String folder) {
                return files.keySet().stream().filter(p -> p.startsWith(folder + "/")).sorted().toList();
            }
        };
    }

    /** A repository read from a folder on disk (the corpus), paths relative to it. */
    public static FileTree directory(Path root) {
        return new FileTree() {
            @Override
            public Optional<SourceFile> read(String path) {
                Path file = root.resolve(path);
                if (!Files.isRegularFile(file)) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(new SourceFile(path, Files.readAllBytes(file)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public List<String> list(String folder) {
                Path dir = root.resolve(folder);
                if (!Files.isDirectory(dir)) {
                    return List.of();
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    return walk.filter(Files::isRegularFile)
                            .map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}

package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A repository checked out in a folder, read in place (the shared corpus). */
record DirectoryFileTree(Path root) implements FileTree {

    DirectoryFileTree {
        root = root.toAbsolutePath().normalize();
    }

    @Override
    public Optional<SourceFile> read(String path) {
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
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
        Path start = root.resolve(folder).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(Files::isRegularFile).map(p -> root.relativize(p).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

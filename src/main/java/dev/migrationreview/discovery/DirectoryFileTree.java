package dev.migrationreview.discovery;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link FileTree} over a folder on disk (a checked-out repository or a test corpus). Paths that
 * lead outside the folder, also through symbolic links, read as absent; {@code .git} is never listed.
 */
public final class DirectoryFileTree implements FileTree {

    private final Path root;

    public DirectoryFileTree(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("not a readable folder: " + root, e);
        }
        if (!Files.isDirectory(this.root)) {
            throw new IllegalArgumentException("not a folder: " + root);
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public Optional<SourceFile> read(String path) {
        return inside(path).filter(Files::isRegularFile).flatMap(file -> {
            try {
                return Optional.of(new SourceFile(path, Files.readAllBytes(file)));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public List<String> list(String folder) {
        Optional<Path> start = inside(folder).filter(Files::isDirectory);
        if (start.isEmpty()) {
            return List.of();
        }
        var paths = new ArrayList<String>();
        try {
            Files.walkFileTree(start.get(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.getFileName() != null && dir.getFileName().toString().equals(".git")
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    if (attributes.isRegularFile()) {
                        paths.add(repositoryPath(file));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        paths.sort(null);
        return paths;
    }

    /** Repository-relative paths use '/' whatever the platform. */
    private String repositoryPath(Path file) {
        return root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
    }

    private Optional<Path> inside(String path) {
        Path candidate;
        try {
            candidate = root.resolve(path).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        if (!candidate.startsWith(root) || !Files.exists(candidate)) {
            return Optional.empty();
        }
        try {
            return candidate.toRealPath().startsWith(root) ? Optional.of(candidate) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}

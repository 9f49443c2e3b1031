package dev.migrationreview.discovery;

import java.util.List;
import java.util.Optional;

/**
 * Read access to the repository at the reviewed revision, for files a migration refers to
 * (Liquibase include and sqlFile, a Prisma lock file). Paths are repository-relative with '/'.
 */
public interface FileTree {

    Optional<SourceFile> read(String path);

    /** Every file path under a folder (recursively), sorted. */
    List<String> list(String folder);

    FileTree EMPTY = new FileTree() {
        public Optional<SourceFile> read(String path) { return Optional.empty(); }
        public List<String> list(String folder) { return List.of(); }
    };
}

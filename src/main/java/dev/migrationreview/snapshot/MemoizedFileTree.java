package dev.migrationreview.snapshot;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A snapshot's tree answers every question once: the tree is frozen at one revision, while each
 * question to the source costs a git process or a walk over the disk, and discovery asks the same
 * ones for every migration beside another.
 */
final class MemoizedFileTree implements FileTree {

    private final FileTree source;
    private final Map<String, Optional<SourceFile>> reads = new ConcurrentHashMap<>();
    private final Map<String, List<String>> listings = new ConcurrentHashMap<>();

    MemoizedFileTree(FileTree source) {
        this.source = source;
    }

    @Override
    public Optional<SourceFile> read(String path) {
        return reads.computeIfAbsent(path, source::read);
    }

    @Override
    public List<String> list(String folder) {
        return listings.computeIfAbsent(folder, source::list);
    }
}

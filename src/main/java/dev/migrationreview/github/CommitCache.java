package dev.migrationreview.github;

import dev.migrationreview.discovery.SourceFile;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Files and trees read at a commit SHA never change, so they are kept in memory (least recently
 * used first out) and a re-review of the same commits asks GitHub nothing. This covers what the
 * HTTP cache cannot: a missing file (GitHub's 404 carries no ETag) and skipping even the 304.
 */
public final class CommitCache {

    /** Files larger than this are not kept: migrations and configs are far smaller. */
    static final int MAX_FILE_BYTES = 256 * 1024;

    private final Map<String, Optional<SourceFile>> files;
    private final Map<String, RepositoryTree> trees;

    public CommitCache(int maxFiles, int maxTrees) {
        this.files = lru(maxFiles);
        this.trees = lru(maxTrees);
    }

    /** A loader that may talk to GitHub. */
    @FunctionalInterface
    interface Load<T> {
        T load() throws IOException;
    }

    Optional<SourceFile> file(String repository, String sha, String path, Load<Optional<SourceFile>> load) throws IOException {
        String key = repository + "@" + sha + ":" + path;
        synchronized (files) {
            Optional<SourceFile> cached = files.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Optional<SourceFile> loaded = load.load();
        if (loaded.map(f -> f.content().length <= MAX_FILE_BYTES).orElse(true)) {
            synchronized (files) {
                files.put(key, loaded);
            }
        }
        return loaded;
    }

    RepositoryTree tree(String repository, String sha, Load<RepositoryTree> load) throws IOException {
        String key = repository + "@" + sha;
        synchronized (trees) {
            RepositoryTree cached = trees.get(key);
            if (cached != null) {
                return cached;
            }
        }
        RepositoryTree loaded = load.load();
        synchronized (trees) {
            trees.put(key, loaded);
        }
        return loaded;
    }

    private static <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > capacity;
            }
        };
    }
}

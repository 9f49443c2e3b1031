package dev.migrationreview.discovery;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The repository as one discovery run sees it: the changed files over the {@link FileTree}.
 * Listings and reads are cached, because a tree backed by the GitHub API pays for each call.
 */
final class RepositoryView {

    private final Map<String, SourceFile> changed = new LinkedHashMap<>();
    private final FileTree tree;
    private final Map<String, Set<String>> listings = new HashMap<>();
    private final Map<String, Optional<SourceFile>> reads = new HashMap<>();

    RepositoryView(List<SourceFile> changedFiles, FileTree tree) {
        for (SourceFile file : changedFiles) {
            changed.putIfAbsent(file.path(), file);
        }
        this.tree = tree;
    }

    /** The changed files by path, the first of repeated paths winning. */
    Map<String, SourceFile> changed() {
        return changed;
    }

    /** The file as changed, otherwise as in the repository. */
    Optional<SourceFile> read(String path) {
        SourceFile own = changed.get(path);
        if (own != null) {
            return Optional.of(own);
        }
        return reads.computeIfAbsent(path, tree::read);
    }

    boolean exists(String path) {
        return changed.containsKey(path) || filesUnder(PathParts.folder(path)).contains(path);
    }

    /** Every path under a folder (recursively), changed or already in the repository, sorted. */
    Set<String> filesUnder(String folder) {
        return listings.computeIfAbsent(folder, f -> {
            var paths = new TreeSet<>(tree.list(f));
            String prefix = f.isEmpty() ? "" : f + "/";
            for (String path : changed.keySet()) {
                if (path.startsWith(prefix)) {
                    paths.add(path);
                }
            }
            return paths;
        });
    }
}

package dev.migrationreview.github;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every file path of a repository at one commit, from one recursive git trees request.
 *
 * @param complete false when GitHub truncated the listing (very large repositories): then a path
 *                 missing from it may still exist
 */
record RepositoryTree(Set<String> paths, boolean complete) {

    RepositoryTree {
        paths = Set.copyOf(paths);
    }

    static RepositoryTree of(List<String> paths, boolean complete) {
        return new RepositoryTree(new TreeSet<>(paths), complete);
    }

    /** Whether the file surely does not exist at this commit (so no request is needed to find out). */
    boolean surelyAbsent(String path) {
        return complete && !paths.contains(path);
    }
}

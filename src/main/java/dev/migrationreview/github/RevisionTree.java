package dev.migrationreview.github;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;

/**
 * The repository at one commit (the head of a pull request, or its base), read on demand through
 * the contents and trees APIs and remembered in the {@link CommitCache}. {@link FileTree} cannot
 * throw checked exceptions, so a failed read is kept and rethrown where the caller can retry.
 */
final class RevisionTree implements FileTree {

    private final GHRepository repository;
    private final String name;
    private final String sha;
    private final CommitCache cache;
    private volatile IOException failure;

    RevisionTree(GHRepository repository, String name, String sha, CommitCache cache) {
        this.repository = repository;
        this.name = name;
        this.sha = sha;
        this.cache = cache;
    }

    Optional<SourceFile> readChecked(String path) throws IOException {
        return cache.file(name, sha, path, () -> GitHubSnapshot.readAt(repository, path, sha));
    }

    @Override
    public Optional<SourceFile> read(String path) {
        try {
            return readChecked(path);
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot read " + path + " at " + sha + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> list(String folder) {
        String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
        return allPaths().stream().filter(p -> p.startsWith(prefix)).toList();
    }

    private List<String> allPaths() {
        try {
            return cache.tree(name, sha, () -> {
                GHTree tree = repository.getTreeRecursive(sha, 1);
                return tree.getTree().stream().filter(e -> "blob".equals(e.getType()))
                        .map(GHTreeEntry::getPath).sorted().toList();
            });
        } catch (IOException e) {
            failure = e;
            throw new UncheckedIOException("cannot list the repository at " + sha + ": " + e.getMessage(), e);
        }
    }

    /** The first read that failed, so the review is retried rather than published without the file. */
    void rethrowReadFailure() throws IOException {
        if (failure != null) {
            throw failure;
        }
    }
}

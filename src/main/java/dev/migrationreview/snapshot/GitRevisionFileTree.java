package dev.migrationreview.snapshot;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.RepositoryPath;
import dev.migrationreview.discovery.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The repository at one commit, read through git without touching the working tree. */
final class GitRevisionFileTree implements FileTree {

    private final Git git;
    private final String commit;

    GitRevisionFileTree(Git git, String commit) {
        this.git = git;
        this.commit = commit;
    }

    @Override
    public Optional<SourceFile> read(String path) {
        return RepositoryPath.inside(path).filter(inside -> !inside.isEmpty())
                .flatMap(inside -> git.attempt("cat-file", "blob", commit + ":" + inside)
                        .map(content -> new SourceFile(inside, content)));
    }

    /** Every file under the folder; none when the folder lies outside the repository. */
    @Override
    public List<String> list(String folder) {
        Optional<String> inside = RepositoryPath.inside(folder);
        if (inside.isEmpty()) {
            return List.of();
        }
        String normalized = inside.get();
        String[] args = normalized.isEmpty()
                ? new String[] {"ls-tree", "-r", "--name-only", "-z", commit}
                : new String[] {"ls-tree", "-r", "--name-only", "-z", commit, "--", normalized + "/"};
        String listing = new String(git.run(args), StandardCharsets.UTF_8);
        return Arrays.stream(listing.split("\0")).filter(p -> !p.isEmpty()).sorted().toList();
    }
}

package dev.migrationreview.snapshot;

import dev.migrationreview.discovery.FileTree;
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
        String normalized = normalize(path);
        if (normalized.isEmpty()) {
            return Optional.empty();
        }
        return git.attempt("cat-file", "blob", commit + ":" + normalized)
                .map(content -> new SourceFile(normalized, content));
    }

    @Override
    public List<String> list(String folder) {
        String normalized = normalize(folder);
        String[] args = normalized.isEmpty()
                ? new String[] {"ls-tree", "-r", "--name-only", "-z", commit}
                : new String[] {"ls-tree", "-r", "--name-only", "-z", commit, "--", normalized + "/"};
        String listing = new String(git.run(args), StandardCharsets.UTF_8);
        return Arrays.stream(listing.split("\0")).filter(p -> !p.isEmpty()).sorted().toList();
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }
}

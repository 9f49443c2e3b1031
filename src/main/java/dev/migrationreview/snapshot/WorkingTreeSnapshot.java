package dev.migrationreview.snapshot;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.DirectoryFileTree;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Files named on the command line, as they are on disk, reviewed as if a pull request added them.
 * Folders are read recursively; inside a git working tree, files git ignores are skipped.
 */
public final class WorkingTreeSnapshot implements PullRequestSnapshot {

    private final Path root;
    private final List<String> paths;
    private final FileTree tree;
    private List<SourceFile> contents;

    private WorkingTreeSnapshot(Path root, List<String> paths) {
        this.root = root;
        this.paths = paths;
        this.tree = new MemoizedFileTree(new DirectoryFileTree(root));
    }

    /**
     * The files under {@code paths} (relative to the current folder), with paths relative to
     * {@code repository}: by default the git working tree containing the current folder, or the
     * current folder outside git.
     */
    public static WorkingTreeSnapshot of(Optional<Path> repository, List<Path> paths) {
        Path here = Path.of("").toAbsolutePath();
        Path root = realPath(repository.orElseGet(() -> workingTreeRoot(here).orElse(here)), "repository folder");
        if (!Files.isDirectory(root)) {
            throw new SnapshotException("the repository folder " + root + " is not a folder");
        }
        Optional<Git> git = workingTreeRoot(root).map(r -> new Git(root, Git.DEFAULT_TIMEOUT));
        var files = new TreeSet<String>();
        for (Path given : paths) {
            Path real = realPath(given, "file or folder");
            if (!real.startsWith(root)) {
                throw new SnapshotException(given + " is outside " + root + "; pass --repo with a folder that contains it");
            }
            if (Files.isDirectory(real)) {
                List<String> listed = git.map(g -> listNotIgnored(g, root, real)).orElse(List.of());
                // A folder the user names explicitly is read even when git ignores all of it.
                files.addAll(listed.isEmpty() ? walk(root, real) : listed);
            } else {
                files.add(relative(root, real));
            }
        }
        return new WorkingTreeSnapshot(root, List.copyOf(files));
    }

    private static Path realPath(Path path, String what) {
        try {
            return path.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw new SnapshotException("no such " + what + ": " + path);
        }
    }

    private static Optional<Path> workingTreeRoot(Path directory) {
        return new Git(directory, Git.DEFAULT_TIMEOUT).attemptText("rev-parse", "--show-toplevel")
                .filter(p -> !p.isEmpty()).map(Path::of);
    }

    /** Tracked and untracked files under a folder, without the ones .gitignore excludes (build output, dependencies). */
    private static List<String> listNotIgnored(Git git, Path root, Path folder) {
        String listing = new String(git.run("ls-files", "-z", "--cached", "--others", "--exclude-standard",
                "--", relativeOrDot(root, folder)), StandardCharsets.UTF_8);
        return Arrays.stream(listing.split("\0")).filter(p -> !p.isEmpty())
                .filter(p -> Files.isRegularFile(root.resolve(p))).distinct().toList();
    }

    private static List<String> walk(Path root, Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !insideGitFolder(folder, p)).filter(Files::isRegularFile).map(p -> relative(root, p)).toList();
        } catch (IOException | UncheckedIOException e) {
            throw new SnapshotException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    private static boolean insideGitFolder(Path folder, Path path) {
        for (Path part : folder.relativize(path)) {
            if (part.toString().equals(".git")) {
                return true;
            }
        }
        return false;
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static String relativeOrDot(Path root, Path path) {
        String relative = relative(root, path);
        return relative.isEmpty() ? "." : relative;
    }

    @Override
    public String description() {
        return paths.size() == 1 ? paths.get(0) + " in the working tree" : paths.size() + " files in the working tree";
    }

    @Override
    public List<ChangedFile> changedFiles() {
        return paths.stream().map(p -> ChangedFile.of(p, ChangeStatus.ADDED)).toList();
    }

    @Override
    public synchronized List<SourceFile> headContents() {
        if (contents == null) {
            var read = new ArrayList<SourceFile>(paths.size());
            for (String path : paths) {
                try {
                    read.add(new SourceFile(path, Files.readAllBytes(root.resolve(path))));
                } catch (IOException e) {
                    throw new SnapshotException("cannot read " + path + ": " + e.getMessage(), e);
                }
            }
            contents = List.copyOf(read);
        }
        return contents;
    }

    @Override
    public FileTree headTree() {
        return tree;
    }

    /** Files on disk have no base revision: nothing exists before them. */
    @Override
    public FileTree baseTree() {
        return FileTree.EMPTY;
    }

    @Override
    public Optional<SourceFile> baseConfig() {
        return headTree().read(ReviewConfig.DEFAULT_PATH);
    }

    @Override
    public PullRequestInfo info() {
        return PullRequestInfo.UNKNOWN;
    }

    public Path root() {
        return root;
    }
}

package dev.migrationreview.snapshot;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a pull request from a head revision into the default branch would contain, read from a
 * local git repository: the files changed since the merge base, their content at head, the tree at
 * head, and the configuration from the base branch.
 */
public final class LocalGitSnapshot implements PullRequestSnapshot {

    private static final List<String> DEFAULT_BRANCH_CANDIDATES = List.of("main", "master");

    private final Git git;
    private final String baseName;
    private final String baseCommit;
    private final String headName;
    private final String headCommit;
    private final String mergeBase;
    private final List<ChangedFile> changedFiles;
    private final FileTree headTree;
    private List<SourceFile> headContents;

    private LocalGitSnapshot(Git git, String baseName, String baseCommit, String headName, String headCommit,
                             String mergeBase, List<ChangedFile> changedFiles) {
        this.git = git;
        this.baseName = baseName;
        this.baseCommit = baseCommit;
        this.headName = headName;
        this.headCommit = headCommit;
        this.mergeBase = mergeBase;
        this.changedFiles = changedFiles;
        this.headTree = new MemoizedFileTree(new GitRevisionFileTree(git, headCommit));
    }

    /**
     * Reads the change from {@code head} (default HEAD) into {@code base} (default: origin/HEAD,
     * else main, else master) in the repository containing {@code directory}.
     */
    public static LocalGitSnapshot open(Path directory, Optional<String> base, Optional<String> head) {
        return open(directory, base, head, Git.DEFAULT_TIMEOUT);
    }

    static LocalGitSnapshot open(Path given, Optional<String> base, Optional<String> head, Duration timeout) {
        Path directory = given.toAbsolutePath().normalize();
        if (!Files.isDirectory(directory)) {
            throw new SnapshotException(directory + " is not a directory");
        }
        Path root = repositoryRoot(new Git(directory, timeout), directory);
        var git = new Git(root, timeout);
        String headName = head.orElse("HEAD");
        String headCommit = commitOf(git, headName, "head");
        String baseName = base.orElseGet(() -> defaultBranch(git));
        String baseCommit = commitOf(git, baseName, "base");
        String mergeBase = git.attemptText("merge-base", baseCommit, headCommit).orElseThrow(() -> noMergeBase(git, baseName, headName));
        var changed = parseNameStatus(git.run("diff", "--name-status", "-z", "-M", "--no-ext-diff", mergeBase, headCommit));
        return new LocalGitSnapshot(git, baseName, baseCommit, headName, headCommit, mergeBase, changed);
    }

    private static SnapshotException noMergeBase(Git git, String baseName, String headName) {
        boolean shallow = git.attemptText("rev-parse", "--is-shallow-repository").filter("true"::equals).isPresent();
        return new SnapshotException(shallow
                ? "no merge base of " + baseName + " and " + headName + " in this shallow clone: fetch more history "
                        + "(git fetch --unshallow, or fetch-depth: 0 in actions/checkout)"
                : baseName + " and " + headName + " share no history (no merge base); pass --base with a related revision");
    }

    private static Path repositoryRoot(Git git, Path directory) {
        byte[] toplevel = git.attempt("rev-parse", "--show-toplevel").orElseThrow(() -> new SnapshotException(
                directory.toAbsolutePath().normalize() + " is not inside a git repository. Run migration-review in a "
                        + "clone, point --repo at one, or name the files to review: migration-review review PATH..."));
        return Path.of(new String(toplevel, StandardCharsets.UTF_8).strip());
    }

    private static String commitOf(Git git, String revision, String role) {
        return git.attemptText("rev-parse", "--verify", "--quiet", "--end-of-options", revision + "^{commit}")
                .filter(sha -> !sha.isEmpty())
                .orElseThrow(() -> new SnapshotException("the " + role + " revision '" + revision
                        + "' does not name a commit in " + git.directory()));
    }

    private static String defaultBranch(Git git) {
        Optional<String> originHead = git.attemptText("symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD")
                .filter(ref -> !ref.isEmpty());
        if (originHead.isPresent()) {
            return originHead.get();
        }
        for (String candidate : DEFAULT_BRANCH_CANDIDATES) {
            if (git.attempt("rev-parse", "--verify", "--quiet", "--end-of-options", candidate + "^{commit}").isPresent()) {
                return candidate;
            }
        }
        throw new SnapshotException("cannot tell the default branch of " + git.directory()
                + ": no origin/HEAD, main or master. Pass --base REF");
    }

    /** Parses {@code git diff --name-status -z}: a status token, then one path (two for renames and copies). */
    static List<ChangedFile> parseNameStatus(byte[] output) {
        List<String> tokens = Arrays.stream(new String(output, StandardCharsets.UTF_8).split("\0"))
                .filter(t -> !t.isEmpty()).toList();
        var files = new ArrayList<ChangedFile>();
        int i = 0;
        while (i < tokens.size()) {
            String status = tokens.get(i++);
            char kind = status.charAt(0);
            if (kind == 'R' || kind == 'C') {
                if (i + 1 >= tokens.size()) {
                    throw new SnapshotException("unexpected git diff output near '" + status + "'");
                }
                String from = tokens.get(i++);
                String to = tokens.get(i++);
                files.add(kind == 'R' ? ChangedFile.renamed(from, to) : ChangedFile.of(to, ChangeStatus.ADDED));
            } else {
                if (i >= tokens.size()) {
                    throw new SnapshotException("unexpected git diff output near '" + status + "'");
                }
                String path = tokens.get(i++);
                files.add(ChangedFile.of(path, switch (kind) {
                    case 'A' -> ChangeStatus.ADDED;
                    case 'D' -> ChangeStatus.REMOVED;
                    default -> ChangeStatus.MODIFIED; // M, T (type change), U (unmerged)
                }));
            }
        }
        files.sort(Comparator.comparing(ChangedFile::path));
        return List.copyOf(files);
    }

    @Override
    public String description() {
        return headName + " against " + baseName + ", merge base " + mergeBase.substring(0, Math.min(12, mergeBase.length()));
    }

    @Override
    public List<ChangedFile> changedFiles() {
        return changedFiles;
    }

    @Override
    public synchronized List<SourceFile> headContents() {
        if (headContents == null) {
            headContents = readAtHead(changedFiles.stream().filter(f -> f.status().existsAtHead()).map(ChangedFile::path).toList());
        }
        return headContents;
    }

    /**
     * Reads all files in one {@code git cat-file --batch} call: a change may touch thousands of files.
     * A path that is not a blob at head (a submodule) is left out.
     */
    private List<SourceFile> readAtHead(List<String> paths) {
        var request = new StringBuilder();
        var batched = new ArrayList<String>();
        var files = new ArrayList<SourceFile>();
        for (String path : paths) {
            if (path.indexOf('\n') >= 0) {
                // The batch protocol is line based; such a path is read on its own.
                headTree().read(path).ifPresent(files::add);
            } else {
                request.append(headCommit).append(':').append(path).append('\n');
                batched.add(path);
            }
        }
        byte[] output = git.run(request.toString().getBytes(StandardCharsets.UTF_8), "cat-file", "--batch");
        int at = 0;
        for (String path : batched) {
            int headerEnd = indexOf(output, (byte) '\n', at);
            if (headerEnd < 0) {
                throw new SnapshotException("git cat-file ended early while reading " + path);
            }
            String[] header = new String(output, at, headerEnd - at, StandardCharsets.UTF_8).split(" ");
            at = headerEnd + 1;
            if (header.length == 3) {
                int size = Integer.parseInt(header[2]);
                if (header[1].equals("blob")) {
                    files.add(new SourceFile(path, Arrays.copyOfRange(output, at, at + size)));
                }
                at += size + 1;
            }
        }
        files.sort(Comparator.comparing(SourceFile::path));
        return List.copyOf(files);
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public FileTree headTree() {
        return headTree;
    }

    @Override
    public FileTree baseTree() {
        return new MemoizedFileTree(new GitRevisionFileTree(git, mergeBase));
    }

    @Override
    public Optional<SourceFile> baseConfig() {
        return new GitRevisionFileTree(git, baseCommit).read(ReviewConfig.DEFAULT_PATH);
    }

    /**
     * The author of the head commit; title and body as GitHub proposes them for a one-commit pull
     * request (the commit's subject and body). With several commits the title is not known locally.
     */
    @Override
    public PullRequestInfo info() {
        String count = git.text("rev-list", "--count", mergeBase + ".." + headCommit);
        String[] parts = git.text("log", "-1", "--format=%an <%ae>%x00%s%x00%b", headCommit).split("\0", -1);
        Optional<String> author = Optional.of(parts[0].strip()).filter(a -> !a.equals("<>"));
        if (!count.equals("1") || parts.length < 3) {
            return new PullRequestInfo(Optional.empty(), Optional.empty(), author);
        }
        return new PullRequestInfo(Optional.of(parts[1].strip()).filter(s -> !s.isEmpty()),
                Optional.of(parts[2].strip()).filter(s -> !s.isEmpty()), author);
    }

    /** The repository's top-level folder. */
    public Path root() {
        return git.directory();
    }
}

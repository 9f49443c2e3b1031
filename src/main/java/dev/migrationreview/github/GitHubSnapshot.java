package dev.migrationreview.github;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.RepositoryPath;
import dev.migrationreview.discovery.SourceFile;
import dev.migrationreview.snapshot.ChangeStatus;
import dev.migrationreview.snapshot.ChangedFile;
import dev.migrationreview.snapshot.PullRequestInfo;
import dev.migrationreview.snapshot.PullRequestSnapshot;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import org.kohsuke.github.GHContent;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHPullRequestFileDetail;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GHTree;
import org.kohsuke.github.GHTreeEntry;

/**
 * A pull request as GitHub shows it: the changed files (paged, up to GitHub's cap of 3,000), the
 * content at head of the files that may be migrations (from the patch for a new file, else the
 * contents API), the repository at head on demand, and the configuration from the base commit.
 */
public final class GitHubSnapshot implements PullRequestSnapshot {

    /** GitHub lists at most this many files of a pull request. */
    public static final int GITHUB_FILE_CAP = 3000;
    private static final int PAGE_SIZE = 100;

    private final PullRequestTarget target;
    private final List<ChangedFile> changed;
    private final List<SourceFile> contents;
    private final Map<String, DiffHunks> hunks;
    private final Map<String, String> blobs;
    private final Optional<SourceFile> baseConfig;
    private final FileTree headTree;
    private final FileTree baseTree;
    private final boolean truncated;

    private GitHubSnapshot(PullRequestTarget target, List<ChangedFile> changed, List<SourceFile> contents,
                           Map<String, DiffHunks> hunks, Map<String, String> blobs, Optional<SourceFile> baseConfig,
                           FileTree headTree, FileTree baseTree, boolean truncated) {
        this.target = target;
        this.changed = List.copyOf(changed);
        this.contents = List.copyOf(contents);
        this.hunks = Map.copyOf(hunks);
        this.blobs = Map.copyOf(blobs);
        this.baseConfig = baseConfig;
        this.headTree = headTree;
        this.baseTree = baseTree;
        this.truncated = truncated;
    }

    /**
     * Reads the pull request.
     *
     * @param candidates which modified files to download (added files come with their patch), given
     *                   the configuration read from the base commit
     */
    public static GitHubSnapshot load(GHRepository repository, GHPullRequest pr, PullRequestTarget target,
                                      Function<Optional<SourceFile>, Predicate<String>> candidates, CommitCache cache)
            throws IOException {
        var base = new CommitFiles(repository, target.repository(), target.baseSha(), cache);
        Optional<SourceFile> config = base.read(ReviewConfig.DEFAULT_PATH);
        Predicate<String> mayBeMigration = candidates.apply(config);
        var head = new CommitFiles(repository, target.repository(), target.headSha(), cache);
        var changed = new ArrayList<ChangedFile>();
        var contents = new ArrayList<SourceFile>();
        var hunks = new HashMap<String, DiffHunks>();
        var blobs = new HashMap<String, String>();
        int listed = 0;
        for (GHPullRequestFileDetail file : pr.listFiles().withPageSize(PAGE_SIZE)) {
            if (listed++ >= GITHUB_FILE_CAP) {
                break;
            }
            ChangedFile change = changedFile(file);
            changed.add(change);
            DiffHunks fileHunks = file.getPatch() == null ? DiffHunks.none() : DiffHunks.parse(file.getPatch());
            hunks.put(change.path(), fileHunks);
            if (change.status().existsAtHead() && file.getSha() != null) {
                blobs.put(change.path(), file.getSha());
            }
            if (!change.status().existsAtHead()) {
                continue;
            }
            Optional<String> fromPatch = change.status() == ChangeStatus.ADDED ? fileHunks.createdFileContent() : Optional.empty();
            if (fromPatch.isPresent()) {
                contents.add(SourceFile.of(change.path(), fromPatch.get()));
            } else if (mayBeMigration.test(change.path())) {
                head.readAtCommit(change.path()).ifPresent(contents::add);
            }
        }
        changed.sort(Comparator.comparing(ChangedFile::path));
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < changed.size(); i++) {
            order.put(changed.get(i).path(), i);
        }
        contents.sort(Comparator.comparing(f -> order.get(f.path())));
        boolean truncated = listed > GITHUB_FILE_CAP || target.changedFiles() > GITHUB_FILE_CAP;
        var tree = new MergedTree(base, head, changed, contents);
        // Without changes, the merged view is the base commit itself.
        var baseTree = new MergedTree(base, head, List.of(), List.of());
        return new GitHubSnapshot(target, changed, contents, hunks, blobs, config, tree, baseTree, truncated);
    }

    private static ChangedFile changedFile(GHPullRequestFileDetail file) {
        String path = file.getFilename();
        return switch (file.getStatus()) {
            case "added", "copied" -> ChangedFile.of(path, ChangeStatus.ADDED);
            case "removed" -> ChangedFile.of(path, ChangeStatus.REMOVED);
            case "renamed" -> file.getPreviousFilename() == null
                    ? ChangedFile.of(path, ChangeStatus.MODIFIED)
                    : ChangedFile.renamed(file.getPreviousFilename(), path);
            default -> ChangedFile.of(path, ChangeStatus.MODIFIED);
        };
    }

    /**
     * A file at a commit through the contents API; empty when it does not exist there, or when the
     * path is not a plain repository path (github-api escapes '%' but leaves {@code ..} alone,
     * which would climb to another API endpoint once the URL is resolved).
     */
    static Optional<SourceFile> readAt(GHRepository repository, String path, String ref) throws IOException {
        if (!RepositoryPath.isPlain(path)) {
            return Optional.empty();
        }
        GHContent content;
        try {
            content = repository.getFileContent(path, ref);
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
        if (!content.isFile()) {
            return Optional.empty();
        }
        if ("base64".equals(content.getEncoding()) && content.getEncodedContent() != null) {
            return Optional.of(new SourceFile(path, Base64.getMimeDecoder().decode(content.getEncodedContent())));
        }
        // Files over 1 MB come without inline content: read the blob through the API, not the
        // download_url the answer names (another host, which the installation token must not reach).
        if (content.getSha() == null || !content.getSha().matches("[0-9a-f]{40,64}")) {
            throw new IOException("GitHub listed " + path + " without its blob id");
        }
        try (InputStream in = repository.readBlob(content.getSha())) {
            return Optional.of(new SourceFile(path, in.readAllBytes()));
        }
    }

    public PullRequestTarget target() {
        return target;
    }

    /** The blob id at head of every changed file that exists there, as GitHub lists it. */
    public Map<String, String> blobs() {
        return blobs;
    }

    /**
     * The repository at the base commit, for what the policy reads from the base branch
     * (CODEOWNERS, a table statistics export): a pull request cannot change its own policy.
     */
    @Override
    public FileTree baseTree() {
        return baseTree;
    }

    /** The diff hunks of a changed file (none when GitHub omitted its patch). */
    public DiffHunks hunks(String path) {
        return hunks.getOrDefault(path, DiffHunks.none());
    }

    /**
     * Fails with the first GitHub error met while the engine read the repository on demand: the
     * engine reports an unreadable file as a finding, but a GitHub outage must be retried instead.
     */
    public void rethrowReadFailure() throws IOException {
        for (FileTree tree : List.of(headTree, baseTree)) {
            if (tree instanceof MergedTree merged && merged.failure != null) {
                throw merged.failure;
            }
        }
    }

    /** Whether the pull request changes more files than GitHub lists, so some were not reviewed. */
    public boolean truncated() {
        return truncated;
    }

    @Override
    public String description() {
        return target.describe();
    }

    @Override
    public List<ChangedFile> changedFiles() {
        return changed;
    }

    /**
     * The content at head of the changed files that may be migrations: every added file, and the
     * modified files the candidate filter accepted. Other files are never downloaded.
     */
    @Override
    public List<SourceFile> headContents() {
        return contents;
    }

    /**
     * The repository as the merge would leave it: the changed files at head, the others at the base
     * commit (for an untouched file that is its content at head, unless the base moved on since).
     */
    @Override
    public FileTree headTree() {
        return headTree;
    }

    @Override
    public Optional<SourceFile> baseConfig() {
        return baseConfig;
    }

    @Override
    public PullRequestInfo info() {
        return new PullRequestInfo(target.title(), target.body(), target.author());
    }

    /**
     * The files of one commit, read on demand and remembered across reviews. The commit's whole
     * listing (one request) tells which files do not exist, so looking for them costs nothing.
     */
    private static final class CommitFiles {
        private final GHRepository repository;
        private final String name;
        private final String sha;
        private final CommitCache cache;

        CommitFiles(GHRepository repository, String name, String sha, CommitCache cache) {
            this.repository = repository;
            this.name = name;
            this.sha = sha;
            this.cache = cache;
        }

        RepositoryTree tree() throws IOException {
            return cache.tree(name, sha, () -> {
                GHTree tree = repository.getTreeRecursive(sha, 1);
                return RepositoryTree.of(tree.getTree().stream().filter(e -> "blob".equals(e.getType()))
                        .map(GHTreeEntry::getPath).toList(), !tree.isTruncated());
            });
        }

        /** The file, unless the commit's listing shows it is absent. */
        Optional<SourceFile> read(String path) throws IOException {
            return tree().surelyAbsent(path) ? Optional.empty() : readAtCommit(path);
        }

        Optional<SourceFile> readAtCommit(String path) throws IOException {
            return cache.file(name, sha, path, () -> readAt(repository, path, sha));
        }
    }

    /**
     * The repository as merging the pull request would leave it, which is what GitHub's own checks
     * test: the changed files at head, everything else at the base commit. Files the change does not
     * touch come from the base, so one listing and one read serve every pull request into that base.
     */
    private static final class MergedTree implements FileTree {
        private final CommitFiles base;
        private final CommitFiles head;
        private final Map<String, ChangedFile> changes = new HashMap<>();
        private final Map<String, SourceFile> known = new HashMap<>();
        private volatile IOException failure;

        MergedTree(CommitFiles base, CommitFiles head, List<ChangedFile> changed, List<SourceFile> contents) {
            this.base = base;
            this.head = head;
            for (ChangedFile change : changed) {
                changes.put(change.path(), change);
                change.previousPath().ifPresent(previous -> changes.putIfAbsent(previous,
                        ChangedFile.of(previous, ChangeStatus.REMOVED)));
            }
            contents.forEach(file -> known.put(file.path(), file));
        }

        @Override
        public Optional<SourceFile> read(String path) {
            try {
                ChangedFile change = changes.get(path);
                if (change == null) {
                    return base.read(path);
                }
                if (!change.status().existsAtHead()) {
                    return Optional.empty();
                }
                SourceFile own = known.get(path);
                return own != null ? Optional.of(own) : head.readAtCommit(path);
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
            }
        }

        @Override
        public List<String> list(String folder) {
            String prefix = folder.isEmpty() || folder.endsWith("/") ? folder : folder + "/";
            try {
                var paths = new TreeSet<String>();
                for (String path : base.tree().paths()) {
                    if (path.startsWith(prefix)) {
                        paths.add(path);
                    }
                }
                changes.values().forEach(change -> {
                    if (change.path().startsWith(prefix)) {
                        if (change.status().existsAtHead()) {
                            paths.add(change.path());
                        } else {
                            paths.remove(change.path());
                        }
                    }
                });
                return List.copyOf(paths);
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("cannot list the repository: " + e.getMessage(), e);
            }
        }
    }
}

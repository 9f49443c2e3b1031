package dev.migrationreview.github;

import dev.migrationreview.config.ReviewConfig;
import dev.migrationreview.discovery.FileTree;
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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    private final Optional<SourceFile> baseConfig;
    private final FileTree headTree;
    private final boolean truncated;

    private GitHubSnapshot(PullRequestTarget target, List<ChangedFile> changed, List<SourceFile> contents,
                           Map<String, DiffHunks> hunks, Optional<SourceFile> baseConfig, FileTree headTree, boolean truncated) {
        this.target = target;
        this.changed = List.copyOf(changed);
        this.contents = List.copyOf(contents);
        this.hunks = Map.copyOf(hunks);
        this.baseConfig = baseConfig;
        this.headTree = headTree;
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
        Optional<SourceFile> config = cache.file(target.repository(), target.baseSha(), ReviewConfig.DEFAULT_PATH,
                () -> readAt(repository, ReviewConfig.DEFAULT_PATH, target.baseSha()));
        Predicate<String> mayBeMigration = candidates.apply(config);
        var changed = new ArrayList<ChangedFile>();
        var contents = new ArrayList<SourceFile>();
        var hunks = new HashMap<String, DiffHunks>();
        var tree = new HeadTree(repository, target, cache);
        int listed = 0;
        for (GHPullRequestFileDetail file : pr.listFiles().withPageSize(PAGE_SIZE)) {
            if (listed++ >= GITHUB_FILE_CAP) {
                break;
            }
            ChangedFile change = changedFile(file);
            changed.add(change);
            DiffHunks fileHunks = file.getPatch() == null ? DiffHunks.none() : DiffHunks.parse(file.getPatch());
            hunks.put(change.path(), fileHunks);
            if (!change.status().existsAtHead()) {
                continue;
            }
            Optional<String> fromPatch = change.status() == ChangeStatus.ADDED ? fileHunks.createdFileContent() : Optional.empty();
            if (fromPatch.isPresent()) {
                contents.add(SourceFile.of(change.path(), fromPatch.get()));
            } else if (mayBeMigration.test(change.path())) {
                tree.readChecked(change.path()).ifPresent(contents::add);
            }
        }
        changed.sort(Comparator.comparing(ChangedFile::path));
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < changed.size(); i++) {
            order.put(changed.get(i).path(), i);
        }
        contents.sort(Comparator.comparing(f -> order.get(f.path())));
        boolean truncated = listed > GITHUB_FILE_CAP || target.changedFiles() > GITHUB_FILE_CAP;
        return new GitHubSnapshot(target, changed, contents, hunks, config, tree, truncated);
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

    /** A file at a commit through the contents API; empty when it does not exist there. */
    static Optional<SourceFile> readAt(GHRepository repository, String path, String ref) throws IOException {
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
            return Optional.of(new SourceFile(path, java.util.Base64.getMimeDecoder().decode(content.getEncodedContent())));
        }
        // Files over 1 MB come without inline content: fetch the raw bytes.
        try (InputStream in = content.read()) {
            return Optional.of(new SourceFile(path, in.readAllBytes()));
        }
    }

    public PullRequestTarget target() {
        return target;
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
        if (headTree instanceof HeadTree tree && tree.failure != null) {
            throw tree.failure;
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

    /** The repository at head, read on demand (a migration that includes another file) and remembered. */
    private static final class HeadTree implements FileTree {
        private final GHRepository repository;
        private final String name;
        private final String sha;
        private final CommitCache cache;

        HeadTree(GHRepository repository, PullRequestTarget target, CommitCache cache) {
            this.repository = repository;
            this.name = target.repository();
            this.sha = target.headSha();
            this.cache = cache;
        }

        private volatile IOException failure;

        Optional<SourceFile> readChecked(String path) throws IOException {
            return cache.file(name, sha, path, () -> readAt(repository, path, sha));
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
    }
}

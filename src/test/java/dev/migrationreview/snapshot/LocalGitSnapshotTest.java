package dev.migrationreview.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationreview.discovery.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalGitSnapshotTest {

    @TempDir
    Path dir;

    private TemporaryGitRepository repositoryWithFeatureBranch(String defaultBranch) {
        var repo = TemporaryGitRepository.init(dir, defaultBranch)
                .write("db/migration/V1__users.sql", "CREATE TABLE users (id bigint);\n")
                .write("db/migration/V2__orders.sql", "CREATE TABLE orders (id bigint);\n")
                .write("db/old_name.sql", "SELECT 1;\nSELECT 2;\nSELECT 3;\nSELECT 4;\n")
                .write("docs/readme.md", "hello\n")
                .write(".github/migration-review.yml", "database: postgresql\n")
                .commit("initial schema");
        repo.branch("feature")
                .write("db/migration/V3__email.sql", "ALTER TABLE users ADD COLUMN email text;\n")
                .write("db/migration/V2__orders.sql", "CREATE TABLE orders (id bigint, total numeric);\n")
                .write(".github/migration-review.yml", "database: mysql\n")
                .commit("Add email to users\n\nNeeded for sign-in.");
        repo.git("rm", "--quiet", "docs/readme.md");
        repo.git("mv", "db/old_name.sql", "db/new_name.sql");
        return repo.commit("tidy up");
    }

    @Test
    void readsWhatAPullRequestFromHeadIntoMainWouldContain() {
        var repo = repositoryWithFeatureBranch("main");
        repo.checkout("main").write("db/migration/V9__later_on_main.sql", "SELECT 1;\n").commit("main moves on");
        repo.checkout("feature");

        var snapshot = LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty());

        assertThat(snapshot.changedFiles()).containsExactly(
                ChangedFile.of(".github/migration-review.yml", ChangeStatus.MODIFIED),
                ChangedFile.of("db/migration/V2__orders.sql", ChangeStatus.MODIFIED),
                ChangedFile.of("db/migration/V3__email.sql", ChangeStatus.ADDED),
                ChangedFile.renamed("db/old_name.sql", "db/new_name.sql"),
                ChangedFile.of("docs/readme.md", ChangeStatus.REMOVED));
        assertThat(snapshot.headContents()).extracting(SourceFile::path).containsExactly(
                ".github/migration-review.yml", "db/migration/V2__orders.sql", "db/migration/V3__email.sql", "db/new_name.sql");
        assertThat(text(snapshot.headContents().get(2))).isEqualTo("ALTER TABLE users ADD COLUMN email text;\n");
        assertThat(snapshot.description()).startsWith("HEAD against main");
    }

    @Test
    void takesTheConfigurationFromTheBaseSoAPullRequestCannotRelaxItsOwnReview() {
        var repo = repositoryWithFeatureBranch("main");

        var snapshot = LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty());

        assertThat(snapshot.baseConfig()).map(LocalGitSnapshotTest::text).contains("database: postgresql\n");
    }

    @Test
    void theHeadTreeReadsAndListsFilesAtTheHeadRevisionNotTheWorkingTree() {
        var repo = repositoryWithFeatureBranch("main");
        repo.write("db/migration/V3__email.sql", "uncommitted edit");

        var tree = LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty()).headTree();

        assertThat(tree.read("db/migration/V3__email.sql")).map(LocalGitSnapshotTest::text)
                .contains("ALTER TABLE users ADD COLUMN email text;\n");
        assertThat(tree.read("./db/migration/V1__users.sql")).isPresent();
        assertThat(tree.read("docs/readme.md")).isEmpty();
        assertThat(tree.list("db/migration")).containsExactly(
                "db/migration/V1__users.sql", "db/migration/V2__orders.sql", "db/migration/V3__email.sql");
        assertThat(tree.list("")).contains(".github/migration-review.yml", "db/new_name.sql");
        assertThat(tree.list("no/such/folder")).isEmpty();
    }

    @Test
    void theTreeNeverReadsOutsideTheRepositoryNorFollowsACommittedLink(@TempDir Path elsewhere) throws Exception {
        Path secret = Files.writeString(elsewhere.resolve("secret.sql"), "SELECT 'outside';");
        var repo = repositoryWithFeatureBranch("main");
        Files.createSymbolicLink(repo.root().resolve("db/linked.sql"), secret);
        repo.commit("a link to a file outside");

        var tree = LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty()).headTree();

        assertThat(tree.read("db/linked.sql")).as("git keeps the link's target, not the file").map(LocalGitSnapshotTest::text)
                .contains(secret.toString());
        for (String outside : List.of("../secret.sql", secret.toString(), "db/../../secret.sql", "..\\secret.sql",
                "%2e%2e/secret.sql", "file:" + secret)) {
            assertThat(tree.read(outside)).as(outside).isEmpty();
            assertThat(tree.list(outside)).as(outside).isEmpty();
        }
    }

    @Test
    void fallsBackToMasterWhenThereIsNoMainAndPrefersOriginHead(@TempDir Path remoteDir) {
        var repo = repositoryWithFeatureBranch("master");
        assertThat(LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty()).description())
                .startsWith("HEAD against master");

        repo.git("update-ref", "refs/remotes/origin/trunk", "master");
        repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk");
        assertThat(LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty()).description())
                .startsWith("HEAD against origin/trunk");
    }

    @Test
    void explicitBaseAndHeadPickTheRange() {
        var repo = repositoryWithFeatureBranch("main");
        repo.checkout("main");

        var snapshot = LocalGitSnapshot.open(repo.root(), Optional.of("main"), Optional.of("feature~1"));

        assertThat(snapshot.changedFiles()).extracting(ChangedFile::path).containsExactly(
                ".github/migration-review.yml", "db/migration/V2__orders.sql", "db/migration/V3__email.sql");
        assertThat(snapshot.info().title()).contains("Add email to users");
        assertThat(snapshot.info().body()).contains("Needed for sign-in.");
        assertThat(snapshot.info().author()).contains("Test Author <author@example.com>");
    }

    @Test
    void severalCommitsLeaveTheTitleUnknown() {
        var repo = repositoryWithFeatureBranch("main");

        var info = LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty()).info();

        assertThat(info.title()).isEmpty();
        assertThat(info.author()).contains("Test Author <author@example.com>");
    }

    @Test
    void worksFromASubfolderOfTheRepository() throws Exception {
        var repo = repositoryWithFeatureBranch("main");

        var snapshot = LocalGitSnapshot.open(repo.root().resolve("db/migration"), Optional.empty(), Optional.empty());

        assertThat(snapshot.changedFiles()).hasSize(5);
        assertThat(snapshot.root().toRealPath()).isEqualTo(repo.root().toRealPath());
    }

    @Test
    void binaryFilesAreReadByteForByte() {
        var repo = repositoryWithFeatureBranch("main");
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, '\n', 0, 'x'};
        repo.write("db/migration/V4__blob.sql", binary).commit("binary");

        var contents = LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty()).headContents();

        assertThat(contents).filteredOn(f -> f.path().endsWith("V4__blob.sql")).singleElement()
                .satisfies(f -> assertThat(f.content()).isEqualTo(binary));
    }

    @Test
    void aFolderOutsideAnyRepositoryIsAClearError() {
        assertThatThrownBy(() -> LocalGitSnapshot.open(dir, Optional.empty(), Optional.empty()))
                .isInstanceOf(SnapshotException.class)
                .hasMessageContaining("is not inside a git repository")
                .hasMessageContaining("review PATH");
    }

    @Test
    void unknownRevisionsAndMissingDefaultBranchAreClearErrors() {
        var repo = TemporaryGitRepository.init(dir, "trunk").write("a.sql", "SELECT 1;").commit("one");

        assertThatThrownBy(() -> LocalGitSnapshot.open(repo.root(), Optional.empty(), Optional.empty()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("Pass --base REF");
        assertThatThrownBy(() -> LocalGitSnapshot.open(repo.root(), Optional.of("nope"), Optional.empty()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("base revision 'nope' does not name a commit");
        assertThatThrownBy(() -> LocalGitSnapshot.open(repo.root(), Optional.of("trunk"), Optional.of("--output=x")))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("head revision '--output=x'");
    }

    @Test
    void unrelatedHistoriesHaveNoMergeBase() {
        var repo = TemporaryGitRepository.init(dir, "main").write("a.sql", "SELECT 1;").commit("one");
        repo.git("checkout", "--quiet", "--orphan", "other");
        repo.write("b.sql", "SELECT 2;").commit("unrelated");

        assertThatThrownBy(() -> LocalGitSnapshot.open(repo.root(), Optional.of("main"), Optional.empty()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("share no history");
    }

    @Test
    void aShallowCloneWithoutTheMergeBaseSaysToFetchMoreHistory(@TempDir Path cloneDir) {
        var repo = repositoryWithFeatureBranch("main");
        repo.checkout("main").write("db/later.sql", "SELECT 1;").commit("main moves on");
        var clone = TemporaryGitRepository.init(cloneDir, "main");
        clone.git("fetch", "--quiet", "--depth=1", repo.root().toUri().toString(),
                "main:refs/remotes/origin/main", "feature:refs/remotes/origin/feature");
        clone.git("checkout", "--quiet", "-b", "feature", "origin/feature");

        assertThatThrownBy(() -> LocalGitSnapshot.open(clone.root(), Optional.of("origin/main"), Optional.empty()))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("shallow clone").hasMessageContaining("fetch-depth: 0");
    }

    @Test
    void aStuckGitIsStoppedAtTheTimeLimit() {
        var repo = repositoryWithFeatureBranch("main");
        var git = new Git(repo.root(), Duration.ofMillis(300));
        long started = System.nanoTime();

        assertThatThrownBy(() -> git.run("-c", "alias.stall=!sleep 20", "stall"))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("did not finish within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }

    private static String text(SourceFile file) {
        return new String(file.content(), StandardCharsets.UTF_8);
    }
}

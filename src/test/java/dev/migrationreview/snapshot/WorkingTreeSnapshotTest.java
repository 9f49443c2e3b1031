package dev.migrationreview.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.migrationreview.discovery.SourceFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkingTreeSnapshotTest {

    @TempDir
    Path dir;

    @Test
    void foldersInAGitWorkingTreeSkipWhatGitIgnoresButKeepUntrackedFiles() {
        var repo = TemporaryGitRepository.init(dir, "main")
                .write(".gitignore", "build/\n")
                .write("db/migration/V1__a.sql", "SELECT 1;")
                .write("db/build/V9__generated.sql", "SELECT 9;")
                .commit("one");
        repo.write("db/migration/V2__new.sql", "SELECT 2;");

        var snapshot = WorkingTreeSnapshot.of(Optional.of(repo.root()), List.of(repo.root().resolve("db")));

        assertThat(snapshot.changedFiles()).containsExactly(
                ChangedFile.of("db/migration/V1__a.sql", ChangeStatus.ADDED),
                ChangedFile.of("db/migration/V2__new.sql", ChangeStatus.ADDED));
        assertThat(snapshot.headContents()).extracting(f -> new String(f.content(), StandardCharsets.UTF_8))
                .containsExactly("SELECT 1;", "SELECT 2;");
        assertThat(snapshot.description()).isEqualTo("2 files in the working tree");
    }

    @Test
    void anIgnoredFolderNamedExplicitlyIsStillRead() {
        var repo = TemporaryGitRepository.init(dir, "main").write(".gitignore", "build/\n").commit("ignore build");
        repo.write("build/V1__generated.sql", "SELECT 1;");

        var snapshot = WorkingTreeSnapshot.of(Optional.of(repo.root()), List.of(repo.root().resolve("build")));

        assertThat(snapshot.changedFiles()).extracting(ChangedFile::path).containsExactly("build/V1__generated.sql");
    }

    @Test
    void outsideGitEveryFileButTheGitFolderIsRead() throws Exception {
        Files.createDirectories(dir.resolve("db/.git"));
        Files.writeString(dir.resolve("db/.git/config"), "x");
        Files.writeString(dir.resolve("db/V1__a.sql"), "SELECT 1;");
        Files.createDirectories(dir.resolve(".github"));
        Files.writeString(dir.resolve(".github/migration-review.yml"), "database: mysql\n");

        var snapshot = WorkingTreeSnapshot.of(Optional.of(dir), List.of(dir.resolve("db")));

        assertThat(snapshot.changedFiles()).extracting(ChangedFile::path).containsExactly("db/V1__a.sql");
        assertThat(snapshot.description()).isEqualTo("db/V1__a.sql in the working tree");
        assertThat(snapshot.baseConfig()).map(SourceFile::path).contains(".github/migration-review.yml");
        assertThat(snapshot.headTree().read("db/V1__a.sql")).isPresent();
        assertThat(snapshot.info()).isEqualTo(PullRequestInfo.UNKNOWN);
    }

    @Test
    void pathsOutsideTheRepositoryOrMissingAreClearErrors() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Path outside = Files.writeString(dir.resolve("elsewhere.sql"), "SELECT 1;");

        assertThatThrownBy(() -> WorkingTreeSnapshot.of(Optional.of(repo), List.of(outside)))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("is outside").hasMessageContaining("--repo");
        assertThatThrownBy(() -> WorkingTreeSnapshot.of(Optional.of(repo), List.of(repo.resolve("missing.sql"))))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("no such file or folder");
        assertThatThrownBy(() -> WorkingTreeSnapshot.of(Optional.of(dir.resolve("nope")), List.of(outside)))
                .isInstanceOf(SnapshotException.class).hasMessageContaining("no such repository folder");
    }
}

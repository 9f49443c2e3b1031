package dev.migrationreview.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryFileTreeTest {

    @TempDir
    Path repository;

    private void write(String path, String text) throws IOException {
        Path file = repository.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void readsAndListsWithRepositoryRelativeSlashPaths() throws IOException {
        write("db/migration/V1__a.sql", "SELECT 1;");
        write("db/migration/sub/V2__b.sql", "SELECT 2;");
        write("db/other.txt", "x");
        write(".git/config", "[core]");
        write("db/.git/HEAD", "ref");
        var tree = new DirectoryFileTree(repository);

        assertThat(tree.list("db")).containsExactly("db/migration/V1__a.sql", "db/migration/sub/V2__b.sql", "db/other.txt");
        assertThat(tree.list("")).containsExactly("db/migration/V1__a.sql", "db/migration/sub/V2__b.sql", "db/other.txt");
        assertThat(tree.list("db/migration/sub")).containsExactly("db/migration/sub/V2__b.sql");
        assertThat(tree.read("db/migration/V1__a.sql")).hasValueSatisfying(file -> {
            assertThat(file.path()).isEqualTo("db/migration/V1__a.sql");
            assertThat(new String(file.content(), StandardCharsets.UTF_8)).isEqualTo("SELECT 1;");
        });
    }

    @Test
    void missingFoldersAndFilesAreEmpty() throws IOException {
        write("db/a.sql", "");
        var tree = new DirectoryFileTree(repository);
        assertThat(tree.read("db/missing.sql")).isEmpty();
        assertThat(tree.read("db")).isEmpty();
        assertThat(tree.list("nowhere")).isEmpty();
        assertThat(tree.list("db/a.sql")).isEmpty();
        assertThat(tree.read("db/\u0000bad")).isEmpty();
    }

    @Test
    void pathsLeadingOutsideTheFolderReadAsAbsent() throws IOException {
        Path outside = Files.createTempFile("outside", ".sql");
        try {
            Files.writeString(outside, "secret");
            Files.createDirectories(repository.resolve("db"));
            Files.createSymbolicLink(repository.resolve("db/link.sql"), outside);
            var tree = new DirectoryFileTree(repository.resolve("db"));
            assertThat(tree.read(tree.root().relativize(outside).toString())).isEmpty();
            assertThat(tree.read("link.sql")).isEmpty();
            assertThat(tree.read("/" + outside)).isEmpty();
            assertThat(tree.list("..")).isEmpty();
            String fromRoot = tree.root().relativize(outside).toString();
            for (String disguised : List.of("file:" + outside, fromRoot.replace("/", "\\"), fromRoot.replace("..", "%2e%2e"),
                    "db/../" + fromRoot)) {
                assertThat(tree.read(disguised)).as(disguised).isEmpty();
            }
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void aMissingRootIsRefusedUpFront() {
        assertThatThrownBy(() -> new DirectoryFileTree(repository.resolve("absent")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("absent");
    }
}

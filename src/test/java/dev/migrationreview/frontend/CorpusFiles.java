package dev.migrationreview.frontend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The shared corpus of real migrations, read in place (system property {@code shared.dir}, else ../shared). */
public final class CorpusFiles {

    private CorpusFiles() {}

    public static Path root() {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared"));
        Path corpus = shared.resolve("corpus");
        if (!Files.isDirectory(corpus)) {
            throw new IllegalStateException("The shared corpus is missing: expected " + corpus.toAbsolutePath()
                    + " (set -Dshared.dir to the folder holding corpus/)");
        }
        return corpus;
    }

    /** Every regular file under the corpus folders of the given frameworks, sorted. */
    public static List<Path> list(String... frameworks) {
        var files = new ArrayList<Path>();
        for (String framework : frameworks) {
            try (Stream<Path> walk = Files.walk(root().resolve(framework))) {
                walk.filter(Files::isRegularFile).sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }
}

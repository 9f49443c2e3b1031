package dev.migrationreview.discovery;

import dev.migrationreview.config.ReviewConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Works out which database a migration is written for, strongest evidence first: the
 * configuration; Prisma's {@code migration_lock.toml}; a database name in the file name
 * ({@code x.mysql.up.sql}, {@code V1__x___H2.sql}) or in a folder, nearest first; syntax only one
 * database accepts; finally PostgreSQL 16.
 */
final class DialectInference {

    private static final String PRISMA_LOCK = "migration_lock.toml";
    private static final Pattern PRISMA_PROVIDER = Pattern.compile("(?m)^[ \\t]*provider[ \\t]*=[ \\t]*\"([^\"\\n]*)\"");

    private final RepositoryView repository;
    private final ReviewConfig config;
    private final Map<String, Optional<Dialect>> prismaLocks = new HashMap<>();

    DialectInference(RepositoryView repository, ReviewConfig config) {
        this.repository = repository;
        this.config = config;
    }

    Dialect infer(String path, Framework framework, FileText text) {
        if (config.database().isPresent()) {
            DatabaseKind kind = config.database().get();
            Dialect configured = Dialect.of(kind, "config");
            return config.databaseVersion().map(v -> new Dialect(kind, v, "config")).orElse(configured);
        }
        Optional<Dialect> prisma = framework == Framework.PRISMA ? prismaLock(path) : Optional.empty();
        return prisma
                .or(() -> fromFileName(path))
                .or(() -> fromFolders(path))
                .or(() -> framework.isSql() ? fromSyntax(text) : Optional.empty())
                .orElseGet(Dialect::defaultPostgres);
    }

    /** The provider of the nearest lock file, looking from the migrations folder upwards. */
    private Optional<Dialect> prismaLock(String path) {
        String folder = PathParts.folder(PathParts.folder(path));
        while (true) {
            Optional<Dialect> found = prismaLocks.computeIfAbsent(folder, this::prismaLockIn);
            if (found.isPresent() || folder.isEmpty()) {
                return found;
            }
            folder = PathParts.folder(folder);
        }
    }

    private Optional<Dialect> prismaLockIn(String folder) {
        String lock = PathParts.join(folder, PRISMA_LOCK);
        if (!repository.exists(lock)) {
            return Optional.empty();
        }
        return repository.read(lock).flatMap(file -> {
            Matcher provider = PRISMA_PROVIDER.matcher(FileText.of(file.content()).text());
            return provider.find() ? DatabaseKind.fromName(provider.group(1)) : Optional.empty();
        }).map(kind -> Dialect.of(kind, "prisma " + PRISMA_LOCK));
    }

    /**
     * Dot-separated qualifiers ({@code 2023_x.cockroach.up.sql}), or a last {@code __}-separated part
     * that is not a Flyway description ({@code V1_2__x___SQL_SERVER.sql}).
     */
    private static Optional<Dialect> fromFileName(String path) {
        String[] dotParts = PathParts.stem(path).split("\\.", -1);
        for (int k = dotParts.length - 1; k >= 1; k--) {
            Optional<Dialect> dialect = named(dotParts[k], "file name part");
            if (dialect.isPresent()) {
                return dialect;
            }
        }
        return MigrationNames.databaseSuffix(dotParts[0]).flatMap(suffix -> named(suffix, "file name part"));
    }

    private static Optional<Dialect> fromFolders(String path) {
        List<String> folders = PathParts.folders(path);
        for (int k = folders.size() - 1; k >= 0; k--) {
            String folder = folders.get(k);
            Optional<Dialect> whole = named(folder, "path segment");
            if (whole.isPresent()) {
                return whole;
            }
            String[] words = folder.split("[-_. ]+");
            for (int w = 0; w < words.length; w++) {
                Optional<Dialect> word = named(words[w], "path segment");
                if (word.isEmpty() && w + 1 < words.length) {
                    word = named(words[w] + "_" + words[w + 1], "path segment");
                }
                if (word.isPresent()) {
                    return word;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Dialect> named(String word, String where) {
        if (word.isEmpty()) {
            return Optional.empty();
        }
        return DatabaseKind.fromName(word).map(kind -> Dialect.of(kind, where + " '" + word + "'"));
    }

    private static Optional<Dialect> fromSyntax(FileText text) {
        return SyntaxSniffer.sniff(text.text()).map(e -> Dialect.of(e.kind(), "syntax: " + e.marker()));
    }
}

package dev.migrationreview.frontend.liquibase;

import dev.migrationreview.discovery.FileTree;
import dev.migrationreview.discovery.RepositoryPath;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Finds the files a changelog names ({@code include}, {@code includeAll}, {@code sqlFile}) in the
 * repository. Liquibase resolves names relative to the changelog or to the classpath, which in a
 * repository means a resources folder ({@code src/main/resources/}), possibly another module's.
 * A name that climbs out of the repository, is absolute or is a URL ({@code file:}) is never read
 * ({@link RepositoryPath} decides).
 */
final class RepositoryPaths {

    private static final String RESOURCES = "/resources/";

    private RepositoryPaths() {}

    /** Where a name led: the repository paths it may denote, in the order Liquibase would try them. */
    sealed interface Lookup {
        record Candidates(List<String> paths) implements Lookup {
            public Candidates {
                paths = List.copyOf(paths);
            }
        }

        record OutsideRepository(String name) implements Lookup {}
    }

    static Lookup candidates(String changelogPath, String name, boolean relativeToChangelog) {
        String cleaned = name.strip().replace('\\', '/').replaceFirst("^classpath\\*?:", "");
        var paths = new LinkedHashSet<String>();
        if (relativeToChangelog) {
            var resolved = RepositoryPath.resolve(folderOf(changelogPath), cleaned);
            if (resolved.isEmpty()) {
                return new Lookup.OutsideRepository(name);
            }
            paths.add(resolved.get());
        } else {
            // On the classpath a leading '/' is its root, not the machine's.
            String classpathName = cleaned.replaceFirst("^/+", "");
            var inRoot = RepositoryPath.resolve(classpathRoot(changelogPath), classpathName);
            var inRepository = RepositoryPath.inside(classpathName);
            if (inRoot.isEmpty() && inRepository.isEmpty()) {
                return new Lookup.OutsideRepository(name);
            }
            inRoot.ifPresent(paths::add);
            inRepository.ifPresent(paths::add);
        }
        return new Lookup.Candidates(List.copyOf(paths));
    }

    /** The first candidate that is a file, else one in another module's resources folder. */
    static Optional<String> findFile(Lookup.Candidates lookup, String name, boolean relativeToChangelog, FileTree repository) {
        for (String path : lookup.paths()) {
            if (repository.read(path).isPresent()) {
                return Optional.of(path);
            }
        }
        if (relativeToChangelog) {
            return Optional.empty();
        }
        // The classpath spans every module: the file may sit in a sibling module's resources.
        String suffix = RESOURCES + name.strip().replace('\\', '/').replaceFirst("^classpath\\*?:", "").replaceFirst("^/+", "");
        return repository.list("").stream().filter(p -> p.endsWith(suffix)).findFirst();
    }

    /** The first candidate folder holding files. */
    static Optional<String> findFolder(Lookup.Candidates lookup, FileTree repository) {
        return lookup.paths().stream().map(p -> p.replaceFirst("/+$", "")).filter(p -> !repository.list(p).isEmpty()).findFirst();
    }

    /** The resources folder a changelog sits in ({@code module/src/main/resources}), or the repository root. */
    private static String classpathRoot(String changelogPath) {
        int at = changelogPath.lastIndexOf(RESOURCES);
        return at >= 0 ? changelogPath.substring(0, at + RESOURCES.length() - 1) : "";
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash >= 0 ? path.substring(0, slash) : "";
    }
}

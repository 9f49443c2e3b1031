package dev.migrationreview.discovery;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Paths to files inside a repository, as migrations and the configuration name them (a Liquibase
 * include, {@code proof.base_schema}, {@code extends: repo:path}). One rule decides what stays
 * inside, for every reader: {@code .} and {@code ..} are resolved (also written {@code %2e}, which
 * web servers decode), {@code \} separates folders as {@code /} does, and a path that climbs above
 * the root, is absolute ({@code /etc/passwd}, {@code C:\...}), is a URL ({@code file:...}) or holds
 * a NUL character is outside.
 */
public final class RepositoryPath {

    /** {@code file:}, {@code http:}, {@code C:}: a scheme or drive letter before the first folder. */
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:");

    private RepositoryPath() {}

    /**
     * The path relative to the repository root with {@code .} and {@code ..} resolved and {@code /}
     * between folders; empty when it leads outside the repository. The empty string is the root.
     */
    public static Optional<String> inside(String path) {
        return resolve("", path);
    }

    /**
     * {@code name} taken relative to the repository folder {@code folder} ("" for the root), as
     * {@link #inside}; empty when {@code name} is itself absolute or a URL, or the result climbs out.
     */
    public static Optional<String> resolve(String folder, String name) {
        if (absoluteOrUrl(name)) {
            return Optional.empty();
        }
        String slashed = (folder.isEmpty() ? name : folder + "/" + name).replace('\\', '/');
        Deque<String> parts = new ArrayDeque<>();
        for (String part : slashed.split("/")) {
            String decoded = part.toLowerCase(Locale.ROOT).replace("%2e", ".");
            if (part.isEmpty() || decoded.equals(".")) {
                continue;
            }
            if (decoded.equals("..")) {
                if (parts.isEmpty()) {
                    return Optional.empty();
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return Optional.of(String.join("/", parts));
    }

    private static boolean absoluteOrUrl(String path) {
        return path.startsWith("/") || path.startsWith("\\") || path.indexOf('\0') >= 0 || SCHEME.matcher(path).lookingAt();
    }

    /** Whether the path is already as {@link #inside} would write it: no dot folders, no {@code \}, nothing outside. */
    public static boolean isPlain(String path) {
        return inside(path).filter(path::equals).isPresent();
    }
}

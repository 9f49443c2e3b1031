package dev.migrationreview.discovery;

import java.util.List;
import java.util.Locale;

/** Splitting repository-relative paths ({@code a/b/c.sql}) without touching the file system. */
final class PathParts {

    private PathParts() {}

    static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The containing folder, {@code ""} for a file at the root. */
    static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Lower-case text after the file name's last dot, {@code ""} when there is none. */
    static String extension(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name without its extension. */
    static String stem(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** The folder names from the root down to the file's own folder. */
    static List<String> folders(String path) {
        String folder = folder(path);
        return folder.isEmpty() ? List.of() : List.of(folder.split("/"));
    }

    static String join(String folder, String name) {
        return folder.isEmpty() ? name : folder + "/" + name;
    }
}
